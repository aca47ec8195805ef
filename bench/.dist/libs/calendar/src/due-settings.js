export const DEFAULT_DUE_SETTINGS = Object.freeze({
    countStartDay: false,
    immediateGraceWorkingDays: 0,
    afterReviewWorkingDays: 20,
});
export function resolveDueSettings(...layers) {
    const s = { ...DEFAULT_DUE_SETTINGS };
    for (const layer of layers)
        for (const [k, v] of Object.entries(layer ?? {}))
            if (v !== undefined)
                s[k] = v;
    if (typeof s.countStartDay !== 'boolean')
        throw new RangeError('countStartDay must be true or false');
    for (const key of ['immediateGraceWorkingDays', 'afterReviewWorkingDays']) {
        if (!Number.isInteger(s[key]) || s[key] < 0)
            throw new RangeError(`${key} must be a non-negative integer, got ${s[key]}`);
    }
    return s;
}
