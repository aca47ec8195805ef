import { BadRequestException } from '@nestjs/common';
import { isIsoDate, startOfShanghaiDay, TIME_LIMIT_KINDS } from '../../../../libs/calendar/src/index.js';
// Bounds keep a single request from walking the calendar for centuries.
const MAX_DAYS = 3660;
const MAX_MONTHS = 120;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Turns the query of GET /calendar/due-date into a time limit and its inputs; 400 names the bad parameter. */
export function parseDueDateQuery(q, now) {
    const kind = text(q, 'kind', true);
    if (!TIME_LIMIT_KINDS.includes(kind))
        throw bad(`kind must be one of ${TIME_LIMIT_KINDS.join(', ')}`);
    // `from` is the date (or instant) the information was produced; kinds that ignore it may leave it out.
    const needsFrom = kind === 'working_days' || kind === 'immediate' || kind === 'annual_report';
    const input = { generatedAt: instant(q, 'from', needsFrom) ?? now };
    switch (kind) {
        case 'working_days':
            return { limit: { kind, days: int(q, 'days', MAX_DAYS) }, input };
        case 'immediate':
            return { limit: { kind }, input };
        case 'days_after_approval':
            return { limit: { kind, days: int(q, 'days', MAX_DAYS) }, input: { ...input, approvalDate: date(q, 'approvalDate') } };
        case 'after_notice_period':
            return { limit: { kind, months: int(q, 'months', MAX_MONTHS) }, input: { ...input, noticeEndDate: date(q, 'noticeEndDate') } };
        case 'with_policy':
            return { limit: { kind }, input: { ...input, policyDueAt: instant(q, 'policyDueAt', true) } };
        case 'after_review':
            return { limit: { kind }, input: { ...input, reviewedAt: instant(q, 'reviewedAt', true) } };
        case 'annual_report':
            // Art. 49: by 31 January unless told otherwise.
            return { limit: { kind, month: int(q, 'month', 12, false) ?? 1, day: int(q, 'day', 31, false) ?? 31 }, input };
    }
}
function text(q, name, required) {
    const v = q[name];
    if (v === undefined || v === '') {
        if (required)
            throw bad(`${name} is required`);
        return undefined;
    }
    if (typeof v !== 'string')
        throw bad(`${name} must be given once`);
    return v;
}
function int(q, name, max, required = true) {
    const v = text(q, name, required);
    if (v === undefined)
        return undefined;
    if (!/^\d{1,6}$/.test(v) || Number(v) < 1)
        throw bad(`${name} must be a positive integer`);
    if (Number(v) > max)
        throw bad(`${name} must be a positive integer no greater than ${max}`);
    return Number(v);
}
function date(q, name) {
    const v = text(q, name, true);
    if (!isIsoDate(v))
        throw bad(`${name} must be a date written YYYY-MM-DD`);
    return v;
}
/** A date means the start of that day in Asia/Shanghai; an instant needs an explicit offset to be unambiguous. */
function instant(q, name, required) {
    const v = text(q, name, required);
    if (v === undefined)
        return undefined;
    const day = v.slice(0, 10);
    if (v === day && isIsoDate(day))
        return startOfShanghaiDay(day);
    const d = INSTANT.test(v) && isIsoDate(day) ? new Date(v) : undefined;
    if (!d || Number.isNaN(d.getTime()))
        throw bad(`${name} must be a date YYYY-MM-DD or an ISO 8601 instant with offset`);
    return d;
}
function bad(message) {
    return new BadRequestException(message);
}
