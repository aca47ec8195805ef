import * as path from 'node:path';
import { doubleClick } from './scenarios/double-click.js';
import { dropAfterAccept } from './scenarios/drop-after-accept.js';
import { flakyChannels } from './scenarios/flaky-channels.js';
import { postgresOutage } from './scenarios/postgres-outage.js';
import { redisKill } from './scenarios/redis-kill.js';
import type { Scenario } from './scenarios/scenario.js';
import { workerKill } from './scenarios/worker-kill.js';
import { Infra } from './support/infra.js';
import { machine, totals, writeReport, type ScenarioRun } from './support/report.js';

/**
 * `npm run chaos [-- --quick] [-- --only worker-kill,redis-kill]`: the fault-injection suite against real
 * processes (docs/reliability.md). Writes its table into docs/reliability.md; the last line of output is one JSON
 * object with the totals; exits 1 when anything was lost, duplicated, answered with a server error, when the
 * audit chain is invalid, or when a scenario could not run as planned.
 */
const SCENARIOS: Scenario[] = [workerKill, redisKill, postgresOutage, flakyChannels, doubleClick, dropAfterAccept];

function parseArgs(argv: string[]): { quick: boolean; only?: string[]; write: boolean } {
  const out: { quick: boolean; only?: string[]; write: boolean } = { quick: false, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') out.quick = true;
    else if (a === '--no-report') out.write = false;
    else if (a === '--only' && argv[i + 1]) out.only = argv[++i].split(',');
    else if (a.startsWith('--only=')) out.only = a.slice(7).split(',');
    else throw new Error(`unknown argument ${a}; usage: chaos [--quick] [--only ${SCENARIOS.map((s) => s.id).join(',')}] [--no-report]`);
  }
  const unknown = out.only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const say = (line: string) => console.log(`[chaos] ${line}`);
  const startedAt = new Date();
  const machineLine = machine();
  say(`${args.quick ? 'quick' : 'full'} run on ${machineLine}`);
  const infra = await Infra.start(say);
  const runs: ScenarioRun[] = [];
  try {
    for (const s of SCENARIOS.filter((x) => !args.only || args.only.includes(x.id))) {
      say(`${s.id}: ${s.title}`);
      const t0 = Date.now();
      try {
        const f = await s.run({ infra, quick: args.quick, log: say });
        runs.push({ ...f, id: s.id, title: s.title, durationMs: Date.now() - t0, ...(f.shortfall ? { error: f.shortfall } : {}) });
      } catch (err) {
        runs.push({ id: s.id, title: s.title, durationMs: Date.now() - t0, deliveries: 0, lost: 0, duplicates: 0, serverErrors: 0, chainValid: false, notes: [], error: (err as Error).stack ?? String(err) });
      }
      const r = runs[runs.length - 1];
      say(`${s.id}: deliveries ${r.deliveries}, lost ${r.lost}, duplicates ${r.duplicates}, server errors ${r.serverErrors}, chain ${r.chainValid ? 'valid' : 'INVALID'}, ${(r.durationMs / 1000).toFixed(0)} s${r.error ? `, ERROR ${r.error}` : ''}`);
      for (const n of r.notes) say(`  ${n}`);
    }
  } finally {
    const bad = runs.some((r) => r.error || r.lost || r.duplicates || r.serverErrors || !r.chainValid);
    await infra.close(bad || !!process.env.CHAOS_KEEP);
  }
  if (args.write && !args.only) writeReport(path.resolve('docs/reliability.md'), args.quick ? 'quick' : 'full', runs, startedAt, machineLine);
  const t = totals(runs);
  console.log(JSON.stringify(t));
  return t.lost || t.duplicates || t.server_errors || !t.chain_valid || runs.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[chaos] ${(err as Error).stack ?? String(err)}`);
    console.log(JSON.stringify({ deliveries: 0, lost: 0, duplicates: 0, server_errors: 0, chain_valid: false }));
    process.exit(2);
  },
);
