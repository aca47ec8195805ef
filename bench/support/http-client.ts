import http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** milliseconds from the request being written to the last byte of the answer */
  ms: number;
}

/**
 * A small keep-alive HTTP client on node:http: the load generators need connection reuse and as little CPU per
 * request as possible, since they share the machine with the system they measure.
 */
export class HttpClient {
  readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets = 64) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string | number> = { ...opts.headers };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        // name the call: a bare ECONNRESET says nothing about which of many requests failed
        reject(Object.assign(new Error(`${method} ${path}: ${err.code ?? err.message}`, { cause: err }), { code: err.code }));
      });
      req.end(payload);
    });
  }

  async json<T = any>(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; expect?: number[] } = {}): Promise<T> {
    const r = await this.request(method, path, opts);
    if (opts.expect && !opts.expect.includes(r.status)) throw new Error(`${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    return (r.text ? JSON.parse(r.text) : undefined) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Open loop: starts one call every 1000/rate ms for `durationMs`, whatever the answers do, and measures each
 * from its scheduled start, so a slow phase is not hidden by the generator waiting (coordinated omission).
 */
export async function openLoop<T>(
  rate: number,
  durationMs: number,
  call: (i: number) => Promise<T>,
  maxInFlight = 1000,
): Promise<{ latencies: number[]; results: T[]; errors: string[]; skipped: number }> {
  const interval = 1000 / rate;
  const total = Math.max(1, Math.round((durationMs / 1000) * rate));
  const start = performance.now();
  const latencies: number[] = [];
  const results: T[] = [];
  const errors: string[] = [];
  const inflight: Promise<void>[] = [];
  let pending = 0;
  let skipped = 0;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // a system far behind the rate would pile up calls without end: past maxInFlight they are counted, not sent
    if (pending >= maxInFlight) {
      skipped++;
      continue;
    }
    pending++;
    inflight.push(
      call(i).then(
        (r) => {
          latencies.push(performance.now() - due);
          results.push(r);
        },
        (err: Error) => {
          errors.push(err.message);
        },
      ).finally(() => pending--),
    );
  }
  await Promise.all(inflight);
  return { latencies, results, errors, skipped };
}

/** Closed loop: `concurrency` callers each calling again as soon as their last call answered, for `durationMs`. */
export async function closedLoop(concurrency: number, durationMs: number, call: (worker: number) => Promise<void>): Promise<{ calls: number; errors: number; ms: number }> {
  const end = performance.now() + durationMs;
  const start = performance.now();
  let calls = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        try {
          await call(w);
          calls++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { calls, errors, ms: performance.now() - start };
}
