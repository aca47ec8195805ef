import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDue, workingDaysUntil, type DueInput, type DueResult } from './due-date.js';
import { resolveDueSettings, type DueSettings } from './due-settings.js';
import { DUE_SETTINGS, HOLIDAYS_DIR } from './calendar.tokens.js';
import type { TimeLimit } from './time-limit.js';
import { WorkingCalendar } from './working-calendar.js';

/** The working calendar loaded from the holidays directory, and deadlines computed with the configured settings. */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);
  readonly settings: DueSettings;
  private current: WorkingCalendar;
  /** the files the calendar was read from (name, size, mtime), and when that was last compared with the disk */
  private fingerprint = '';
  private checkedAt = 0;
  /** A new YYYY.json is picked up by every process within this long, with no restart (docs/calendar.md). */
  static readonly RECHECK_MS = 60_000;

  constructor(
    @Inject(HOLIDAYS_DIR) private readonly dir: string,
    @Optional() @Inject(DUE_SETTINGS) settings?: Partial<DueSettings>,
  ) {
    // Loading in the constructor makes a bad holiday file stop the process at boot, not at the first deadline.
    this.settings = resolveDueSettings(settings);
    this.current = this.load();
    // just compared with the disk: the next look is a minute from now (with 0 here, the first deadline computed
    // would list the directory again at once, and a caller's clock in the spec could fall behind it)
    this.checkedAt = Date.now();
  }

  get calendar(): WorkingCalendar {
    this.refreshIfChanged();
    return this.current;
  }

  /** Re-reads the directory; the old calendar stays in force when a file is bad (the error is thrown). */
  reload(): WorkingCalendar {
    this.current = this.load();
    this.checkedAt = Date.now();
    return this.current;
  }

  computeDue(limit: TimeLimit, input: DueInput, overrides?: Partial<DueSettings>): DueResult {
    return computeDue(limit, input, this.calendar, { ...this.settings, ...overrides });
  }

  workingDaysUntil(now: Date, dueAt: Date): { workingDays: number; overdue: boolean; provisional: boolean } {
    return workingDaysUntil(now, dueAt, this.calendar);
  }

  /**
   * The operator adds next year's file each November (or corrects one): at most once a minute the directory's
   * listing is compared with what was loaded (a few stat calls), and a change is loaded. A bad file is logged and
   * the calendar in force stays, so a typo never stops deadlines being computed.
   */
  refreshIfChanged(now = Date.now()): void {
    if (now - this.checkedAt < CalendarService.RECHECK_MS) return;
    this.checkedAt = now;
    let seen: string;
    try {
      seen = this.listing();
    } catch (err) {
      this.logger.warn(`holidays: cannot read ${this.dir}: ${(err as Error).message}; keeping the calendar in force`);
      return;
    }
    if (seen === this.fingerprint) return;
    try {
      this.current = this.load(seen);
    } catch (err) {
      this.fingerprint = seen; // the same bad file is reported once, not every minute
      this.logger.error(`holidays changed but could not be loaded, keeping ${this.current.years().join(', ')}: ${(err as Error).message}`);
    }
  }

  private listing(): string {
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const st = fs.statSync(path.join(this.dir, f));
        return `${f}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  }

  private load(listing = this.listing()): WorkingCalendar {
    const cal = WorkingCalendar.fromDirectory(this.dir);
    this.fingerprint = listing;
    this.logger.log(`holiday arrangements loaded for ${cal.years().join(', ')} from ${this.dir}`);
    return cal;
  }
}
