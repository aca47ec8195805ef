import { resolveDueSettings } from './due-settings.js';
import { addDays, addMonthsClamped, assertIsoDate, daysInMonth, isoOf, yearOf } from './iso-date.js';
import { assertInstant, endOfShanghaiDay, shanghaiDate } from './shanghai-time.js';
/**
 * The deadline for a catalogue time limit. A missing input yields `dueAt: null` and `waiting`, because an item
 * legitimately waits for its approval, review or policy document; only malformed input throws (RangeError).
 */
export function computeDue(limit, input, cal, settings) {
    assertInstant(input.generatedAt, 'generatedAt');
    const s = resolveDueSettings(settings);
    const produced = shanghaiDate(input.generatedAt);
    switch (limit.kind) {
        case 'working_days':
            return byWorkingDays(cal, produced, positive(limit.days, 'days'), s);
        case 'immediate': {
            // Produced on a rest day, it can only be published on the next working day.
            const base = cal.workingDayOnOrAfter(produced);
            const end = cal.addWorkingDays(base.date, s.immediateGraceWorkingDays);
            return onWorkingCalendar(cal, produced, end.date, base.provisional || end.provisional);
        }
        case 'days_after_approval':
            if (input.approvalDate === undefined)
                return waiting('approval');
            assertIsoDate(input.approvalDate, 'approvalDate');
            return onCalendarDay(cal, addDays(input.approvalDate, positive(limit.days, 'days')));
        case 'after_notice_period':
            if (input.noticeEndDate === undefined)
                return waiting('notice_end');
            assertIsoDate(input.noticeEndDate, 'noticeEndDate');
            return onCalendarDay(cal, addMonthsClamped(input.noticeEndDate, positive(limit.months, 'months')));
        case 'with_policy':
            if (input.policyDueAt === undefined)
                return waiting('policy');
            assertInstant(input.policyDueAt, 'policyDueAt');
            return { dueAt: input.policyDueAt, dueDate: shanghaiDate(input.policyDueAt), provisional: input.policyProvisional ?? false };
        case 'after_review':
            if (input.reviewedAt === undefined)
                return waiting('review');
            assertInstant(input.reviewedAt, 'reviewedAt');
            return byWorkingDays(cal, shanghaiDate(input.reviewedAt), s.afterReviewWorkingDays, s);
        case 'annual_report': {
            const month = limit.month;
            if (!Number.isInteger(month) || month < 1 || month > 12)
                throw new RangeError(`month must be 1-12, got ${month}`);
            const year = yearOf(produced) + 1;
            // day 29-31 in a shorter month means "by the end of that month".
            return onCalendarDay(cal, isoOf(year, month, Math.min(positive(limit.day, 'day'), daysInMonth(year, month))));
        }
        default:
            throw new RangeError(`unknown time-limit kind ${JSON.stringify(limit.kind)}`);
    }
}
/**
 * How many working days are left before the deadline: the working days after now's date up to and including the
 * due date (0 = due today, negative = that many working days late). `overdue` compares instants.
 */
export function workingDaysUntil(now, dueAt, cal) {
    assertInstant(now, 'now');
    assertInstant(dueAt, 'dueAt');
    const r = cal.workingDaysBetween(shanghaiDate(now), shanghaiDate(dueAt));
    return { workingDays: r.days, overdue: now.getTime() > dueAt.getTime(), provisional: r.provisional };
}
function byWorkingDays(cal, start, n, s) {
    if (n === 0) {
        const r = cal.workingDayOnOrAfter(start);
        return onWorkingCalendar(cal, start, r.date, r.provisional);
    }
    const first = cal.day(start);
    if (s.countStartDay && first.working) {
        const r = cal.addWorkingDays(start, n - 1);
        return onWorkingCalendar(cal, start, r.date, r.provisional || first.provisional);
    }
    const r = cal.addWorkingDays(start, n);
    return onWorkingCalendar(cal, start, r.date, r.provisional);
}
function onWorkingCalendar(cal, start, date, provisional) {
    const result = { dueAt: endOfShanghaiDay(date), dueDate: date, provisional };
    if (provisional) {
        const arranged = new Set(cal.years());
        const missing = [];
        for (let y = yearOf(start); y <= yearOf(date); y++)
            if (!arranged.has(y))
                missing.push(y);
        result.warning = `provisional: no holiday arrangement loaded for ${missing.join(', ')}; counted with weekends only`;
    }
    return result;
}
// Calendar-day periods do not depend on the arrangement, so they are never provisional. The law's "last day on a
// holiday moves to the next working day" rule (民法典 Art. 203) is not applied; a warning points the case out.
function onCalendarDay(cal, date) {
    const result = { dueAt: endOfShanghaiDay(date), dueDate: date, provisional: false };
    const day = cal.day(date);
    if (!day.working)
        result.warning = `due date ${date} is a rest day${day.name ? ` (${day.name})` : ''}`;
    return result;
}
function waiting(on) {
    return { dueAt: null, dueDate: null, provisional: false, waiting: on };
}
function positive(n, what) {
    if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`${what} must be a positive integer, got ${n}`);
    return n;
}
