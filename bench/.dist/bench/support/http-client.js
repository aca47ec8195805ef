import http from 'node:http';
/**
 * A small keep-alive HTTP client on node:http: the load generators need connection reuse and as little CPU per
 * request as possible, since they share the machine with the system they measure.
 */
export class HttpClient {
    agent;
    host;
    port;
    constructor(baseUrl, maxSockets = 64) {
        const u = new URL(baseUrl);
        this.host = u.hostname;
        this.port = Number(u.port);
        this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
    }
    request(method, path, opts = {}) {
        const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
        const headers = { ...opts.headers };
        if (payload) {
            headers['content-type'] = 'application/json';
            headers['content-length'] = payload.length;
        }
        const started = performance.now();
        return new Promise((resolve, reject) => {
            const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
                res.on('error', reject);
            });
            req.on('error', (err) => {
                // name the call: a bare ECONNRESET says nothing about which of many requests failed
                reject(Object.assign(new Error(`${method} ${path}: ${err.code ?? err.message}`, { cause: err }), { code: err.code }));
            });
            req.end(payload);
        });
    }
    async json(method, path, opts = {}) {
        const r = await this.request(method, path, opts);
        if (opts.expect && !opts.expect.includes(r.status))
            throw new Error(`${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
        return (r.text ? JSON.parse(r.text) : undefined);
    }
    close() {
        this.agent.destroy();
    }
}
/**
 * Open loop: starts one call every 1000/rate ms for `durationMs`, whatever the answers do, and measures each
 * from its scheduled start, so a slow phase is not hidden by the generator waiting (coordinated omission).
 */
export async function openLoop(rate, durationMs, call) {
    const interval = 1000 / rate;
    const total = Math.max(1, Math.round((durationMs / 1000) * rate));
    const start = performance.now();
    const latencies = [];
    const results = [];
    const errors = [];
    const inflight = [];
    for (let i = 0; i < total; i++) {
        const due = start + i * interval;
        const wait = due - performance.now();
        if (wait > 1)
            await new Promise((r) => setTimeout(r, wait));
        inflight.push(call(i).then((r) => {
            latencies.push(performance.now() - due);
            results.push(r);
        }, (err) => {
            errors.push(err.message);
        }));
    }
    await Promise.all(inflight);
    return { latencies, results, errors };
}
/** Closed loop: `concurrency` callers each calling again as soon as their last call answered, for `durationMs`. */
export async function closedLoop(concurrency, durationMs, call) {
    const end = performance.now() + durationMs;
    const start = performance.now();
    let calls = 0;
    let errors = 0;
    await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
        while (performance.now() < end) {
            try {
                await call(w);
                calls++;
            }
            catch {
                errors++;
            }
        }
    }));
    return { calls, errors, ms: performance.now() - start };
}
