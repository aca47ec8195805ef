import { HolidayDataError, validateHolidayYear, type HolidayYear } from './holiday-year.js';
import { loadHolidayDirectory, type HolidaySource } from './holiday-directory.js';
import { assertIsoDate, fromDayNumber, isWeekend, toDayNumber, yearOf } from './iso-date.js';

export interface DayInfo {
  date: string;
  working: boolean;
  /** No arrangement is loaded for this date's year: `working` assumes weekends only and may change. */
  provisional: boolean;
  /** The holiday's name, for days listed in an arrangement (rest days and make-up working days). */
  name?: string;
}

export interface YearArrangement {
  year: number;
  provisional: boolean;
  /** The arrangement's days off (weekends inside a holiday period included; ordinary weekends are not listed). */
  restDays: { date: string; name: string }[];
  /** Weekend days worked instead (调休上班). */
  makeUpDays: { date: string; name: string }[];
}

/** A bounded memo: emptied when full rather than tracking recency, since the dates in use cluster around today. */
class Memo<T> {
  private readonly answers = new Map<string, T>();

  get(key: string, compute: () => T): T {
    let hit = this.answers.get(key);
    if (hit === undefined) {
      if (this.answers.size >= 10_000) this.answers.clear();
      hit = compute();
      this.answers.set(key, hit);
    }
    return hit;
  }
}

interface Entry {
  name: string;
  isOffDay: boolean;
  source: string;
}

/**
 * Working days of Chinese state organs: Monday to Friday, except statutory rest days, plus make-up working days.
 * Immutable: a reload builds a new calendar.
 */
export class WorkingCalendar {
  /**
   * Answers of addWorkingDays and workingDaysBetween. Every publish computes a deadline and every list of
   * disclosures a distance to one, each walking up to a few dozen days through date strings (2.5 % of the API's
   * CPU in the publish profile); the calendar never changes (a reload builds a new one), so an answer stays true.
   */
  private readonly forward = new Memo<{ date: string; provisional: boolean }>();
  private readonly between = new Memo<{ days: number; provisional: boolean }>();

  private constructor(
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly arranged: ReadonlySet<number>,
  ) {}

  static fromDirectory(dir: string): WorkingCalendar {
    return WorkingCalendar.fromSources(loadHolidayDirectory(dir));
  }

  static fromYears(years: HolidayYear[]): WorkingCalendar {
    return WorkingCalendar.fromSources(years.map((y) => ({ source: `year ${y?.year}`, data: validateHolidayYear(y, `year ${y?.year}`) })));
  }

  static fromSources(sources: HolidaySource[]): WorkingCalendar {
    const entries = new Map<string, Entry>();
    const arranged = new Set<number>();
    const problems: string[] = [];
    for (const { source, data } of sources) {
      if (arranged.has(data.year)) problems.push(`holidays ${source}: year ${data.year} is given more than once`);
      arranged.add(data.year);
      for (const day of data.days) {
        const other = entries.get(day.date);
        // A December 元旦 bridge can sit in two years' files; they must agree.
        if (other && other.isOffDay !== day.isOffDay) {
          problems.push(`holidays ${source}: ${day.date} (${day.name}): ${day.isOffDay ? 'off' : 'working'} here but ${other.isOffDay ? 'off' : 'working'} in ${other.source}`);
        }
        if (!other) entries.set(day.date, { name: day.name, isOffDay: day.isOffDay, source });
      }
    }
    if (problems.length) throw new HolidayDataError(problems.join('\n'));
    return new WorkingCalendar(entries, arranged);
  }

  /** Years with an arrangement, ascending. */
  years(): number[] {
    return [...this.arranged].sort((a, b) => a - b);
  }

  day(date: string): DayInfo {
    assertIsoDate(date, 'date');
    const entry = this.entries.get(date);
    if (entry) return { date, working: !entry.isOffDay, provisional: false, name: entry.name };
    return { date, working: !isWeekend(date), provisional: !this.arranged.has(yearOf(date)) };
  }

  /**
   * The nth working day after `from` (`from` itself never counts; n = 0 returns `from`). Provisional when any day
   * passed over lies in a year without an arrangement, since any of them could still become a holiday.
   */
  addWorkingDays(from: string, n: number): { date: string; provisional: boolean } {
    assertIsoDate(from, 'from');
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    return { ...this.forward.get(`${from}|${n}`, () => this.countForward(from, n)) };
  }

  private countForward(from: string, n: number): { date: string; provisional: boolean } {
    let day = toDayNumber(from);
    let provisional = false;
    for (let counted = 0; counted < n; ) {
      const info = this.day(fromDayNumber(++day));
      provisional ||= info.provisional;
      if (info.working) counted++;
    }
    return { date: fromDayNumber(day), provisional };
  }

  /** `date` itself when it is a working day, else the next working day. */
  workingDayOnOrAfter(date: string): { date: string; provisional: boolean } {
    const first = this.day(date);
    if (first.working) return { date, provisional: first.provisional };
    const next = this.addWorkingDays(date, 1);
    return { date: next.date, provisional: next.provisional || first.provisional };
  }

  /**
   * Working days after `from` up to and including `to`; negative (the working days after `to` up to and including
   * `from`) when `to` is earlier. So a deadline tomorrow (a working day) is 1 away, today 0, yesterday -1.
   */
  workingDaysBetween(from: string, to: string): { days: number; provisional: boolean } {
    assertIsoDate(from, 'from');
    assertIsoDate(to, 'to');
    return { ...this.between.get(`${from}|${to}`, () => this.countBetween(from, to)) };
  }

  private countBetween(from: string, to: string): { days: number; provisional: boolean } {
    const [a, b, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let days = 0;
    let provisional = false;
    for (let d = toDayNumber(a) + 1, end = toDayNumber(b); d <= end; d++) {
      const info = this.day(fromDayNumber(d));
      provisional ||= info.provisional;
      if (info.working) days++;
    }
    return { days: days === 0 ? 0 : sign * days, provisional };
  }

  year(y: number): YearArrangement {
    if (!Number.isInteger(y)) throw new RangeError(`year must be an integer, got ${y}`);
    const restDays: { date: string; name: string }[] = [];
    const makeUpDays: { date: string; name: string }[] = [];
    for (const [date, e] of [...this.entries].sort(([a], [b]) => a.localeCompare(b))) {
      if (yearOf(date) === y) (e.isOffDay ? restDays : makeUpDays).push({ date, name: e.name });
    }
    return { year: y, provisional: !this.arranged.has(y), restDays, makeUpDays };
  }
}
