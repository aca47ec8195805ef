import { shanghaiDate } from '../../calendar/src/index.js';

export type FreshnessState = 'ok' | 'warning' | 'overdue' | 'empty' | 'unchecked';

export interface FreshnessJudgement {
  state: FreshnessState;
  /** Asia/Shanghai date of the last delivered update, null if never updated */
  lastUpdateDate: string | null;
  /** the last day the column may go without a new update */
  dueDate: string | null;
  /** calendar days from today to dueDate: 0 = last day, negative = days late */
  daysLeft: number | null;
  /** whole calendar days since the last update */
  daysSince: number | null;
}

const DAY_MS = 86_400_000;

/** Whole days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Judges one column or account. Dates are Asia/Shanghai calendar dates, as an inspector reads them: updated on
 * 12-01 with a 14-day limit, the column may stay as it is up to 12-15 and is stale on 12-16. `warning` starts
 * `warnDays` days before the last day. A never-updated target is `empty` whatever its limit; a target with no
 * limit is `unchecked`.
 */
export function judgeFreshness(lastUpdate: Date | null, limitDays: number | null, warnDays: number, now: Date): FreshnessJudgement {
  const today = shanghaiDate(now);
  if (!lastUpdate) return { state: 'empty', lastUpdateDate: null, dueDate: null, daysLeft: null, daysSince: null };
  const last = shanghaiDate(lastUpdate);
  const daysSince = daysBetween(last, today);
  if (limitDays === null) return { state: 'unchecked', lastUpdateDate: last, dueDate: null, daysLeft: null, daysSince };
  const dueDate = addDays(last, limitDays);
  const daysLeft = daysBetween(today, dueDate);
  const state: FreshnessState = daysLeft < 0 ? 'overdue' : daysLeft <= warnDays ? 'warning' : 'ok';
  return { state, lastUpdateDate: last, dueDate, daysLeft, daysSince };
}
