import { formatSummary, summarizeProfile } from './support/profile-summary.js';
/** `node dist/bench/profile-summary.js <file.cpuprofile>… [--top N] [--json]`: where a profiled process spent its time. */
const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
const json = args.includes('--json');
const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
if (files.length === 0) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile>… [--top N] [--json]');
    process.exit(2);
}
for (const f of files) {
    const s = summarizeProfile(f, top);
    console.log(json ? JSON.stringify(s) : formatSummary(s));
}
