import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
/**
 * Loaded with `node --import` into the API and worker processes when the bench runs with --profile. Unlike
 * `--cpu-prof`, which writes only on a normal exit (Nest re-raises SIGTERM, so it never does), this writes a
 * profile on SIGWINCH (ignored by default and not among the signals Nest's shutdown hooks close the app on, as
 * SIGUSR2 is) and starts a new one, so the bench takes one profile per benchmark:
 * <BENCH_PROFILE_DIR>/<BENCH_PROFILE_ROLE>-<n>.cpuprofile, written atomically (rename) for the bench to wait on.
 */
const dir = process.env.BENCH_PROFILE_DIR;
const role = process.env.BENCH_PROFILE_ROLE ?? 'node';
if (dir) {
    const session = new Session();
    session.connect();
    const post = (method, params) => new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
    let n = 0;
    const start = async () => {
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: 500 });
        await post('Profiler.start');
    };
    void start();
    process.on('SIGWINCH', () => {
        void (async () => {
            const { profile } = await post('Profiler.stop');
            const file = path.join(dir, `${role}-${n++}.cpuprofile`);
            fs.writeFileSync(`${file}.tmp`, JSON.stringify(profile));
            fs.renameSync(`${file}.tmp`, file);
            await post('Profiler.start');
        })();
    });
}
