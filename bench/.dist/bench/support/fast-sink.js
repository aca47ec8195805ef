import http from 'node:http';
/**
 * The benchmarks' webhook receiver: answers every signed POST with 200 and the remote id the webhook adapter
 * expects, and notes when each delivery (by its Idempotency-Key, the delivery id) first arrived. It does not
 * check signatures or keep bodies: the WebhookFake does that in the tests, and here the sink's CPU is taken
 * from the machine the system under test runs on.
 */
export class FastSink {
    /** delivery id → arrival time (epoch ms, sub-millisecond) */
    arrivals = new Map();
    requests = 0;
    server;
    get url() {
        const addr = this.server?.address();
        if (!addr)
            throw new Error('sink is not listening');
        return `http://127.0.0.1:${addr.port}`;
    }
    async listen() {
        this.server = http.createServer((req, res) => {
            const at = performance.timeOrigin + performance.now();
            const key = String(req.headers['idempotency-key'] ?? '');
            this.requests++;
            // drain the body without buffering it: only the arrival matters
            req.on('data', () => undefined);
            req.on('end', () => {
                if (key && !this.arrivals.has(key))
                    this.arrivals.set(key, at);
                const body = `{"id":"r-${key}"}`;
                res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
            });
        });
        this.server.keepAliveTimeout = 60000;
        this.server.maxConnections = 10000;
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
        return this;
    }
    reset() {
        this.arrivals.clear();
        this.requests = 0;
    }
    async close() {
        if (!this.server)
            return;
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
}
