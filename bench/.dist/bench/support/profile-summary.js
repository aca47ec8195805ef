import * as fs from 'node:fs';
/**
 * Reads a V8 .cpuprofile and names where the time went: top frames by self time, by inclusive time (each frame
 * counted once per stack, so recursion does not inflate it), and by area (an npm package, one of our libs, node
 * internals, GC). Percentages are of the busy (non-idle) time.
 */
export function summarizeProfile(file, top = 15) {
    const p = JSON.parse(fs.readFileSync(file, 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes)
        for (const c of n.children ?? [])
            parent.set(c, n.id);
    const selfUs = new Map();
    for (let i = 0; i < p.samples.length; i++)
        selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
    const key = (n) => {
        const f = n.callFrame;
        const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '';
        return `${f.functionName || '(anonymous)'}${where ? ' ' + where : ''}`;
    };
    let idleUs = 0;
    const self = new Map();
    const areas = new Map();
    const total = new Map();
    for (const [id, us] of selfUs) {
        const n = byId.get(id);
        if (n.callFrame.functionName === '(idle)') {
            idleUs += us;
            continue;
        }
        self.set(key(n), (self.get(key(n)) ?? 0) + us);
        const area = areaOf(n);
        areas.set(area, (areas.get(area) ?? 0) + us);
        // inclusive: every distinct frame on this sample's stack gets the sample once
        const seen = new Set();
        for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
            const k = key(byId.get(cur));
            if (seen.has(k))
                continue;
            seen.add(k);
            total.set(k, (total.get(k) ?? 0) + us);
        }
    }
    const wallUs = p.endTime - p.startTime;
    const busyUs = Math.max(1, wallUs - idleUs);
    const rank = (m, skip = () => false) => [...m.entries()]
        .filter(([k]) => !skip(k))
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, us]) => ({ k, ms: Math.round(us / 100) / 10, pct: Math.round((us / busyUs) * 1000) / 10 }));
    return {
        file,
        wallMs: Math.round(wallUs / 1000),
        busyMs: Math.round(busyUs / 1000),
        self: rank(self).map(({ k, ms, pct }) => ({ frame: k, ms, pct })),
        total: rank(total, (k) => k.startsWith('(root)') || k.startsWith('(program)')).map(({ k, ms, pct }) => ({ frame: k, ms, pct })),
        byArea: rank(areas, () => false).map(({ k, ms, pct }) => ({ area: k, ms, pct })),
    };
}
function shortUrl(url) {
    const nm = url.lastIndexOf('node_modules/');
    if (nm >= 0)
        return url.slice(nm + 'node_modules/'.length);
    const dist = url.indexOf('/dist/');
    if (dist >= 0)
        return url.slice(dist + '/dist/'.length);
    return url.replace(/^file:\/\//, '');
}
function areaOf(n) {
    const { url, functionName } = n.callFrame;
    if (!url)
        return functionName.startsWith('(') ? functionName : '(native)';
    const nm = url.lastIndexOf('node_modules/');
    if (nm >= 0) {
        const rest = url.slice(nm + 'node_modules/'.length).split('/');
        return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    }
    if (url.startsWith('node:'))
        return `node:${url.slice(5).split('/')[0]}`;
    const m = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(url);
    if (m)
        return m[1];
    return url.replace(/^file:\/\//, '');
}
export function formatSummary(s) {
    const lines = [`${s.file}: ${s.busyMs} ms busy of ${s.wallMs} ms`];
    lines.push('  by area:', ...s.byArea.map((a) => `    ${a.pct.toFixed(1).padStart(5)}%  ${a.ms.toFixed(0).padStart(6)} ms  ${a.area}`));
    lines.push('  top self:', ...s.self.map((f) => `    ${f.pct.toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.frame}`));
    lines.push('  top inclusive:', ...s.total.map((f) => `    ${f.pct.toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.frame}`));
    return lines.join('\n');
}
