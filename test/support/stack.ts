import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { WebhookFake } from '../../libs/channels/src/index.js';

export const ADMIN_PASSWORD = 'Test-Admin-Password-1';
export const SINK_SECRET = 'test-sink-secret-0123456789';

/** A database of its own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const base = process.env.TEST_PG_BASE!;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE gkd_template`);
  await admin.end();
  return `${base}/${name}`;
}

/** The default test channels: every automated carrier to the fake's sinks, the rest to manual tasks. */
export function channelsYaml(sinkUrl: string, extra = ''): string {
  // Chinese labels as in config/channels.yaml: the back office shows them to staff (and in the screenshots)
  const labels: Record<string, string> = { website: '政府网站', gazette: '政府公报', 'new-media': '两微一端', screens: '电子屏', 'targeted-push': '精准推送' };
  const ch = (name: string, carriers: string[], queue = '{ attempts: 3, backoffMs: 50 }') => `
  - name: ${name}
    type: webhook
    label: ${labels[name] ?? name}
    carriers: [${carriers.join(', ')}]
    settings: { url: ${sinkUrl}/sink/${name}, secret: ${SINK_SECRET}, timeoutMs: 2000, idempotent: true, allowPrivateNetwork: true }
    queue: ${queue}`;
  return `channels:${ch('website', ['website'])}${ch('gazette', ['gazette'])}${ch('new-media', ['new_media'])}${ch('screens', ['reading_point', 'service_centre', 'bulletin_board'])}${ch('targeted-push', ['targeted_push'])}${extra}\n`;
}

export interface StackOptions {
  channels?: (sinkUrl: string) => string;
  env?: Record<string, string>;
  worker?: boolean;
}

export interface Stack {
  url: string;
  databaseUrl: string;
  redisUrl: string;
  env: Record<string, string>;
  sink: WebhookFake;
  api: INestApplication;
  worker?: INestApplicationContext;
  db: pg.Pool;
  token(username?: string, password?: string): Promise<string>;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * The real API (and by default a real worker) in this test process, on a database and queue prefix of its own,
 * with a protocol fake as every channel's receiver. Config is read from the environment at import time, so the
 * app modules are imported only after the environment is set: one stack per test file.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sink = await new WebhookFake(SINK_SECRET).listen();
  const databaseUrl = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'stack-'));
  const channelsFile = path.join(dir, 'channels.yaml');
  fs.writeFileSync(channelsFile, (opts.channels ?? channelsYaml)(sink.url));
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
    QUEUE_PREFIX: `{t${randomBytes(4).toString('hex')}}`,
    CHANNELS_FILE: channelsFile,
    CONFIG_DIR: path.resolve('config'),
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    WORKER_LOCK_MS: '2000',
    OUTBOX_RELAY_MS: '300',
    OUTBOX_GRACE_MS: '500',
    ENQUEUE_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  Object.assign(process.env, env);
  const { createApi } = await import('../../apps/api/src/create-api.js');
  const api = await createApi({ logger: ['error'] });
  await api.listen(0, '127.0.0.1');
  const url = await api.getUrl();
  let worker: INestApplicationContext | undefined;
  if (opts.worker !== false) {
    const { NestFactory } = await import('@nestjs/core');
    const { WorkerModule } = await import('../../apps/worker/src/worker.module.js');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await worker.init();
  }
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const tokens = new Map<string, string>();
  const call: Stack['call'] = async (method, p, o = {}) => {
    const res = await fetch(url.replace('[::1]', '127.0.0.1') + p, {
      method,
      headers: {
        ...(o.body !== undefined || o.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...o.headers,
      },
      body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      signal: AbortSignal.timeout(20000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  };
  return {
    url,
    databaseUrl,
    redisUrl: env.REDIS_URL,
    env,
    sink,
    api,
    worker,
    db,
    call,
    async token(username = 'admin', password = ADMIN_PASSWORD) {
      const key = `${username}\n${password}`;
      if (!tokens.has(key)) {
        const r = await call('POST', '/api/auth/login', { body: { username, password } });
        if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
        tokens.set(key, r.body.accessToken);
      }
      return tokens.get(key)!;
    },
    async close() {
      await worker?.close();
      await api.close();
      await db.end();
      await sink.close();
    },
  };
}

/** Polls until `fn` returns a truthy value or the time is up; the last value is returned either way. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 20000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!last && Date.now() < end) {
    await new Promise((r) => setTimeout(r, everyMs));
    last = await fn();
  }
  return last;
}

export const TERMINAL = ['delivered', 'failed', 'awaiting_confirmation', 'confirmed', 'unconfirmed', 'withdrawn'];

/**
 * When this spec file started. publishBody's generatedAt defaults to it, so due dates lie ahead and on-time
 * outcomes hold whatever day the suite runs, while two bodies built for one Idempotency-Key stay identical; a spec
 * that asserts a particular due date passes its own fixed generatedAt.
 */
const SPEC_STARTED_AT = new Date().toISOString();

export function publishBody(itemId = 'genhe-zwfw:01-01', extra: Record<string, unknown> = {}) {
  return { catalogueItemId: itemId, title: '关于测试的公告', body: '这是正文。', generatedAt: SPEC_STARTED_AT, ...extra };
}
