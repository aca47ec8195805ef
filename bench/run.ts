import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditBench } from './cases/audit.js';
import { anchors } from './cases/anchors.js';
import { clickToDelivered, deliveryThroughput, publishLatency, publishMax, scaleOut } from './cases/dispatch.js';
import { screenFeeds } from './cases/screen-feeds.js';
import { soak } from './cases/soak.js';
import { targetedPush } from './cases/targeted-push.js';
import { BenchStack, fanoutChannels } from './support/bench-stack.js';
import type { BenchContext, BenchResult } from './support/result.js';

/**
 * `npm run bench [-- --quick] [-- --only a,b] [-- --profile[=dir]]`: the performance figures of the whole system on
 * this machine, one JSON object per line on stdout (progress on stderr). See docs/benchmarks.md.
 */
const CASES: Record<string, { run: (s: BenchStack, ctx: BenchContext) => Promise<void>; full?: boolean }> = {
  // first: the reference pipelines of ../shared/bench, measured in this run for delivery_throughput to compare with
  anchors: { run: anchors },
  delivery_throughput: { run: deliveryThroughput },
  scale_out: { run: scaleOut },
  publish_latency: { run: publishLatency },
  publish_max: { run: publishMax },
  click_to_delivered: { run: clickToDelivered },
  screen_feeds: { run: screenFeeds },
  audit: { run: auditBench },
  soak: { run: soak, full: true },
  // last: it restarts the API and worker with an email channel
  targeted_push_100k: { run: targetedPush },
};

function parseArgs(argv: string[]): { quick: boolean; only: string[] | null; profileDir: string | null; params: Record<string, string> } {
  let quick = false;
  const params: Record<string, string> = {};
  let only: string[] | null = null;
  let profileDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--only') only = argv[++i].split(',');
    else if (a.startsWith('--only=')) only = a.slice(7).split(',');
    else if (a === '--profile') profileDir = path.join(os.tmpdir(), `gkd-bench-profiles-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    else if (a.startsWith('--profile=')) profileDir = path.resolve(a.slice(10));
    else if (a === '--set') {
      const [k, v] = argv[++i].split('=');
      params[k] = v;
    } else throw new Error(`unknown argument ${a} (use --quick, --only a,b, --profile[=dir], --set name=value)`);
  }
  for (const name of only ?? []) if (!CASES[name]) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(CASES).join(', ')}`);
  return { quick, only, profileDir, params };
}

function machine(): BenchResult {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    name: 'machine',
    value: os.availableParallelism(),
    unit: 'cpus',
    model,
    node: process.version,
    date: new Date().toISOString(),
    load: os.loadavg().map((l) => Math.round(l * 100) / 100),
    mem_total_mb: Math.round(os.totalmem() / 2 ** 20),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const emit = (r: BenchResult) => process.stdout.write(JSON.stringify(r) + '\n');
  const ctx: BenchContext = { quick: args.quick, params: args.params, more: false, log, emit, shared: {} };
  const selected = Object.entries(CASES).filter(([name, c]) => (args.only ? args.only.includes(name) : !c.full || !args.quick));
  if (args.profileDir) {
    fs.mkdirSync(args.profileDir, { recursive: true });
    log(`CPU profiles of the API and worker go to ${args.profileDir}`);
  }
  emit({ ...machine(), mode: args.quick ? 'quick' : 'full' });
  const started = Date.now();
  const stack = await BenchStack.start({ channels: fanoutChannels(args.quick ? 20 : 50), profileDir: args.profileDir ?? undefined, log });
  let failed = 0;
  try {
    for (const [i, [name, c]] of selected.entries()) {
      log(`── ${name}`);
      try {
        await c.run(stack, { ...ctx, more: i < selected.length - 1 });
      } catch (err) {
        failed++;
        log(`${name} failed: ${(err as Error).stack ?? err}`);
        emit({ name, value: NaN, unit: 'error', error: String((err as Error).message ?? err) });
      }
    }
  } finally {
    await stack.stop();
  }
  emit({ name: 'run', value: Math.round((Date.now() - started) / 100) / 10, unit: 's', failed, load: os.loadavg().map((l) => Math.round(l * 100) / 100) });
  // targets are goals, not assertions: the run fails only when a benchmark could not run at all
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`[bench] ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
