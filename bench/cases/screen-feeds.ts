import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { BenchStack } from '../support/bench-stack.js';
import { HttpClient } from '../support/http-client.js';
import { cpuMeter } from '../support/processes.js';
import type { BenchContext } from '../support/result.js';
import { round, summary } from '../support/stats.js';

const GROUPS = ['community', 'service_hall', 'reading_room', 'station'];

/**
 * screen_feeds: 1,000 screens polling their feeds with If-None-Match (most answers 304, from memory) while 200
 * more hold live event streams open; requests/s at saturation (a closed loop of keep-alive connections) and the
 * latency percentiles. The load generator is node:http in the bench process, on the same cores as the API: the
 * rate is a lower bound of what the API alone could serve (its CPU share is reported).
 */
export async function screenFeeds(s: BenchStack, ctx: BenchContext): Promise<void> {
  const screens = ctx.quick ? 200 : 1000;
  const streams = ctx.quick ? 50 : 200;
  const durationMs = ctx.quick ? 3000 : 20000;
  const connections = 32;
  const list = Array.from({ length: screens + streams }, (_, i) => ({ id: randomUUID(), token: randomBytes(32).toString('base64url'), group: GROUPS[i % GROUPS.length], etag: '' }));
  await s.db.query(
    `INSERT INTO screens (id, name, group_code, location, token_hash, token_issued_at, created_by)
     SELECT id, '压测屏 ' || n, g, '压测', h, now(), 'bench' FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, g, h, n)`,
    [list.map((x) => x.id), list.map((x) => x.group), list.map((x) => createHash('sha256').update(x.token, 'utf8').digest('hex'))],
  );
  const pollers = list.slice(0, screens);
  const client = new HttpClient(s.apiUrl, connections);
  try {
    // every screen's first poll: a 200 with the feed and its ETag
    for (let i = 0; i < pollers.length; i += connections) {
      await Promise.all(
        pollers.slice(i, i + connections).map(async (x) => {
          const r = await client.request('GET', `/api/screens/${x.id}/feed`, { headers: { authorization: `Bearer ${x.token}` } });
          if (r.status !== 200) throw new Error(`screen feed: HTTP ${r.status} ${r.text.slice(0, 200)}`);
          x.etag = String(r.headers.etag ?? '');
        }),
      );
    }
    const sse = await openStreams(s.apiUrl, list.slice(screens));
    await s.profileMark(null);
    ctx.log(`screen_feeds: ${screens} screens polling over ${connections} connections for ${durationMs / 1000} s, ${sse.open()} event streams open`);
    const cpu = cpuMeter({ api: s.api.pid, bench: process.pid });
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let errors = 0;
    let next = 0;
    const start = performance.now();
    const end = start + durationMs;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const x = pollers[next++ % pollers.length];
          try {
            const r = await client.request('GET', `/api/screens/${x.id}/feed`, { headers: { authorization: `Bearer ${x.token}`, 'if-none-match': x.etag } });
            latencies.push(r.ms);
            statuses[r.status] = (statuses[r.status] ?? 0) + 1;
            if (r.status === 200) x.etag = String(r.headers.etag ?? '');
          } catch {
            errors++;
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const used = cpu.stop();
    await s.profileMark('screen_feeds');
    const st = summary(latencies);
    const rate = latencies.length / seconds;
    ctx.emit({
      name: 'screen_feeds',
      value: round(rate, 0),
      unit: 'req/s',
      p50: st.p50,
      p99: st.p99,
      max: st.max,
      target: '>= 5000 req/s, p99 < 20 ms',
      met: rate >= 5000 && st.p99 < 20,
      screens,
      connections,
      statuses,
      errors,
      event_streams: streams,
      event_streams_open_at_end: sse.open(),
      seconds: round(seconds, 2),
      // the generator shares the machine: how much CPU each side used per second of the run
      api_cpu_per_s: round(used.api / seconds, 2),
      generator_cpu_per_s: round(used.bench / seconds, 2),
    });
    sse.close();
  } finally {
    client.close();
  }
}

/** Opens one event stream per screen, each on its own connection, and keeps them reading. */
async function openStreams(baseUrl: string, screens: { id: string; token: string }[]): Promise<{ open(): number; close(): void }> {
  const u = new URL(baseUrl);
  const requests: http.ClientRequest[] = [];
  let open = 0;
  await Promise.all(
    screens.map(
      (x) =>
        new Promise<void>((resolve, reject) => {
          const req = http.get(
            { host: u.hostname, port: u.port, path: `/api/screens/${x.id}/events`, agent: false, headers: { authorization: `Bearer ${x.token}`, accept: 'text/event-stream' } },
            (res) => {
              if (res.statusCode !== 200) return reject(new Error(`event stream: HTTP ${res.statusCode}`));
              open++;
              res.on('data', () => undefined);
              res.on('close', () => open--);
              resolve();
            },
          );
          req.on('error', (err) => (open > 0 ? undefined : reject(err)));
          requests.push(req);
        }),
    ),
  );
  return { open: () => open, close: () => requests.forEach((r) => r.destroy()) };
}
