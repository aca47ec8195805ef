import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The benchmarks' webhook receiver: answers every signed POST with 200 and the remote id the webhook adapter
 * expects, and notes when each delivery (by its Idempotency-Key, the delivery id) first arrived. It does not
 * check signatures or keep bodies: the WebhookFake does that in the tests, and here the sink's CPU is taken
 * from the machine the system under test runs on.
 */
export class FastSink {
  /** delivery id → arrival time (epoch ms, sub-millisecond) */
  readonly arrivals = new Map<string, number>();
  requests = 0;
  private server?: http.Server;

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('sink is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  async listen(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const at = performance.timeOrigin + performance.now();
      const key = String(req.headers['idempotency-key'] ?? '');
      this.requests++;
      // drain the body without buffering it: only the arrival matters
      req.on('data', () => undefined);
      req.on('end', () => {
        if (key && !this.arrivals.has(key)) this.arrivals.set(key, at);
        const body = `{"id":"r-${key}"}`;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      });
    });
    this.server.keepAliveTimeout = 60000;
    this.server.maxConnections = 10000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  reset(): void {
    this.arrivals.clear();
    this.requests = 0;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
