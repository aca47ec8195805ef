import { isIsoDate, isWeekend, yearOf } from './iso-date.js';
export class HolidayDataError extends Error {
    name = 'HolidayDataError';
}
/**
 * Checks one year's arrangement and returns it, or throws one HolidayDataError listing every problem, each naming
 * `source` (the file) and the entry, so an operator fixes a file in one pass.
 */
export function validateHolidayYear(raw, source) {
    const problems = [];
    const fail = (where, message) => problems.push(`holidays ${source}: ${where}: ${message}`);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new HolidayDataError(`holidays ${source}: must be a JSON object {year, papers, days}`);
    const obj = raw;
    const year = obj.year;
    const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1995 && year <= 2200;
    if (!yearOk)
        fail('year', `must be an integer year, got ${JSON.stringify(year)}`);
    if (!Array.isArray(obj.papers) || obj.papers.some((p) => typeof p !== 'string'))
        fail('papers', 'must be an array of strings (the notices\' addresses; may be empty)');
    if (!Array.isArray(obj.days))
        fail('days', 'must be an array of {name, date, isOffDay}');
    else if (obj.days.length === 0) {
        // An empty file would silently turn a provisional year into a "certain" weekends-only year.
        fail('days', 'is empty: add the file only once the year\'s arrangement is published');
    }
    else {
        const seen = new Set();
        obj.days.forEach((entry, i) => {
            const e = (typeof entry === 'object' && entry !== null ? entry : {});
            const where = `days[${i}]${typeof e.date === 'string' ? ` (${e.date})` : ''}`;
            if (typeof entry !== 'object' || entry === null)
                return fail(where, 'must be an object {name, date, isOffDay}');
            if (typeof e.name !== 'string' || e.name.trim() === '')
                fail(where, 'name must be a non-empty string');
            if (typeof e.isOffDay !== 'boolean')
                fail(where, 'isOffDay must be true or false');
            if (!isIsoDate(e.date))
                return fail(where, `date must be a real date written YYYY-MM-DD, got ${JSON.stringify(e.date)}`);
            if (yearOk && !dateBelongsTo(e.date, year)) {
                fail(where, `date is outside year ${year} (only the year itself and a 元旦 bridge in the preceding December are allowed)`);
            }
            if (e.isOffDay === false && !isWeekend(e.date))
                fail(where, 'a make-up working day (isOffDay false) must be a Saturday or Sunday; a weekday already is a working day');
            if (seen.has(e.date))
                fail(where, 'date is listed twice');
            seen.add(e.date);
        });
    }
    if (problems.length)
        throw new HolidayDataError(problems.join('\n'));
    const days = obj.days.map((d) => ({ name: d.name, date: d.date, isOffDay: d.isOffDay }));
    return { year: year, papers: [...obj.papers], days };
}
/** Parses a file's text; `file` is only used in messages. */
export function parseHolidayYear(source, file) {
    let raw;
    try {
        raw = JSON.parse(source);
    }
    catch (err) {
        throw new HolidayDataError(`holidays ${file}: not valid JSON: ${err.message}`);
    }
    return validateHolidayYear(raw, file);
}
// holiday-cn puts a 元旦 period that starts in late December into the new year's file (e.g. 2019.json lists
// 2018-12-29…31), so the preceding December belongs to a year's notice too.
function dateBelongsTo(date, year) {
    return yearOf(date) === year || (yearOf(date) === year - 1 && date.slice(5, 7) === '12');
}
