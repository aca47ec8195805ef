import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
export class RedisMissingError extends Error {
}
/**
 * A real redis-server (Debian's package), data under `dir`, append-only file on so a restart keeps the queue.
 * No npm package ships the binary, so it must be on PATH.
 */
export async function startRedis(opts) {
    const bin = findRedis();
    fs.mkdirSync(opts.dir, { recursive: true });
    const pidFile = path.join(opts.dir, 'redis.pid');
    await stopStale(pidFile);
    const args = [
        '--port', String(opts.port), '--bind', '127.0.0.1', '--dir', opts.dir, '--pidfile', pidFile,
        '--appendonly', opts.appendonly === false ? 'no' : 'yes', '--appendfsync', 'everysec', '--save', '',
        '--daemonize', 'no', '--maxmemory-policy', 'noeviction', '--loglevel', 'warning',
    ];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => opts.log?.(String(d)));
    child.stderr?.on('data', (d) => opts.log?.(String(d)));
    await waitForPort(opts.port, child);
    return {
        url: `redis://127.0.0.1:${opts.port}`,
        port: opts.port,
        process: child,
        stop: () => new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null)
                return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
        }),
    };
}
export function findRedis() {
    const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
    if (!found)
        throw new RedisMissingError('redis-server not found on PATH: install it with `apt-get install -y redis-server` (or set REDIS_URL to a running Redis)');
    return found;
}
/** A redis-server left running by a killed launcher holds the port and the AOF: stop it first. */
async function stopStale(pidFile) {
    if (!fs.existsSync(pidFile))
        return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    const alive = () => {
        try {
            process.kill(pid, 0);
            return true;
        }
        catch {
            return false;
        }
    };
    if (!pid || !alive())
        return;
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(); i++)
        await new Promise((r) => setTimeout(r, 100));
}
async function waitForPort(port, child) {
    const net = await import('node:net');
    for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null)
            throw new Error(`redis-server exited with code ${child.exitCode}`);
        const ok = await new Promise((resolve) => {
            const s = net.connect(port, '127.0.0.1');
            s.once('connect', () => {
                s.write('PING\r\n');
                s.once('data', (d) => {
                    s.destroy();
                    resolve(String(d).startsWith('+PONG'));
                });
            });
            s.once('error', () => resolve(false));
        });
        if (ok)
            return;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
}
