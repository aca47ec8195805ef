// Calendar dates are handled as YYYY-MM-DD strings and counted as whole days since 1970-01-01 (UTC), so no
// arithmetic ever depends on the host's time zone or on daylight saving.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30, 2026-13-01, 2026-2-1). */
export function isIsoDate(value) {
    if (typeof value !== 'string')
        return false;
    const m = ISO_DATE.exec(value);
    if (!m)
        return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
export function assertIsoDate(value, what) {
    if (!isIsoDate(value))
        throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}
export function toDayNumber(date) {
    const [y, m, d] = date.split('-').map(Number);
    return Date.UTC(y, m - 1, d) / DAY_MS;
}
export function fromDayNumber(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
export function addDays(date, days) {
    return fromDayNumber(toDayNumber(date) + days);
}
/** Adds calendar months; a day that does not exist in the target month becomes its last day (01-31 + 1 → 02-28/29). */
export function addMonthsClamped(date, months) {
    const [y, m, d] = date.split('-').map(Number);
    const index = y * 12 + (m - 1) + months;
    const ty = Math.floor(index / 12);
    const tm = (index % 12) + 1;
    return isoOf(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}
export function isoOf(year, month, day) {
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
export function daysInMonth(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
export function yearOf(date) {
    return Number(date.slice(0, 4));
}
/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date) {
    return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}
export function isWeekend(date) {
    const w = weekdayOf(date);
    return w === 0 || w === 6;
}
