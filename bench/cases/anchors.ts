import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchStack } from '../support/bench-stack.js';
import type { BenchContext } from '../support/result.js';

/** What ../shared/bench/anchor.mjs measured in this run: jobs/s and the ratio to its own no-op BullMQ worker. */
export interface AnchorFigures {
  noop: { per_s: number };
  handrolled: { per_s: number; ratio_to_noop: number };
  batched: { per_s: number; ratio_to_noop: number };
}

/**
 * anchor_handrolled / anchor_batched: the two reference pipelines of ../shared/bench/anchor.mjs (a hand-written
 * dispatcher with one transaction per job, and the same work batched as a careful engineer would), run in this
 * bench run so our figures compare with them on the same machine at the same time — figures from different runs
 * do not compare. The script starts its own Redis and PostgreSQL; ours stay idle meanwhile.
 */
export async function anchors(_s: BenchStack, ctx: BenchContext): Promise<void> {
  const script = path.resolve(process.cwd(), '..', 'shared', 'bench', 'anchor.mjs');
  if (!fs.existsSync(script)) {
    ctx.log(`anchors: ${script} not found (run from the project root with ../shared beside it); skipped`);
    return;
  }
  const jobs = ctx.quick ? 5000 : 20000;
  const deliveries = ctx.quick ? 2000 : 6000;
  ctx.log(`anchors: node ${script} ${jobs} ${deliveries}`);
  const out = await new Promise<{ text: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, String(jobs), String(deliveries)], {
      env: { ...process.env, NODE_PATH: path.resolve(process.cwd(), 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ text, code }));
  });
  // The script prints its figures, then stops its Postgres; its pool can still see that shutdown as an unhandled
  // error and exit 1 after the figures are out. The figures count; the exit code is reported.
  const line = out.text.split('\n').find((l) => l.includes('"anchor_baselines"'));
  if (!line) throw new Error(`anchor.mjs exited with ${out.code} and printed no anchor_baselines line: ${out.text.slice(0, 300)}`);
  if (out.code !== 0) ctx.log(`anchors: anchor.mjs exited with ${out.code} after printing its figures (its shutdown); figures kept`);
  const a = JSON.parse(line) as AnchorFigures & { checks: Record<string, number> };
  ctx.shared.anchors = a;
  for (const name of ['handrolled', 'batched'] as const) {
    ctx.emit({
      name: `anchor_${name}`,
      value: a[name].per_s,
      unit: 'jobs/s',
      ratio_to_noop: a[name].ratio_to_noop,
      noop_per_s: a.noop.per_s,
      checks: a.checks,
    });
  }
}
