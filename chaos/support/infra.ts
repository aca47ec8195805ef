import * as fs from 'node:fs';
import net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPg } from '../../apps/launcher/src/embedded-postgres.js';
import { startRedis, type RedisServer } from '../../apps/launcher/src/redis-server.js';
import { runMigrations } from '../../libs/database/src/index.js';

const TEMPLATE = 'chaos_template';

/**
 * The servers every scenario shares: one embedded PostgreSQL (a fresh database per scenario, cloned from a
 * migrated template) and one redis-server with the production persistence settings (appendonly yes,
 * appendfsync everysec), both in a temp folder. Scenarios stop, kill and restart them on purpose.
 */
export class Infra {
  private pg?: EmbeddedPg;
  private redisServer?: RedisServer;
  private databases = 0;

  private constructor(
    readonly root: string,
    readonly pgPort: number,
    readonly redisPort: number,
    private readonly log: (line: string) => void,
  ) {}

  static async start(log: (line: string) => void): Promise<Infra> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gkd-chaos-'));
    fs.chmodSync(root, 0o777); // initdb runs as the postgres user when the suite runs as root
    snapshotBuild(root);
    const infra = new Infra(root, await freePort(), await freePort(), log);
    await infra.startPostgres();
    await runMigrations(infra.url(TEMPLATE), () => undefined);
    await infra.admin(`ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true`);
    await infra.startRedis();
    log(`servers in ${root}: PostgreSQL :${infra.pgPort}, Redis :${infra.redisPort} (appendonly yes, appendfsync everysec)`);
    return infra;
  }

  /** Where the processes' code is: a copy of the build, so a rebuild during the run cannot change it. */
  get appDir(): string {
    return path.join(this.root, 'app');
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  url(database: string): string {
    return `postgres://gongkai:gongkai@127.0.0.1:${this.pgPort}/${database}`;
  }

  /** A migrated database of its own for one scenario. */
  async newDatabase(label: string): Promise<string> {
    const name = `chaos_${++this.databases}_${label.replace(/[^a-z0-9]/g, '_')}`;
    await this.admin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    return this.url(name);
  }

  async startPostgres(): Promise<void> {
    const logFile = fs.createWriteStream(path.join(this.root, 'postgres.log'), { flags: 'a' });
    this.pg = await startEmbeddedPostgres({ dir: path.join(this.root, 'pg'), port: this.pgPort, database: TEMPLATE, log: (l) => logFile.write(l) });
  }

  /** The embedded server stopped the way its package stops it: SIGINT, PostgreSQL's fast shutdown. */
  async stopPostgres(): Promise<void> {
    await this.pg?.stop();
    this.pg = undefined;
  }

  async startRedis(): Promise<void> {
    const logFile = fs.createWriteStream(path.join(this.root, 'redis.log'), { flags: 'a' });
    this.redisServer = await startRedis({ dir: path.join(this.root, 'redis'), port: this.redisPort, log: (l) => logFile.write(l) });
  }

  /**
   * SIGKILL. A killed redis-server loses nothing the kernel already has: with `appendfsync everysec` it is the
   * machine going down (power, kernel panic) that loses up to a second of writes not yet fsynced. `loseLastMs`
   * simulates that: the append-only file is cut back to the size it had that long before the kill.
   */
  async killRedis(opts: { loseLastMs?: number } = {}): Promise<{ bytesLost: number }> {
    const child = this.redisServer?.process;
    this.redisServer = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { bytesLost: 0 };
    const killedAt = Date.now();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    if (!opts.loseLastMs) return { bytesLost: 0 };
    const then = [...this.aofSizes].reverse().find((x) => x.at <= killedAt - opts.loseLastMs!);
    const file = this.incrementalAof();
    if (!then || !file || then.file !== file) return { bytesLost: 0 };
    const size = fs.statSync(file).size;
    fs.truncateSync(file, then.size);
    return { bytesLost: size - then.size };
  }

  private aofSizes: { at: number; file: string; size: number }[] = [];
  private aofTimer?: NodeJS.Timeout;

  /** Samples the size of the append-only file every 100 ms, so a kill can cut it back to an earlier moment. */
  watchAof(): void {
    clearInterval(this.aofTimer);
    this.aofTimer = setInterval(() => {
      const file = this.incrementalAof();
      if (!file) return;
      const now = Date.now();
      this.aofSizes.push({ at: now, file, size: fs.statSync(file).size });
      this.aofSizes = this.aofSizes.filter((x) => x.at > now - 10000);
    }, 100);
  }

  unwatchAof(): void {
    clearInterval(this.aofTimer);
    this.aofSizes = [];
  }

  /** Redis 7's multi-part AOF: the newest `appendonly.aof.N.incr.aof` is the one being appended to. */
  private incrementalAof(): string | undefined {
    const dir = path.join(this.root, 'redis', 'appendonlydir');
    if (!fs.existsSync(dir)) return undefined;
    const files = fs.readdirSync(dir).filter((f) => /\.incr\.aof$/.test(f)).sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
    return files.length ? path.join(dir, files[files.length - 1]) : undefined;
  }

  /** Removes the temp folder unless asked to keep it (a failed run keeps it: the process logs are in it). */
  async close(keep: boolean): Promise<void> {
    this.unwatchAof();
    await this.redisServer?.stop().catch(() => undefined);
    await this.stopPostgres().catch(() => undefined);
    if (keep) this.log(`logs and data kept in ${this.root}`);
    else fs.rmSync(this.root, { recursive: true, force: true });
  }

  private async admin(sql: string): Promise<void> {
    const c = new pg.Client({ connectionString: this.url('postgres') });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The API and worker processes run from a copy of dist/apps and dist/libs taken when the suite starts: a
 * restarted worker must run the code the run started with, even if `tsc` rewrites dist/ meanwhile (it writes
 * files one by one, and a process started halfway reads half-written modules).
 */
function snapshotBuild(root: string): void {
  const app = path.join(root, 'app');
  for (const part of ['apps', 'libs']) fs.cpSync(path.resolve('dist', part), path.join(app, 'dist', part), { recursive: true });
  fs.copyFileSync(path.resolve('package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.resolve('node_modules'), path.join(app, 'node_modules'), 'dir');
}
