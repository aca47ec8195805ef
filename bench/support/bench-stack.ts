import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPg } from '../../apps/launcher/src/embedded-postgres.js';
import { startRedis, type RedisServer } from '../../apps/launcher/src/redis-server.js';
import { runMigrations } from '../../libs/database/src/index.js';
import { FastSink } from './fast-sink.js';
import { HttpClient } from './http-client.js';
import { freePort, startNode, type NodeProcess } from './processes.js';
import { formatSummary, summarizeProfile } from './profile-summary.js';
import { waitFor } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** the build output this file runs from (dist/ — this file is dist/bench/support/bench-stack.js) */
const dist = path.resolve(here, '..', '..');
const repo = findRepo(dist);

const ADMIN_PASSWORD = 'Bench-Admin-Password-1';
const PUBLISHER_PASSWORD = 'Bench-Publisher-Password-1';
export const SINK_SECRET = 'bench-sink-secret-0123456789';
/** The catalogue item the dispatch benchmarks publish: it ticks six automated carriers. */
export const FANOUT_ITEM = 'genhe-zwfw:01-01';
export const FANOUT_CARRIERS = ['website', 'gazette', 'reading_point', 'service_centre', 'bulletin_board', 'targeted_push'] as const;

export interface StackOptions {
  /** channels.yaml for the API and the worker, given the sink's base URL */
  channels: (sinkUrl: string) => string;
  env?: Record<string, string>;
  /** write CPU profiles of the API and worker here (one per benchmark) */
  profileDir?: string;
  log: (line: string) => void;
}

/**
 * The system as production runs it, on this machine: an embedded PostgreSQL and a redis-server with their data
 * in a temporary folder, the migrations, then the API and the worker as two separate node processes from
 * dist/, pointed at a local webhook sink. The bench process itself only generates load and observes.
 */
export class BenchStack {
  readonly root: string;
  pg!: EmbeddedPg;
  redis!: RedisServer;
  db!: pg.Pool;
  sink!: FastSink;
  api!: NodeProcess;
  worker!: NodeProcess;
  /** more worker processes beside the first, when a benchmark asks for them (startApps' `workers`) */
  extraWorkers: NodeProcess[] = [];
  apiUrl!: string;
  http!: HttpClient;
  token!: string;
  env!: Record<string, string>;
  private channelsFile!: string;
  private profileCounters = new Map<string, number>();

  private constructor(private readonly opts: StackOptions) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'gkd-bench-'));
    fs.chmodSync(this.root, 0o777); // initdb runs as the postgres user when the bench runs as root
  }

  static async start(opts: StackOptions): Promise<BenchStack> {
    const s = new BenchStack(opts);
    try {
      await s.boot();
    } catch (err) {
      await s.stop();
      throw err;
    }
    return s;
  }

  private async boot(): Promise<void> {
    const { log } = this.opts;
    const pgLog = fs.createWriteStream(path.join(this.root, 'postgres.log'));
    this.redis = await startRedis({ dir: path.join(this.root, 'redis'), port: await freePort() });
    const pgPort = await freePort();
    const startPg = () => startEmbeddedPostgres({ dir: path.join(this.root, 'pg'), port: pgPort, database: 'gkd_bench', log: (l) => pgLog.write(l) });
    this.pg = await startPg();
    if (this.opts.profileDir) {
      // profiling also names the statements PostgreSQL spends its time on (pg_stat_statements, loaded at start)
      const admin = new pg.Client({ connectionString: this.pg.url });
      await admin.connect();
      await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await admin.end();
      await this.pg.stop();
      this.pg = await startPg();
    }
    log(`postgres ${this.pg.url.replace(/:[^:@/]+@/, ':***@')}, redis ${this.redis.url}, data in ${this.root}`);
    await runMigrations(this.pg.url, () => undefined);
    this.db = new pg.Pool({ connectionString: this.pg.url, max: 12 });
    if (this.opts.profileDir) await this.db.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    this.sink = await new FastSink().listen();
    this.channelsFile = path.join(this.root, 'channels.yaml');
    fs.writeFileSync(this.channelsFile, this.opts.channels(this.sink.url));
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      DATABASE_URL: this.pg.url,
      REDIS_URL: this.redis.url,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      CHANNELS_FILE: this.channelsFile,
      CONFIG_DIR: path.join(repo, 'config'),
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // A/B runs: BENCH_APP_<NAME>=value sets <NAME> for the API and the worker (e.g. BENCH_APP_AUDIT_SEAL_INTERVAL_MS)
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_APP_')).map(([k, v]) => [k.slice('BENCH_APP_'.length), v ?? ''])),
      ...this.opts.env,
    };
    await this.startApps();
  }

  /** (Re)starts the API and the worker(s), e.g. with another channels.yaml; `workers` > 1 starts more worker processes. */
  async startApps(channels?: (sinkUrl: string) => string, env: Record<string, string> = {}, workers = 1): Promise<void> {
    const { log } = this.opts;
    await Promise.all([this.api?.stop(), this.worker?.stop(), ...this.extraWorkers.map((w) => w.stop())]);
    this.extraWorkers = [];
    if (channels) fs.writeFileSync(this.channelsFile, channels(this.sink.url));
    const apiPort = await freePort();
    const workerPort = await freePort();
    const preload = this.opts.profileDir ? ['--import', path.join(dist, 'bench', 'support', 'cpu-profile.preload.js')] : [];
    const profEnv = (role: string) => (this.opts.profileDir ? { BENCH_PROFILE_DIR: this.opts.profileDir, BENCH_PROFILE_ROLE: role } : {});
    this.profileCounters.clear();
    if (this.opts.profileDir) {
      for (const f of fs.readdirSync(this.opts.profileDir)) if (/^(api|worker\d*)-\d+\.cpuprofile$/.test(f)) fs.rmSync(path.join(this.opts.profileDir, f));
    }
    this.api = startNode('api', [...preload, path.join(dist, 'apps', 'api', 'src', 'main.js')], { ...this.env, ...env, ...profEnv('api'), PORT: String(apiPort) }, path.join(this.root, 'api.log'));
    this.worker = startNode('worker', [...preload, path.join(dist, 'apps', 'worker', 'src', 'main.js')], { ...this.env, ...env, ...profEnv('worker'), WORKER_HTTP_PORT: String(workerPort) }, path.join(this.root, 'worker.log'));
    const extraPorts: number[] = [];
    for (let i = 2; i <= workers; i++) {
      const port = await freePort();
      extraPorts.push(port);
      const name = `worker${i}`;
      this.extraWorkers.push(startNode(name, [...preload, path.join(dist, 'apps', 'worker', 'src', 'main.js')], { ...this.env, ...env, ...profEnv(name), WORKER_HTTP_PORT: String(port) }, path.join(this.root, `${name}.log`)));
    }
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    this.http?.close();
    this.http = new HttpClient(this.apiUrl, 256);
    const workerHttp = new HttpClient(`http://127.0.0.1:${workerPort}`, 2);
    const exited = (p: NodeProcess) => {
      if (p.child.exitCode !== null) throw new Error(`${p.name} exited with ${p.child.exitCode}; its log:\n${tail(p.logFile)}`);
    };
    await waitFor('the API to answer /api/health', async () => {
      exited(this.api);
      return (await this.http.request('GET', '/api/health').catch(() => ({ status: 0 }))).status === 200;
    }, 60000, 100);
    await waitFor('the worker to answer /health/ready', async () => {
      exited(this.worker);
      return (await workerHttp.request('GET', '/health/ready').catch(() => ({ status: 0 }))).status === 200;
    }, 60000, 100);
    workerHttp.close();
    for (const [i, w] of this.extraWorkers.entries()) {
      const h = new HttpClient(`http://127.0.0.1:${extraPorts[i]}`, 2);
      await waitFor(`${w.name} to answer /health/ready`, async () => {
        exited(w);
        return (await h.request('GET', '/health/ready').catch(() => ({ status: 0 }))).status === 200;
      }, 60000, 100);
      h.close();
    }
    log(`api pid ${this.api.pid} on ${this.apiUrl}, worker pid ${[this.worker, ...this.extraWorkers].map((w) => w.pid).join(', ')}`);
    this.token = await this.publisherToken();
  }

  private async publisherToken(): Promise<string> {
    const login = (username: string, password: string) =>
      this.http.json<{ accessToken: string }>('POST', '/api/auth/login', { body: { username, password }, expect: [200] }).then((r) => r.accessToken);
    const [existing] = (await this.db.query(`SELECT 1 FROM users WHERE username = 'bench-publisher'`)).rows;
    if (!existing) {
      const admin = await login('admin', ADMIN_PASSWORD);
      await this.http.json('POST', '/api/users', {
        headers: { authorization: `Bearer ${admin}` },
        body: { username: 'bench-publisher', password: PUBLISHER_PASSWORD, roles: ['publisher'], departmentCode: 'genhe-zwfw', displayName: '压测发布员' },
        expect: [201],
      });
    }
    return login('bench-publisher', PUBLISHER_PASSWORD);
  }

  /**
   * POST /api/disclosures as the publisher, with an Idempotency-Key: a keep-alive socket the server closed just
   * as it was reused fails with ECONNRESET, and the key makes the one retry safe.
   */
  async publish(itemId: string, n: number, via: HttpClient = this.http): Promise<{ status: number; ms: number; body: any }> {
    const key = randomBytes(12).toString('hex');
    const call = () =>
      via.request('POST', '/api/disclosures', {
        headers: { authorization: `Bearer ${this.token}`, 'idempotency-key': key },
        body: { catalogueItemId: itemId, title: `压测公告 ${n}`, body: `这是第 ${n} 条压测公告的正文。`.repeat(20), generatedAt: new Date().toISOString() },
      });
    const r = await call().catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return call();
      throw err;
    });
    return { status: r.status, ms: r.ms, body: r.status < 300 ? JSON.parse(r.text) : r.text };
  }

  /**
   * A second API and a second worker beside the first pair, on the same PostgreSQL and Redis: how the product
   * scales out. Returns the new API's client and a stop() that takes the pair down again.
   */
  async startSecondPair(): Promise<{ http: HttpClient; pids: Record<string, number>; stop(): Promise<void> }> {
    const apiPort = await freePort();
    const workerPort = await freePort();
    const api = startNode('api-2', [path.join(dist, 'apps', 'api', 'src', 'main.js')], { ...this.env, PORT: String(apiPort) }, path.join(this.root, 'api-2.log'));
    const worker = startNode('worker-2', [path.join(dist, 'apps', 'worker', 'src', 'main.js')], { ...this.env, WORKER_HTTP_PORT: String(workerPort) }, path.join(this.root, 'worker-2.log'));
    const http = new HttpClient(`http://127.0.0.1:${apiPort}`, 256);
    const workerHttp = new HttpClient(`http://127.0.0.1:${workerPort}`, 2);
    const stop = async () => {
      http.close();
      workerHttp.close();
      await Promise.all([api.stop(), worker.stop()]);
    };
    try {
      for (const [p, client, route] of [[api, http, '/api/health'], [worker, workerHttp, '/health/ready']] as const) {
        await waitFor(`${p.name} to answer ${route}`, async () => {
          if (p.child.exitCode !== null) throw new Error(`${p.name} exited with ${p.child.exitCode}; its log:\n${tail(p.logFile)}`);
          return (await client.request('GET', route).catch(() => ({ status: 0 }))).status === 200;
        }, 60000, 100);
      }
    } catch (err) {
      await stop();
      throw err;
    }
    return { http, pids: { 'api-2': api.pid, 'worker-2': worker.pid }, stop };
  }

  /** The processes whose CPU time the benchmarks account: the two node processes, PostgreSQL (with its backends) and Redis. */
  pids(): Record<string, number> {
    const postmaster = Number(fs.readFileSync(path.join(this.root, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return { api: this.api.pid, worker: this.worker.pid, postgres: postmaster, redis: this.redis.process.pid! };
  }

  /**
   * Marks a profile boundary in both processes: the profile since the last mark is written and named after
   * `label` (or dropped when label is null). Does nothing unless profiling.
   */
  async profileMark(label: string | null): Promise<void> {
    const dir = this.opts.profileDir;
    if (!dir) return;
    await Promise.all(
      [this.api, this.worker, ...this.extraWorkers].map(async (p) => {
        const n = this.profileCounters.get(p.name) ?? 0;
        this.profileCounters.set(p.name, n + 1);
        const file = path.join(dir, `${p.name}-${n}.cpuprofile`);
        p.child.kill('SIGWINCH');
        await waitFor(`${file}`, async () => fs.existsSync(file), 30000, 50);
        if (label === null) return fs.rmSync(file);
        const named = path.join(dir, `${label}.${p.name}.cpuprofile`);
        fs.renameSync(file, named);
        const summary = summarizeProfile(named, 12);
        fs.writeFileSync(named.replace(/\.cpuprofile$/, '.txt'), formatSummary(summary) + '\n');
        this.opts.log(formatSummary(summary));
      }),
    );
    const { rows } = await this.db.query(
      `SELECT calls, round(total_exec_time)::int AS exec_ms, round(total_plan_time)::int AS plan_ms, rows,
              regexp_replace(left(query, 160), '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25`,
    );
    // how many statements in all: round trips per item are what batching is meant to cut
    const { rows: [all] } = await this.db.query(`SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements`);
    await this.db.query(`SELECT pg_stat_statements_reset()`);
    if (label === null) return;
    const text = [`${label}: PostgreSQL statements by time (exec + plan, wall ms; includes lock waits); ${all.calls} statements in all`]
      .concat(rows.map((r) => `  ${String(r.exec_ms + r.plan_ms).padStart(7)} ms ${String(r.calls).padStart(7)} calls  ${r.query}`))
      .join('\n');
    fs.writeFileSync(path.join(dir, `${label}.postgres.txt`), text + '\n');
    this.opts.log(text);
  }

  async stop(): Promise<void> {
    this.http?.close();
    await Promise.all([this.api?.stop(), this.worker?.stop(), ...this.extraWorkers.map((w) => w.stop())].map((p) => p?.catch(() => undefined)));
    await this.db?.end().catch(() => undefined);
    await this.sink?.close().catch(() => undefined);
    await this.redis?.stop().catch(() => undefined);
    await this.pg?.stop().catch(() => undefined);
    if (!process.env.BENCH_KEEP) fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** channels.yaml for the dispatch benchmarks: each carrier of the fan-out item on a webhook channel of its own. */
export function fanoutChannels(concurrency: number): (sinkUrl: string) => string {
  return (sinkUrl) =>
    `defaults:\n  queue: { concurrency: ${concurrency}, attempts: 3, backoffMs: 200 }\nchannels:\n` +
    FANOUT_CARRIERS.map(
      (c) => `  - name: ${c.replace(/_/g, '-')}
    type: webhook
    label: ${c}
    carriers: [${c}]
    settings: { url: ${sinkUrl}/sink/${c}, secret: ${SINK_SECRET}, timeoutMs: 5000, allowPrivateNetwork: true }
`,
    ).join('');
}

/** The checkout the build came from (the nearest folder with package.json), for config/. */
function findRepo(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}
