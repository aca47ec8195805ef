import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
/**
 * One API or worker process, started exactly as production starts it (`node dist/apps/…/main.js`), its output
 * appended to a log file in the suite's temp folder. Kill and restart are what the scenarios are made of.
 */
export class Proc {
    name;
    script;
    env;
    logDir;
    child;
    starts = 0;
    constructor(name, script, env, logDir) {
        this.name = name;
        this.script = script;
        this.env = env;
        this.logDir = logDir;
    }
    get running() {
        return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
    }
    get pid() {
        return this.child?.pid;
    }
    start() {
        if (this.running)
            throw new Error(`${this.name} is already running`);
        const log = fs.openSync(path.join(this.logDir, `${this.name}.log`), 'a');
        fs.writeSync(log, `\n===== start #${++this.starts} at ${new Date().toISOString()} =====\n`);
        this.child = spawn(process.execPath, [path.resolve(this.script)], {
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.env },
            stdio: ['ignore', log, log],
        });
        fs.closeSync(log);
    }
    /** SIGKILL: no shutdown hook runs, locks are left to lapse, in-flight HTTP calls are cut. */
    kill() {
        return this.signal('SIGKILL');
    }
    /** SIGTERM and a grace period for Nest's shutdown hooks, then SIGKILL. */
    async stop(graceMs = 10000) {
        if (!this.running)
            return;
        const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
        await this.signal('SIGTERM');
        clearTimeout(timer);
    }
    signal(sig) {
        const child = this.child;
        if (!child || !this.running)
            return Promise.resolve();
        return new Promise((resolve) => {
            child.once('exit', () => resolve());
            child.kill(sig);
        });
    }
}
/** Polls `url` until it answers `status` (default 200). */
export async function waitForHttp(url, timeoutMs, status = 200) {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
        try {
            const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
            await res.arrayBuffer();
            if (res.status === status)
                return;
            last = `HTTP ${res.status}`;
        }
        catch (err) {
            last = err.message;
        }
        await sleep(200);
    }
    throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
//# sourceMappingURL=processes.js.map