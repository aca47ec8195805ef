import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import net from 'node:net';
export function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}
/** Starts `node <args>` with its output in `logFile`; stop() sends SIGTERM and, after 15 s, SIGKILL. */
export function startNode(name, args, env, logFile) {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    return {
        name,
        child,
        pid: child.pid,
        logFile,
        async stop() {
            if (child.exitCode !== null || child.signalCode !== null)
                return;
            const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
            child.kill('SIGTERM');
            await exited;
            clearTimeout(timer);
        },
    };
}
/** Resident memory of a process from /proc: now (VmRSS) and its peak so far (VmHWM), in MB. */
export function memoryOf(pid) {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}
/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (proc(5) numbering 14 and 15, counted from after the name)
    return (Number(fields[11]) + Number(fields[12])) / 100;
}
/** Samples a process' resident memory every `everyMs`; stop() gives the largest sample and the last one. */
export function sampleMemory(pid, everyMs = 200) {
    let maxRssMb = 0;
    let lastRssMb = 0;
    const take = () => {
        try {
            const m = memoryOf(pid);
            lastRssMb = m.rssMb;
            maxRssMb = Math.max(maxRssMb, m.rssMb);
        }
        catch {
            /* the process exited */
        }
    };
    take();
    const timer = setInterval(take, everyMs);
    return {
        stop() {
            clearInterval(timer);
            take();
            let peakMb = maxRssMb;
            try {
                peakMb = memoryOf(pid).peakMb;
            }
            catch {
                /* exited */
            }
            return { maxRssMb, lastRssMb, peakMb };
        },
    };
}
/** A process and its direct children (PostgreSQL's backends are children of the postmaster). */
export function treeCpuSeconds(pid) {
    let total = 0;
    try {
        total += cpuSecondsOf(pid);
    }
    catch {
        return 0;
    }
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry))
            continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            if (ppid === pid)
                total += cpuSecondsOf(Number(entry));
        }
        catch {
            /* gone */
        }
    }
    return total;
}
/**
 * CPU seconds each part of the system used between two points: on a shared, noisy machine the CPU spent per
 * delivery is a steadier yardstick than wall-clock rates, and it says which process to profile.
 */
export function cpuMeter(pids) {
    const read = () => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, treeCpuSeconds(pid)]));
    const before = read();
    return {
        stop() {
            const after = read();
            return Object.fromEntries(Object.keys(pids).map((k) => [k, Math.round((after[k] - before[k]) * 100) / 100]));
        },
    };
}
