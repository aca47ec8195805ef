import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '../../../config/src/index.js';
import { redisOptions } from '../../../dispatch/src/queues.js';

/** What one process tells the others: a group's content moved on, or a screen's credentials or group changed. */
export type ScreenSignal = { kind: 'versions'; versions: Record<string, number> } | { kind: 'screen'; id: string };

/**
 * Redis pub/sub between processes (the worker that publishes a notice, every API process holding SSE connections).
 * Postgres stays the truth: a lost signal only delays a screen until the API's once-a-second version check, so a
 * failed publish is logged, never thrown.
 */
@Injectable()
export class ScreenSignals implements OnModuleDestroy {
  private readonly logger = new Logger(ScreenSignals.name);
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly handlers: ((signal: ScreenSignal) => void)[] = [];

  constructor(private readonly config: AppConfig) {}

  /** One pub/sub channel per deployment (the queue prefix), so deployments sharing a Redis do not hear each other. */
  get channel(): string {
    return `${this.config.get('QUEUE_PREFIX')}:screens`;
  }

  async publish(signal: ScreenSignal): Promise<void> {
    try {
      this.publisher ??= this.connect('publisher', { maxRetriesPerRequest: 1, connectTimeout: 2000 });
      await withTimeout(this.publisher.publish(this.channel, JSON.stringify(signal)), 1500);
    } catch (err) {
      this.logger.warn(`screens signal not sent (screens catch up within a second from Postgres): ${(err as Error).message}`);
    }
  }

  /**
   * Handlers share one dedicated connection (a subscribed Redis connection can do nothing else); ioredis
   * re-subscribes after a reconnect.
   */
  subscribe(handler: (signal: ScreenSignal) => void): void {
    this.handlers.push(handler);
    if (this.subscriber) return;
    const sub = (this.subscriber = this.connect('subscriber', { maxRetriesPerRequest: null }));
    sub.on('message', (_channel: string, message: string) => {
      let signal: ScreenSignal;
      try {
        signal = JSON.parse(message) as ScreenSignal;
      } catch {
        return;
      }
      for (const h of this.handlers) {
        try {
          h(signal);
        } catch (err) {
          this.logger.warn(`screens signal handler: ${(err as Error).message}`);
        }
      }
    });
    sub.subscribe(this.channel).catch((err: Error) => this.logger.warn(`screens: subscribe failed: ${err.message}`));
  }

  onModuleDestroy(): void {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }

  private connect(role: string, overrides: Parameters<typeof redisOptions>[1]): Redis {
    const client = new Redis(redisOptions(this.config.get('REDIS_URL'), overrides) as RedisOptions);
    let warned = false;
    client.on('error', (err) => {
      if (!warned) this.logger.warn(`screens ${role} Redis: ${err.message}`);
      warned = true;
    });
    client.on('ready', () => (warned = false));
    return client;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
