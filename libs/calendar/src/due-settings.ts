/** How deadlines are counted; documented in docs/calendar.md. */
export interface DueSettings {
  /**
   * false (default): the day the information is produced or changed is not counted, the usual rule for periods in
   * Chinese administrative law; 20 working days run from the next day. true: that day counts as day 1 when it is a
   * working day.
   */
  countStartDay: boolean;
  /** `immediate` (即时公开) allows this many working days after the day of production; 0 = the same working day. */
  immediateGraceWorkingDays: number;
  /** `after_review` counts this many working days from the review date (no stored text gives the period). */
  afterReviewWorkingDays: number;
}

export const DEFAULT_DUE_SETTINGS: Readonly<DueSettings> = Object.freeze({
  countStartDay: false,
  immediateGraceWorkingDays: 0,
  afterReviewWorkingDays: 20,
});

export function resolveDueSettings(...layers: (Partial<DueSettings> | undefined)[]): DueSettings {
  const s: DueSettings = { ...DEFAULT_DUE_SETTINGS };
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
  if (typeof s.countStartDay !== 'boolean') throw new RangeError('countStartDay must be true or false');
  for (const key of ['immediateGraceWorkingDays', 'afterReviewWorkingDays'] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 0) throw new RangeError(`${key} must be a non-negative integer, got ${s[key]}`);
  }
  return s;
}
