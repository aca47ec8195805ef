import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppPushFake, pngImage, WebhookFake, WechatOaFake, WeiboFake } from '../../../libs/channels/src/index.js';
import { runMigrations } from '../../../libs/database/src/index.js';
import { startEmbeddedPostgres, type EmbeddedPg } from './embedded-postgres.js';
import { localSecrets } from './local-secrets.js';
import { countUsers, waitForHealth } from './readiness.js';
import { chooseAdmin, localLogLevel, startupSummary, type Summary } from './startup-summary.js';
import { startPushSinks } from './push-sinks.js';
import { RedisMissingError, startRedis, type RedisServer } from './redis-server.js';

/**
 * `npm start`: the whole system on one machine. Without DATABASE_URL / REDIS_URL it starts an embedded
 * PostgreSQL and a redis-server with their data under DATA_DIR, and demo channel sinks; then it runs the
 * migrations and starts the API and the worker as two processes, as production runs them.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const say = (line: string) => console.log(`[launcher] ${line}`);

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const port = Number(env.PORT ?? 3000);
  const embedded = !env.DATABASE_URL || !env.REDIS_URL;
  const stops: (() => Promise<void>)[] = [];
  let children: ChildProcess[] = [];
  let stopping = false;
  const summary: Summary = { port, services: [] };

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(children.map((c) => stopChild(c)));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (embedded) {
    const dataDir = path.resolve(env.DATA_DIR ?? '.data');
    fs.mkdirSync(dataDir, { recursive: true });
    const pgPort = Number(env.PG_PORT ?? 54329);
    const redisPort = Number(env.REDIS_PORT ?? pgPort + 1);
    const sinkPort = Number(env.DEMO_SINK_PORT ?? port + 1);
    const secrets = localSecrets(dataDir);
    const pgLog = fs.createWriteStream(path.join(dataDir, 'postgres.log'), { flags: 'a' });

    let redis: RedisServer;
    try {
      redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: redisPort });
    } catch (err) {
      if (err instanceof RedisMissingError) {
        console.error(err.message);
        process.exit(1);
      }
      throw err;
    }
    stops.push(() => redis.stop());
    const pg: EmbeddedPg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: pgPort, log: (l) => pgLog.write(l) });
    stops.push(() => pg.stop());
    const sinks = await new WebhookFake(secrets.webhookSecret).listen(sinkPort);
    stops.push(() => sinks.close());

    env.DATABASE_URL = pg.url;
    env.REDIS_URL = redis.url;
    env.JWT_SECRET ??= secrets.jwtSecret;
    env.DEMO_SINK_URL ??= `${sinks.url}/sink`;
    env.DEMO_SINK_SECRET ??= secrets.webhookSecret;
    env.CHANNELS_ALLOW_PRIVATE_NETWORK ??= 'true'; // the demo sinks are on loopback
    env.WEBSITE_IDEMPOTENT ??= 'true'; // the demo sink applies each webhook-id once
    // local logs: only warnings unless asked for more (startup-summary.ts says why)
    env.LOG_LEVEL = localLogLevel(env);
    summary.logLevel = env.LOG_LEVEL;
    summary.dataDir = dataDir;
    summary.services.push(
      { name: 'PostgreSQL', address: pg.url },
      { name: 'Redis', address: redis.url },
      { name: 'demo sinks', address: `${sinks.url}/ (what each channel received)` },
    );
    // 两微一端: local fakes of WeChat, Weibo and the city app's push service, each showing what it received
    const demoSecret = env.DEMO_SINK_SECRET!;
    const wechat = await new WechatOaFake({
      appId: env.WECHAT_OA_APP_ID ?? 'wxdemo0000000000', appSecret: demoSecret, publishDelayMs: 2000,
      callbackUrl: `http://127.0.0.1:${port}/api/callbacks/wechat/wechat-oa`, callbackToken: env.WECHAT_OA_CALLBACK_TOKEN ?? 'gongkaiDemoToken',
    }).listen(Number(env.DEMO_WECHAT_PORT ?? 0));
    const weibo = await new WeiboFake({ accessToken: demoSecret, safeDomain: env.WEIBO_SAFE_DOMAIN ?? 'www.example.gov.cn' }).listen(Number(env.DEMO_WEIBO_PORT ?? 0));
    const appPush = await new AppPushFake({ appKey: env.APP_PUSH_APP_KEY ?? 'gongkai-demo', appSecret: demoSecret }).listen(Number(env.DEMO_APP_PUSH_PORT ?? 0));
    stops.push(() => wechat.close(), () => weibo.close(), () => appPush.close());
    env.DEMO_WECHAT_COVER ??= path.join(dataDir, 'wechat-cover.png');
    if (!fs.existsSync(env.DEMO_WECHAT_COVER)) fs.writeFileSync(env.DEMO_WECHAT_COVER, pngImage(900, 383, [178, 34, 34]));
    env.DEMO_WECHAT_URL ??= wechat.url;
    env.DEMO_WEIBO_URL ??= weibo.url;
    env.WEIBO_DESTROY_URL ??= `${weibo.url}/2/statuses/destroy.json`; // the demo fake offers statuses/destroy
    env.DEMO_APP_PUSH_URL ??= appPush.url;
    summary.services.push({ name: 'demo apps', address: `微信公众号 ${wechat.url}/ , 微博 ${weibo.url}/ , App 推送 ${appPush.url}/` });
    // 精准推送 and 政府公报: a local SMTP sink and SMS gateway fakes (push-sinks.ts)
    const push = await startPushSinks(env, { dataDir, port, secret: demoSecret });
    stops.push(...push.stops);
    summary.notes = push.lines;
  }

  await runMigrations(env.DATABASE_URL!, say);
  if (embedded) {
    summary.admin = chooseAdmin(await countUsers(env.DATABASE_URL!), env.BOOTSTRAP_ADMIN_PASSWORD);
    if (summary.admin.kind === 'generated') env.BOOTSTRAP_ADMIN_PASSWORD = summary.admin.password;
  }
  const start = (name: string, file: string) => {
    const child = fork(path.join(here, '..', '..', name, 'src', file), [], { env, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        say(`${name} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
    return child;
  };
  children = [start('api', 'main.js'), start('worker', 'main.js')];
  // the summary comes last, after the API answers, so nothing the processes print at boot scrolls it away
  await waitForHealth(`http://127.0.0.1:${port}/api/health`, () => stopping);
  if (!stopping) console.log(startupSummary(summary));
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

main().catch((err) => {
  console.error(`[launcher] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
