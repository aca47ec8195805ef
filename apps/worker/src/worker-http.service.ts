import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { AppConfig } from '../../../libs/config/src/index.js';
import { redisOptions } from '../../../libs/dispatch/src/index.js';
import { registry } from '../../../libs/observability/src/index.js';

/**
 * The worker's own small HTTP port (WORKER_HTTP_PORT) for an orchestrator and Prometheus: /health/live (the
 * process runs), /health/ready (Postgres and Redis answer) and /metrics (attempt counters and latencies).
 */
@Injectable()
export class WorkerHttp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttp.name);
  private server?: http.Server;
  private redis?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('WORKER_HTTP_PORT');
    if (!port) return;
    this.redis = new Redis(redisOptions(this.config.get('REDIS_URL'), { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false }) as never);
    this.redis.on('error', () => undefined);
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, resolve));
    this.logger.log(`worker health and metrics on :${port}`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.url === '/health/live') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url === '/health/ready' || req.url === '/health') {
      const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, r) => setTimeout(() => r(new Error('timeout')), 1000).unref())]);
      const [pg, redis] = await Promise.all([
        within(this.db.query('SELECT 1')).then(() => true, () => false),
        within(this.redis!.ping()).then(() => true, () => false),
      ]);
      const down = [!pg && 'postgres', !redis && 'redis'].filter(Boolean);
      res.writeHead(down.length ? 503 : 200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(down.length ? { status: 'unavailable', down } : { status: 'ok' }));
    }
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': registry.contentType });
      return void res.end(await registry.metrics());
    }
    res.writeHead(404).end();
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
    if (this.server) await new Promise((r) => this.server!.close(r));
  }
}
