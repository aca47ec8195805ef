import * as fs from 'node:fs';
import * as os from 'node:os';
export function machine() {
    const cpus = os.cpus();
    const model = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').replace(/\(R\)|\(TM\)|CPU /g, '').trim();
    return `${cpus.length}× ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${os.loadavg()[0].toFixed(1)}`;
}
export function totals(runs) {
    return {
        deliveries: runs.reduce((s, r) => s + r.deliveries, 0),
        lost: runs.reduce((s, r) => s + r.lost, 0),
        duplicates: runs.reduce((s, r) => s + r.duplicates, 0),
        server_errors: runs.reduce((s, r) => s + r.serverErrors, 0),
        chain_valid: runs.every((r) => r.chainValid && !r.error),
    };
}
/**
 * Writes the run's table into docs/reliability.md between the markers of its mode (full or quick), leaving the
 * rest of the document as written by people.
 */
export function writeReport(file, mode, runs, startedAt, machineLine) {
    const date = startedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    const row = (r) => `| ${r.title}${r.error ? ' (did not finish)' : ''} | ${r.deliveries} | ${r.lost} | ${r.duplicates} | ${r.serverErrors} | ${r.chainValid ? 'yes' : 'no'} | ${(r.durationMs / 1000).toFixed(0)} s | ${date} | ${machineLine} |`;
    const t = totals(runs);
    const body = [
        `Run: \`npm run chaos${mode === 'quick' ? ' -- --quick' : ''}\`, Node ${process.version}, ${os.type()} ${os.release()}.`,
        '',
        '| scenario | deliveries | lost | duplicates | server errors | chain valid | duration | date | machine |',
        '| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |',
        ...runs.map(row),
        `| **total** | ${t.deliveries} | ${t.lost} | ${t.duplicates} | ${t.server_errors} | ${t.chain_valid ? 'yes' : 'no'} | ${(runs.reduce((s, r) => s + r.durationMs, 0) / 1000).toFixed(0)} s | | |`,
        '',
        '<details><summary>Details per scenario</summary>',
        '',
        ...runs.flatMap((r) => [`- **${r.title}**${r.error ? ` — error: ${escape(r.error)}` : ''}`, ...r.notes.map((n) => `  - ${escape(n)}`)]),
        '',
        '</details>',
    ].join('\n');
    const start = `<!-- chaos:${mode}:start -->`;
    const end = `<!-- chaos:${mode}:end -->`;
    let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Reliability\n';
    const block = `${start}\n${body}\n${end}`;
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    if (i >= 0 && j > i)
        doc = doc.slice(0, i) + block + doc.slice(j + end.length);
    else
        doc = `${doc.trimEnd()}\n\n## Latest ${mode} run\n\n${block}\n`;
    fs.writeFileSync(file, doc);
}
function escape(s) {
    return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}
//# sourceMappingURL=report.js.map