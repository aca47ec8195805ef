/** Nearest-rank percentile of a list of numbers (the list is sorted in place). */
export function percentile(values, p) {
    if (values.length === 0)
        return NaN;
    values.sort((a, b) => a - b);
    const rank = Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1));
    return values[rank];
}
export function summary(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return {
        n: sorted.length,
        p50: round(percentile(sorted, 50)),
        p90: round(percentile(sorted, 90)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? NaN),
    };
}
export function round(n, digits = 2) {
    const f = 10 ** digits;
    return Math.round(n * f) / f;
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls until `fn` returns a truthy value; throws with `what` when the time is up. */
export async function waitFor(what, fn, timeoutMs, everyMs = 20) {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const v = await fn();
        if (v)
            return v;
        if (Date.now() > end)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(everyMs);
    }
}
