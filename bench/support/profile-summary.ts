import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  /** ms the process was not idle */
  busyMs: number;
  self: { frame: string; ms: number; pct: number }[];
  total: { frame: string; ms: number; pct: number }[];
  byArea: { area: string; ms: number; pct: number }[];
}

/**
 * Reads a V8 .cpuprofile and names where the time went: top frames by self time, by inclusive time (each frame
 * counted once per stack, so recursion does not inflate it), and by area (an npm package, one of our libs, node
 * internals, GC). Percentages are of the busy (non-idle) time.
 */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));

  const key = (n: ProfileNode) => {
    const f = n.callFrame;
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'}${where ? ' ' + where : ''}`;
  };
  let idleUs = 0;
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const total = new Map<string, number>();
  // the profiler serialising the previous profile is the bench's own cost, not the process's: count it as idle
  const benchOwn = new Set<number>();
  for (const n of p.nodes) if (n.callFrame.url.includes('cpu-profile.preload')) markSubtree(n.id);
  function markSubtree(id: number): void {
    if (benchOwn.has(id)) return;
    benchOwn.add(id);
    for (const c of byId.get(id)?.children ?? []) markSubtree(c);
  }
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)' || benchOwn.has(id)) {
      idleUs += us;
      continue;
    }
    self.set(key(n), (self.get(key(n)) ?? 0) + us);
    const area = areaOf(n);
    areas.set(area, (areas.get(area) ?? 0) + us);
    // inclusive: every distinct frame on this sample's stack gets the sample once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const wallUs = p.endTime - p.startTime;
  const busyUs = Math.max(1, wallUs - idleUs);
  const rank = (m: Map<string, number>, skip: (k: string) => boolean = () => false) =>
    [...m.entries()]
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

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length);
  return url.replace(/^file:\/\//, '');
}

function areaOf(n: ProfileNode): string {
  const { url, functionName } = n.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const m = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  if (m) return m[1];
  return url.replace(/^file:\/\//, '');
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [`${s.file}: ${s.busyMs} ms busy of ${s.wallMs} ms`];
  lines.push('  by area:', ...s.byArea.map((a) => `    ${a.pct.toFixed(1).padStart(5)}%  ${a.ms.toFixed(0).padStart(6)} ms  ${a.area}`));
  lines.push('  top self:', ...s.self.map((f) => `    ${f.pct.toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.frame}`));
  lines.push('  top inclusive:', ...s.total.map((f) => `    ${f.pct.toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.frame}`));
  return lines.join('\n');
}
