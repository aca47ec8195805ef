import { addDays, assertIsoDate } from './iso-date.js';
// China has kept UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact for every date this
// product handles and needs no time-zone database.
const OFFSET_MS = 8 * 3_600_000;
/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant) {
    assertInstant(instant, 'instant');
    return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
/** 00:00:00.000 Asia/Shanghai on the given date. */
export function startOfShanghaiDay(date) {
    assertIsoDate(date, 'date');
    return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS);
}
/** 23:59:59.999 Asia/Shanghai on the given date: a deadline "on" a day lasts the whole day. */
export function endOfShanghaiDay(date) {
    assertIsoDate(date, 'date');
    return new Date(startOfShanghaiDay(addDays(date, 1)).getTime() - 1);
}
export function assertInstant(value, what) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        throw new RangeError(`${what} must be a valid Date`);
}
