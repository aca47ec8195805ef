import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { CalendarService, type YearArrangement } from '../../../../libs/calendar/src/index.js';
import { parseDueDateQuery } from './due-date.query.js';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export interface DueDateResponse {
  dueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  waiting?: string;
  warning?: string;
}

/** Read-only calendar look-ups for the console: the year's arrangement and a due-date calculator. */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  // Declared before ':year' so Express does not route /calendar/due-date to the year handler.
  @Get('due-date')
  dueDate(@Query() query: Record<string, unknown>): DueDateResponse {
    const { limit, input } = parseDueDateQuery(query, new Date());
    const r = this.calendar.computeDue(limit, input);
    return {
      dueDate: r.dueDate,
      dueAt: r.dueAt?.toISOString() ?? null,
      provisional: r.provisional,
      ...(r.waiting ? { waiting: r.waiting } : {}),
      ...(r.warning ? { warning: r.warning } : {}),
    };
  }

  @Get(':year')
  year(@Param('year') raw: string): YearArrangement {
    const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw new BadRequestException(`year must be a number from ${MIN_YEAR} to ${MAX_YEAR}`);
    return this.calendar.calendar.year(year);
  }
}
