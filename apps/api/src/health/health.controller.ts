import { Controller, Get, Res, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { Redis, type RedisOptions } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../../../../libs/auth/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { redisOptions } from '../../../../libs/dispatch/src/index.js';

/** 200 only when Postgres and Redis both answer within a second; otherwise 503 naming what is down. */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.redis = new Redis(redisOptions(config.get('REDIS_URL'), { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, lazyConnect: false }) as RedisOptions);
    this.redis.on('error', () => undefined); // reported through the health answer instead
  }

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [postgres, redis] = await Promise.all([
      within(1000, this.db.query('SELECT 1')).then(() => 'up', () => 'down'),
      within(1000, this.redis.ping()).then(() => 'up', () => 'down'),
    ]);
    const down = [postgres === 'down' && 'postgres', redis === 'down' && 'redis'].filter(Boolean);
    if (down.length) {
      res.status(503);
      return { status: 'unavailable', down, message: `${down.join(' and ')} not answering` };
    }
    return { status: 'ok' };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
