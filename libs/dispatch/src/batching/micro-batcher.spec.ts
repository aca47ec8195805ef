import { MicroBatcher, type Settled } from './micro-batcher.js';

describe('MicroBatcher (group commit for concurrent callers)', () => {
  it('puts what arrives together into one flush and answers each caller with its own result', async () => {
    const flushes: number[][] = [];
    const b = new MicroBatcher<number, number>(async (items) => {
      flushes.push(items);
      return items.map((i) => ({ ok: true, value: i * 10 }));
    }, { maxBatch: 100, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3, 4].map((i) => b.submit(i)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(flushes).toEqual([[1, 2, 3, 4]]);
  });

  it('queues what arrives during a flush for the next one, and never runs more flushes at once than allowed', async () => {
    let running = 0;
    let most = 0;
    const flushes: number[][] = [];
    const b = new MicroBatcher<number, number>(async (items) => {
      running++;
      most = Math.max(most, running);
      flushes.push(items);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return items.map((i) => ({ ok: true, value: i }));
    }, { maxBatch: 3, maxInFlight: 1 });
    const first = b.submit(0);
    await new Promise((r) => setImmediate(r)); // the first flush has started
    const rest = [1, 2, 3, 4, 5].map((i) => b.submit(i));
    await Promise.all([first, ...rest]);
    expect(most).toBe(1);
    expect(flushes).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it("keeps one item's failure with that item", async () => {
    const b = new MicroBatcher<number, number>(async (items) =>
      items.map((i): Settled<number> => (i === 2 ? { ok: false, error: new Error('bad item 2') } : { ok: true, value: i })), { maxBatch: 10, maxInFlight: 1 });
    const out = await Promise.allSettled([1, 2, 3].map((i) => b.submit(i)));
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((out[1] as PromiseRejectedResult).reason.message).toBe('bad item 2');
  });

  it('rejects every caller of a flush that throws, and goes on serving later ones', async () => {
    let fail = true;
    const b = new MicroBatcher<number, number>(async (items) => {
      if (fail) throw new Error('database unavailable');
      return items.map((i) => ({ ok: true, value: i }));
    }, { maxBatch: 10, maxInFlight: 1 });
    const out = await Promise.allSettled([1, 2].map((i) => b.submit(i)));
    expect(out.every((o) => o.status === 'rejected')).toBe(true);
    fail = false;
    await expect(b.submit(3)).resolves.toBe(3);
  });
});
