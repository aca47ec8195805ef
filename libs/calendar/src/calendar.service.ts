import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
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

  constructor(
    @Inject(HOLIDAYS_DIR) private readonly dir: string,
    @Optional() @Inject(DUE_SETTINGS) settings?: Partial<DueSettings>,
  ) {
    // Loading in the constructor makes a bad holiday file stop the process at boot, not at the first deadline.
    this.settings = resolveDueSettings(settings);
    this.current = this.load();
  }

  get calendar(): WorkingCalendar {
    return this.current;
  }

  /** Re-reads the directory; the old calendar stays in force when a file is bad (the error is thrown). */
  reload(): WorkingCalendar {
    this.current = this.load();
    return this.current;
  }

  computeDue(limit: TimeLimit, input: DueInput, overrides?: Partial<DueSettings>): DueResult {
    return computeDue(limit, input, this.current, { ...this.settings, ...overrides });
  }

  workingDaysUntil(now: Date, dueAt: Date): { workingDays: number; overdue: boolean; provisional: boolean } {
    return workingDaysUntil(now, dueAt, this.current);
  }

  private load(): WorkingCalendar {
    const cal = WorkingCalendar.fromDirectory(this.dir);
    this.logger.log(`holiday arrangements loaded for ${cal.years().join(', ')} from ${this.dir}`);
    return cal;
  }
}
