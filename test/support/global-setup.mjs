// Runs outside Jest's module system (no TS path mapping), so it builds the project first and uses the compiled
// launcher pieces; the worker-process tests need that build anyway.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import net from 'node:net';
import pg from 'pg';

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * One real PostgreSQL and one real Redis for the whole run. The migrations run once into a template database;
 * each test file clones it (CREATE DATABASE … TEMPLATE) and uses its own queue prefix, so files run in
 * parallel without seeing each other.
 */
export default async function globalSetup() {
  // scripts/test-dates.sh runs Jest again right after a full run, whose build is still in dist/
  if (process.env.GKD_TEST_PREBUILT !== '1') build();
  const dist = path.resolve('dist');
  const { startEmbeddedPostgres } = await import(`${dist}/apps/launcher/src/embedded-postgres.js`);
  const { startRedis } = await import(`${dist}/apps/launcher/src/redis-server.js`);
  const { runMigrations } = await import(`${dist}/libs/database/src/index.js`);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gkd-test-'));
  fs.chmodSync(root, 0o777); // initdb runs as the postgres user when we are root
  const db = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), port: await freePort(), database: 'gkd_template' });
  await runMigrations(db.url, () => undefined);
  const base = db.url.replace(/\/gkd_template$/, '');
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query(`ALTER DATABASE gkd_template WITH IS_TEMPLATE true`);
  await admin.end();
  // Under scripts/test-dates.sh libfaketime moves the clock of every process started from here, but it cannot
  // start redis-server (its allocator calls clock_gettime while libfaketime initialises), so Redis keeps the real
  // clock. Nothing the tests assert reads Redis's clock: BullMQ stamps jobs with Node's time and its locks are TTLs.
  const preload = process.env.LD_PRELOAD;
  delete process.env.LD_PRELOAD;
  const redis = await startRedis({ dir: path.join(root, 'redis'), port: await freePort(), appendonly: false }).finally(() => {
    if (preload !== undefined) process.env.LD_PRELOAD = preload;
  });
  process.env.TEST_PG_BASE = base;
  process.env.TEST_REDIS_URL = redis.url;
  process.env.TEST_ROOT = root;
  globalThis.__GKD__ = { db, redis, root };
}

/** The compiled project (the launcher pieces above and the worker-process tests run it) and the back office. */
function build() {
  // emit only: `npm test` type-checks the whole project before Jest starts, so checking again here would double
  // the longest step of the set-up
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { stdio: 'pipe' });
  } catch (err) {
    console.warn(`global setup: the build reported type errors:\n${String(err.stdout ?? '').slice(0, 2000)}`);
  }
  // the back office (dist/web), which the API serves at / and the browser tests in test/web drive. Built beside
  // and swapped in, so a test run already serving dist/web never sees it half-written.
  try {
    const fresh = path.resolve(`dist/.web-${process.pid}`);
    execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'error', '--outDir', fresh, '--emptyOutDir'], { stdio: 'pipe' });
    const old = path.resolve(`dist/.web-old-${process.pid}`);
    if (fs.existsSync('dist/web')) fs.renameSync('dist/web', old);
    fs.renameSync(fresh, 'dist/web');
    fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    console.warn(`global setup: the web build failed:\n${String(err.stderr ?? err.stdout ?? err).slice(0, 2000)}`);
  }
}
