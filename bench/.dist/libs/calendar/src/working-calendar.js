import { HolidayDataError, validateHolidayYear } from './holiday-year.js';
import { loadHolidayDirectory } from './holiday-directory.js';
import { assertIsoDate, fromDayNumber, isWeekend, toDayNumber, yearOf } from './iso-date.js';
/**
 * Working days of Chinese state organs: Monday to Friday, except statutory rest days, plus make-up working days.
 * Immutable: a reload builds a new calendar.
 */
export class WorkingCalendar {
    entries;
    arranged;
    constructor(entries, arranged) {
        this.entries = entries;
        this.arranged = arranged;
    }
    static fromDirectory(dir) {
        return WorkingCalendar.fromSources(loadHolidayDirectory(dir));
    }
    static fromYears(years) {
        return WorkingCalendar.fromSources(years.map((y) => ({ source: `year ${y?.year}`, data: validateHolidayYear(y, `year ${y?.year}`) })));
    }
    static fromSources(sources) {
        const entries = new Map();
        const arranged = new Set();
        const problems = [];
        for (const { source, data } of sources) {
            if (arranged.has(data.year))
                problems.push(`holidays ${source}: year ${data.year} is given more than once`);
            arranged.add(data.year);
            for (const day of data.days) {
                const other = entries.get(day.date);
                // A December 元旦 bridge can sit in two years' files; they must agree.
                if (other && other.isOffDay !== day.isOffDay) {
                    problems.push(`holidays ${source}: ${day.date} (${day.name}): ${day.isOffDay ? 'off' : 'working'} here but ${other.isOffDay ? 'off' : 'working'} in ${other.source}`);
                }
                if (!other)
                    entries.set(day.date, { name: day.name, isOffDay: day.isOffDay, source });
            }
        }
        if (problems.length)
            throw new HolidayDataError(problems.join('\n'));
        return new WorkingCalendar(entries, arranged);
    }
    /** Years with an arrangement, ascending. */
    years() {
        return [...this.arranged].sort((a, b) => a - b);
    }
    day(date) {
        assertIsoDate(date, 'date');
        const entry = this.entries.get(date);
        if (entry)
            return { date, working: !entry.isOffDay, provisional: false, name: entry.name };
        return { date, working: !isWeekend(date), provisional: !this.arranged.has(yearOf(date)) };
    }
    /**
     * The nth working day after `from` (`from` itself never counts; n = 0 returns `from`). Provisional when any day
     * passed over lies in a year without an arrangement, since any of them could still become a holiday.
     */
    addWorkingDays(from, n) {
        assertIsoDate(from, 'from');
        if (!Number.isInteger(n) || n < 0)
            throw new RangeError(`n must be a non-negative integer, got ${n}`);
        let day = toDayNumber(from);
        let provisional = false;
        for (let counted = 0; counted < n;) {
            const info = this.day(fromDayNumber(++day));
            provisional ||= info.provisional;
            if (info.working)
                counted++;
        }
        return { date: fromDayNumber(day), provisional };
    }
    /** `date` itself when it is a working day, else the next working day. */
    workingDayOnOrAfter(date) {
        const first = this.day(date);
        if (first.working)
            return { date, provisional: first.provisional };
        const next = this.addWorkingDays(date, 1);
        return { date: next.date, provisional: next.provisional || first.provisional };
    }
    /**
     * Working days after `from` up to and including `to`; negative (the working days after `to` up to and including
     * `from`) when `to` is earlier. So a deadline tomorrow (a working day) is 1 away, today 0, yesterday -1.
     */
    workingDaysBetween(from, to) {
        assertIsoDate(from, 'from');
        assertIsoDate(to, 'to');
        const [a, b, sign] = from <= to ? [from, to, 1] : [to, from, -1];
        let days = 0;
        let provisional = false;
        for (let d = toDayNumber(a) + 1, end = toDayNumber(b); d <= end; d++) {
            const info = this.day(fromDayNumber(d));
            provisional ||= info.provisional;
            if (info.working)
                days++;
        }
        return { days: days === 0 ? 0 : sign * days, provisional };
    }
    year(y) {
        if (!Number.isInteger(y))
            throw new RangeError(`year must be an integer, got ${y}`);
        const restDays = [];
        const makeUpDays = [];
        for (const [date, e] of [...this.entries].sort(([a], [b]) => a.localeCompare(b))) {
            if (yearOf(date) === y)
                (e.isOffDay ? restDays : makeUpDays).push({ date, name: e.name });
        }
        return { year: y, provisional: !this.arranged.has(y), restDays, makeUpDays };
    }
}
