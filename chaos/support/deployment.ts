import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { WebhookFake } from '../../libs/channels/src/webhook/webhook.fake.js';
import { ApiClient, ResponseLog } from './api-client.js';
import { freePort, type Infra } from './infra.js';
import { Proc, sleep, waitForHttp } from './processes.js';

export const ADMIN_PASSWORD = 'Chaos-Admin-Password-1';
export const SINK_SECRET = 'chaos-sink-secret-0123456789';

export interface ChannelSpec {
  name: string;
  carriers: string[];
  /** false: the receiver cannot deduplicate, so a timeout ends `unconfirmed` instead of a resend */
  idempotent?: boolean;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
}

/** Every one of the 13 carriers goes to a signed-webhook sink, so every delivery is an automated one. */
export const ALL_CARRIERS: ChannelSpec[] = [
  { name: 'website', carriers: ['website'] },
  { name: 'gazette', carriers: ['gazette'] },
  { name: 'new-media', carriers: ['new_media'] },
  { name: 'screens', carriers: ['reading_point', 'service_centre', 'convenience_station', 'bulletin_board'] },
  { name: 'targeted-push', carriers: ['targeted_push'] },
  { name: 'liaison', carriers: ['press_conference', 'broadcast', 'print_media', 'onsite', 'other'] },
];

/**
 * Settings the suite runs with (docs/reliability.md explains each): short worker locks so a killed worker's jobs
 * come back within seconds, and a short reconciler threshold so jobs Redis lost are re-queued within the run.
 */
export const SUITE_ENV = {
  WORKER_LOCK_MS: '3000',
  RECONCILE_STALE_MS: '6000',
  OUTBOX_RELAY_MS: '300',
  OUTBOX_GRACE_MS: '1000',
  ENQUEUE_TIMEOUT_MS: '1000',
};

/** How long an open-delivery count may stay flat before the wait ends: far past every retry backoff. */
export const STALL_MS = 60000;

/** A Nest process boots in 2–3 s on an idle machine, but takes 30 s and more on a loaded 2-core CI runner. */
const BOOT_MS = 180000;

export interface DeploymentOptions {
  label: string;
  channels?: ChannelSpec[];
  /** the whole channels.yaml instead of webhook sinks for `channels` (real adapters against protocol fakes) */
  channelsYaml?: (sinkUrl: string) => string;
  apis?: number;
  workers?: number;
  env?: Record<string, string>;
}

/**
 * One deployment of the product for one scenario: its own database and queue prefix on the shared servers, a
 * WebhookFake as every channel's receiver, and N API and M worker processes. Statuses of every API answer go
 * to one ResponseLog.
 */
export class Deployment {
  readonly responses = new ResponseLog();
  readonly apis: Proc[] = [];
  readonly workers: Proc[] = [];
  readonly apiUrls: string[] = [];
  readonly workerHealthUrls: string[] = [];
  private clients: ApiClient[] = [];

  private constructor(
    readonly infra: Infra,
    readonly label: string,
    readonly sink: WebhookFake,
    readonly db: pg.Pool,
    readonly env: Record<string, string>,
    readonly channels: ChannelSpec[],
  ) {}

  static async create(infra: Infra, opts: DeploymentOptions): Promise<Deployment> {
    const sink = await new WebhookFake(SINK_SECRET).listen();
    const databaseUrl = await infra.newDatabase(opts.label);
    const dir = path.join(infra.root, opts.label);
    fs.mkdirSync(dir, { recursive: true });
    const channels = opts.channels ?? ALL_CARRIERS;
    const channelsFile = path.join(dir, 'channels.yaml');
    fs.writeFileSync(channelsFile, opts.channelsYaml ? opts.channelsYaml(sink.url) : channelsYaml(channels, sink.url));
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: infra.redisUrl,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      QUEUE_PREFIX: `{chaos-${opts.label}-${randomBytes(3).toString('hex')}}`,
      CHANNELS_FILE: channelsFile,
      CONFIG_DIR: path.resolve('config'),
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...SUITE_ENV,
      ...opts.env,
    };
    const db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    db.on('error', () => undefined); // the Postgres scenario stops the server under this pool on purpose
    const d = new Deployment(infra, opts.label, sink, db, env, channels);
    try {
      // all at once: booting is most of a quick run's time (the bootstrap admin tolerates a race)
      for (let i = 0; i < (opts.apis ?? 1); i++) await d.addApi();
      for (let i = 0; i < (opts.workers ?? 1); i++) await d.addWorker();
      await Promise.all([
        ...d.apiUrls.map((u) => waitForHttp(`${u}/api/health`, BOOT_MS)),
        ...d.workerHealthUrls.map((u) => waitForHttp(`${u}/health/ready`, BOOT_MS)),
      ]);
      for (const u of d.apiUrls) d.clients.push(await ApiClient.login(u, d.responses, ADMIN_PASSWORD));
    } catch (err) {
      await d.close();
      throw err;
    }
    return d;
  }

  private async addApi(): Promise<void> {
    const port = await freePort();
    const proc = new Proc(`${this.label}-api${this.apis.length + 1}`, path.join(this.infra.appDir, 'dist/apps/api/src/main.js'), { ...this.env, PORT: String(port) }, this.logDir());
    proc.start();
    this.apis.push(proc);
    this.apiUrls.push(`http://127.0.0.1:${port}`);
  }

  private async addWorker(): Promise<void> {
    const port = await freePort();
    const proc = new Proc(`${this.label}-worker${this.workers.length + 1}`, path.join(this.infra.appDir, 'dist/apps/worker/src/main.js'), { ...this.env, WORKER_HTTP_PORT: String(port) }, this.logDir());
    proc.start();
    this.workers.push(proc);
    this.workerHealthUrls.push(`http://127.0.0.1:${port}`);
  }

  /** Waits until worker i answers its readiness check. */
  async workerReady(i: number): Promise<void> {
    await waitForHttp(`${this.workerHealthUrls[i]}/health/ready`, BOOT_MS);
  }

  logDir(): string {
    return path.join(this.infra.root, this.label);
  }

  client(i = 0): ApiClient {
    return this.clients[i % this.clients.length];
  }

  get allClients(): ApiClient[] {
    return this.clients;
  }

  /**
   * Waits until no delivery is open (queued, in progress or awaiting the remote); returns how many still are.
   * It gives up when the count has not gone down for `stallMs` (stuck: a finding) or after `capMs` in all, so a
   * slow, loaded machine gets the time it needs while a stuck delivery still ends the wait.
   */
  async settle(stallMs: number, log?: (line: string) => void, capMs = 30 * 60000): Promise<number> {
    const start = Date.now();
    let best = Infinity;
    let lastGain = Date.now();
    let lastReport = 0;
    let open = Infinity;
    while (Date.now() - start < capMs) {
      open = await this.openDeliveries().catch(() => Infinity);
      if (open === 0) return 0;
      if (open < best) {
        best = open;
        lastGain = Date.now();
      } else if (Date.now() - lastGain > stallMs) {
        break;
      }
      if (log && Date.now() - lastReport > 15000) {
        log(`  waiting for ${open} open deliveries`);
        lastReport = Date.now();
      }
      await sleep(500);
    }
    return open;
  }

  async openDeliveries(): Promise<number> {
    const { rows } = await this.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status IN ('queued','in_progress') OR awaiting_remote`);
    return rows[0].n;
  }

  /** Processes that died on their own (not killed by the scenario) are a finding. */
  crashed(): string[] {
    return [...this.apis, ...this.workers].filter((p) => !p.running).map((p) => p.name);
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers, ...this.apis].map((p) => p.stop()));
    await this.sink.close();
    await this.db.end().catch(() => undefined);
  }
}

function channelsYaml(channels: ChannelSpec[], sinkUrl: string): string {
  const lines = ['defaults:', '  queue: { concurrency: 20, attempts: 5, backoffMs: 200 }', 'channels:'];
  for (const c of channels) {
    lines.push(
      `  - name: ${c.name}`,
      '    type: webhook',
      `    label: ${c.name}`,
      `    carriers: [${c.carriers.join(', ')}]`,
      `    settings: { url: ${sinkUrl}/sink/${c.name}, secret: ${SINK_SECRET}, timeoutMs: ${c.timeoutMs ?? 5000}, idempotent: ${c.idempotent !== false}, allowPrivateNetwork: true }`,
      `    queue: { concurrency: ${c.concurrency ?? 20}, attempts: ${c.attempts ?? 5}, backoffMs: ${c.backoffMs ?? 200} }`,
    );
  }
  return lines.join('\n') + '\n';
}
