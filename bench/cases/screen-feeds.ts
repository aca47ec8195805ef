import type { BenchStack } from '../support/bench-stack.js';
import type { BenchContext } from '../support/result.js';

export async function screenFeeds(_s: BenchStack, ctx: BenchContext): Promise<void> {
  ctx.emit({ name: 'screen_feeds', value: NaN, unit: 'req/s', skipped: 'not written yet' });
}
