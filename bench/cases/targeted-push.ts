import type { BenchStack } from '../support/bench-stack.js';
import type { BenchContext } from '../support/result.js';

export async function targetedPush(_s: BenchStack, ctx: BenchContext): Promise<void> {
  ctx.emit({ name: 'targeted_push_100k', value: NaN, unit: 's', skipped: 'not written yet' });
}
