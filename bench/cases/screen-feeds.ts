import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import http from 'node:http';
import * as path from 'node:path';
import type { BenchStack } from '../support/bench-stack.js';
import { HttpClient } from '../support/http-client.js';
import { cpuMeter } from '../support/processes.js';
import type { BenchContext } from '../support/result.js';
import { round, summary } from '../support/stats.js';

const GROUPS = ['community', 'service_hall', 'reading_room', 'station'];

/**
 * screen_feeds: 1,000 screens polling their feeds with If-None-Match (most answers 304, from memory) while 200
 * more hold live event streams open; requests/s at saturation (a closed loop of keep-alive connections) and the
 * latency percentiles. The load generator shares the machine's cores with the API, so it is `wrk` when installed
 * (Debian: apt-get install wrk; C, a fraction of the CPU per request) and node:http otherwise; either way the
 * rate is a lower bound of what the API alone could serve, and the CPU each side used is reported.
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
    const generator = ctx.params.generator ?? (hasWrk() ? 'wrk' : 'node');
    if (generator === 'node' && !ctx.params.generator) {
      ctx.log('screen_feeds: wrk is not installed (bash scripts/setup.sh, or apt-get install wrk); using the node:http generator, which takes much of the CPU the API would have: the rate is a lower bound');
    }
    if (generator === 'wrk') {
      const cpu = cpuMeter({ api: s.api.pid });
      const w = await runWrk(s.apiUrl, s.root, pollers, connections, durationMs);
      const used = cpu.stop();
      await s.profileMark('screen_feeds');
      ctx.emit({
        name: 'screen_feeds',
        value: round(w.requests / w.seconds, 0),
        unit: 'req/s',
        p50: w.p50,
        p99: w.p99,
        max: w.max,
        target: '>= 5000 req/s, p99 < 20 ms',
        met: w.requests / w.seconds >= 5000 && w.p99 < 20,
        generator: 'wrk',
        screens,
        connections,
        statuses: { 304: w.requests - w.other, other: w.other },
        errors: w.errors,
        event_streams: streams,
        event_streams_open_at_end: sse.open(),
        seconds: round(w.seconds, 2),
        api_cpu_per_s: round(used.api / w.seconds, 2),
      });
      sse.close();
      return;
    }
    // the generator is this process alone: cpuMeter would add its children (the API, worker, postmaster, Redis)
    const cpu = cpuMeter({ api: s.api.pid });
    const ownCpu = process.cpuUsage();
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
    const own = process.cpuUsage(ownCpu);
    const used: Record<string, number> = { ...cpu.stop(), bench: (own.user + own.system) / 1e6 };
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
      generator: 'node:http',
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

function hasWrk(): boolean {
  return spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).stdout.trim() !== '';
}

/** wrk with a script that cycles through the screens, each with its own token and ETag; numbers come back as JSON. */
async function runWrk(
  baseUrl: string,
  dir: string,
  screens: { id: string; token: string; etag: string }[],
  connections: number,
  durationMs: number,
): Promise<{ requests: number; seconds: number; p50: number; p99: number; max: number; other: number; errors: number }> {
  const lua = path.join(dir, 'screens.lua');
  const entries = screens.map((x) => `{"/api/screens/${x.id}/feed","Bearer ${x.token}",${JSON.stringify(x.etag)}}`).join(',\n');
  fs.writeFileSync(
    lua,
    `local screens = {${entries}}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#screens); other = 0 end
function request()
  i = i % #screens + 1
  local x = screens[i]
  return wrk.format("GET", x[1], { ["Authorization"] = x[2], ["If-None-Match"] = x[3] })
end
function response(status, headers, body) if status ~= 304 then other = other + 1 end end
function done(summary, latency, requests)
  local o = 0
  for _, t in ipairs(threads) do o = o + t:get("other") end
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"us":%d,"p50":%d,"p99":%d,"max":%d,"other":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, o,
    e.connect + e.read + e.write + e.timeout))
end
`,
  );
  const out = await new Promise<string>((resolve, reject) =>
    execFile('wrk', ['-t2', `-c${connections}`, `-d${Math.round(durationMs / 1000)}s`, '--timeout', '5s', '-s', lua, baseUrl], { maxBuffer: 1 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
  const line = /WRK (\{.*\})/.exec(out)?.[1];
  if (!line) throw new Error(`wrk printed no result:\n${out}`);
  const r = JSON.parse(line);
  return { requests: r.requests, seconds: r.us / 1e6, p50: round(r.p50 / 1000, 2), p99: round(r.p99 / 1000, 2), max: round(r.max / 1000, 2), other: r.other, errors: r.errors };
}
