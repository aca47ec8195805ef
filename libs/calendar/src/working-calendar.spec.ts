import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HolidayDataError, type HolidayYear } from './holiday-year.js';
import { WorkingCalendar } from './working-calendar.js';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/holidays');
const cal = WorkingCalendar.fromDirectory(SHIPPED);

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
};

// The State Council notices, transcribed by hand (domain.md section 3 for 2025/2026; the 2024 notice of 2023-10-25).
const ARRANGEMENTS: Record<number, { off: string[]; makeUp: string[] }> = {
  2024: {
    off: [
      '2024-01-01',
      ...range('2024-02-10', '2024-02-17'),
      ...range('2024-04-04', '2024-04-06'),
      ...range('2024-05-01', '2024-05-05'),
      '2024-06-10',
      ...range('2024-09-15', '2024-09-17'),
      ...range('2024-10-01', '2024-10-07'),
    ],
    makeUp: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    off: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ],
    makeUp: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    makeUp: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

describe('shipped arrangements (config/holidays)', () => {
  it('holds 2024, 2025 and 2026', () => {
    expect(cal.years()).toEqual([2024, 2025, 2026]);
  });

  it.each([2024, 2025, 2026])('%i: rest days and make-up working days match the notice exactly', (year) => {
    const y = cal.year(year);
    expect(y.provisional).toBe(false);
    expect(y.restDays.map((d) => d.date)).toEqual(ARRANGEMENTS[year].off);
    expect(y.makeUpDays.map((d) => d.date)).toEqual(ARRANGEMENTS[year].makeUp);
    for (const d of ARRANGEMENTS[year].off) expect(cal.day(d)).toMatchObject({ working: false, provisional: false });
    for (const d of ARRANGEMENTS[year].makeUp) expect(cal.day(d)).toMatchObject({ working: true, provisional: false });
  });

  it('names the holiday of listed days', () => {
    expect(cal.day('2025-10-06')).toEqual({ date: '2025-10-06', working: false, provisional: false, name: '国庆节、中秋节' });
    expect(cal.day('2026-02-28')).toEqual({ date: '2026-02-28', working: true, provisional: false, name: '春节' }); // Saturday, worked
    expect(cal.year(2026).restDays[0]).toEqual({ date: '2026-01-01', name: '元旦' });
  });

  it('treats ordinary days by the weekend rule', () => {
    expect(cal.day('2026-03-07')).toEqual({ date: '2026-03-07', working: false, provisional: false }); // Saturday
    expect(cal.day('2026-03-09')).toEqual({ date: '2026-03-09', working: true, provisional: false }); // Monday
  });
});

describe('addWorkingDays over every 2025 and 2026 holiday period', () => {
  it.each([
    // from, n, expected — hand-counted; "(k)" is the k-th working day counted
    // 元旦 2025: 01-01 Wed off → 01-02 Thu (1)
    ['2024-12-31', 1, '2025-01-02'],
    // 春节 2025: 01-26 Sun make-up (1), 01-27 (2), 01-28…02-04 off, 02-05 (3) 06 (4) 07 (5), 02-08 Sat make-up (6), 02-10 (7) 11 (8) 12 (9) 13 (10)
    ['2025-01-24', 10, '2025-02-13'],
    // 清明 2025: 04-04…04-06 off → 04-07 Mon (1)
    ['2025-04-03', 1, '2025-04-07'],
    // 劳动节 2025: 04-27 Sun make-up (1), 04-28 (2), 04-29 (3)
    ['2025-04-25', 3, '2025-04-29'],
    // 劳动节 2025: 05-01…05-05 off → 05-06 Tue (1)
    ['2025-04-30', 1, '2025-05-06'],
    // 端午 2025: 05-31…06-02 off → 06-03 Tue (1)
    ['2025-05-30', 1, '2025-06-03'],
    // 国庆+中秋 2025: 09-28 Sun make-up (1), 09-29 (2), 09-30 (3), 10-01…10-08 off, 10-09 (4), 10-10 (5), 10-11 Sat make-up (6),
    // 10-13…17 (7-11), 10-20…24 (12-16), 10-27 (17) 28 (18) 29 (19) 30 (20)
    ['2025-09-26', 20, '2025-10-30'],
    // 元旦 2026 at the turn of the year: 12-26 (1), 12-29 (2) 30 (3) 31 (4), 01-01…03 off, 01-04 Sun make-up (5), 01-05…09 (6-10),
    // 01-12…16 (11-15), 01-19 (16) 20 (17) 21 (18) 22 (19) 23 (20)   [without the make-up day it would be 01-26]
    ['2025-12-25', 20, '2026-01-23'],
    // 春节 2026: 02-11 (1) 12 (2) 13 (3), 02-14 Sat make-up (4), 02-15…23 off, 02-24 (5) 25 (6) 26 (7) 27 (8), 02-28 Sat make-up (9),
    // 03-02…06 (10-14), 03-09…13 (15-19), 03-16 (20)
    ['2026-02-10', 20, '2026-03-16'],
    // 春节 2026, short: 02-13 (1), 02-14 Sat (2), 02-24 (3) 25 (4) 26 (5)
    ['2026-02-12', 5, '2026-02-26'],
    // 清明 2026: 04-04 Sat…04-06 Mon off → 04-07 Tue (1)
    ['2026-04-03', 1, '2026-04-07'],
    // 劳动节 2026: 05-01…05 off, 05-06 (1) 07 (2) 08 (3), 05-09 Sat make-up (4)
    ['2026-04-30', 4, '2026-05-09'],
    // 端午 2026: 06-19 Fri…06-21 off → 06-22 Mon (1)
    ['2026-06-18', 1, '2026-06-22'],
    // 中秋 + 国庆 2026: 09-20 Sun make-up (1), 09-21…24 (2-5), 09-25…27 off, 09-28 (6) 29 (7) 30 (8), 10-01…07 off, 10-08 (9) 09 (10),
    // 10-10 Sat make-up (11), 10-12…16 (12-16), 10-19 (17) 20 (18) 21 (19) 22 (20)
    ['2026-09-18', 20, '2026-10-22'],
    // 2024 春节: 02-09 (1), 02-10…17 off, 02-18 Sun make-up (2), 02-19 (3)
    ['2024-02-08', 3, '2024-02-19'],
  ] as const)('from %s + %i working days = %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toEqual({ date: expected, provisional: false });
  });

  it('returns the start itself for n = 0 and rejects negative n', () => {
    expect(cal.addWorkingDays('2026-02-15', 0)).toEqual({ date: '2026-02-15', provisional: false });
    expect(() => cal.addWorkingDays('2026-02-15', -1)).toThrow(RangeError);
  });

  it('finds the working day on or after a date', () => {
    expect(cal.workingDayOnOrAfter('2025-10-01')).toEqual({ date: '2025-10-09', provisional: false });
    expect(cal.workingDayOnOrAfter('2026-01-04')).toEqual({ date: '2026-01-04', provisional: false }); // make-up Sunday
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after from up to and including to', () => {
    // (2025-09-30, 2025-10-09]: 10-01…08 off, 10-09 working → 1
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toEqual({ days: 1, provisional: false });
    expect(cal.workingDaysBetween('2025-12-25', '2026-01-23')).toEqual({ days: 20, provisional: false });
    expect(cal.workingDaysBetween('2026-01-23', '2025-12-25')).toEqual({ days: -20, provisional: false });
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-06')).toEqual({ days: 0, provisional: false });
    // (Fri 03-06, Sun 03-08] holds no working day
    expect(cal.workingDaysBetween('2026-03-08', '2026-03-06')).toEqual({ days: 0, provisional: false });
  });
});

describe('years without an arrangement', () => {
  it('falls back to weekends, flagged provisional', () => {
    expect(cal.day('2030-01-01')).toEqual({ date: '2030-01-01', working: true, provisional: true }); // a Tuesday; 元旦 in reality, unknown here
    expect(cal.day('2030-01-05')).toEqual({ date: '2030-01-05', working: false, provisional: true }); // Saturday
    expect(cal.year(2030)).toEqual({ year: 2030, provisional: true, restDays: [], makeUpDays: [] });
  });

  it('propagates provisional through counting', () => {
    // 2030-01-31 Thu (1), 02-01 Fri (2), 02-04 Mon (3) 05 (4) 06 (5)
    expect(cal.addWorkingDays('2030-01-30', 5)).toEqual({ date: '2030-02-06', provisional: true });
    // 12-25 (1), 12-28…31 (2-5), 2027-01-01 Fri (6, provisional), 01-04…07 (7-10)
    expect(cal.addWorkingDays('2026-12-24', 10)).toEqual({ date: '2027-01-07', provisional: true });
    // stays inside 2026: 12-02…04 (1-3), 12-07 (4) 08 (5)
    expect(cal.addWorkingDays('2026-12-01', 5)).toEqual({ date: '2026-12-08', provisional: false });
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-04').provisional).toBe(true);
  });
});

describe('loading a holidays directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    for (const f of ['2024.json', '2025.json', '2026.json']) fs.copyFileSync(path.join(SHIPPED, f), path.join(dir, f));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, content: unknown) => fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  const loadError = (): string => {
    try {
      WorkingCalendar.fromDirectory(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(HolidayDataError);
      return (err as Error).message;
    }
    throw new Error('expected the directory to be rejected');
  };

  it('picks up an added year file without code changes', () => {
    // A made-up 2027 arrangement: 元旦 on Friday 01-01, and a Saturday make-up day 01-09.
    write('2027.json', { year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2027-01-09', isOffDay: false }] });
    const withNext = WorkingCalendar.fromDirectory(dir);
    expect(withNext.years()).toEqual([2024, 2025, 2026, 2027]);
    expect(withNext.day('2027-01-01')).toEqual({ date: '2027-01-01', working: false, provisional: false, name: '元旦' });
    expect(withNext.day('2027-03-01')).toEqual({ date: '2027-03-01', working: true, provisional: false });
    // 12-25 (1), 12-28…31 (2-5), 01-01 off, 01-04…08 (6-10) — now certain
    expect(withNext.addWorkingDays('2026-12-24', 10)).toEqual({ date: '2027-01-08', provisional: false });
    // 01-09 Saturday counts: 01-04…08 (1-5), 01-09 (6)
    expect(withNext.addWorkingDays('2027-01-01', 6)).toEqual({ date: '2027-01-09', provisional: false });
  });

  it('accepts a 元旦 bridge in the preceding December', () => {
    write('2027.json', { year: 2027, papers: [], days: [{ name: '元旦', date: '2026-12-31', isOffDay: true }, { name: '元旦', date: '2027-01-01', isOffDay: true }] });
    expect(WorkingCalendar.fromDirectory(dir).day('2026-12-31')).toMatchObject({ working: false, name: '元旦' });
  });

  it('rejects malformed JSON naming the file', () => {
    write('2027.json', '{ "year": 2027, "days": [ ');
    expect(loadError()).toMatch(/^holidays 2027\.json: not valid JSON/);
  });

  it('rejects an impossible date naming file and entry', () => {
    write('2027.json', { year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '春节', date: '2027-02-30', isOffDay: true }] });
    expect(loadError()).toBe('holidays 2027.json: days[1] (2027-02-30): date must be a real date written YYYY-MM-DD, got "2027-02-30"');
  });

  it('rejects a date of another year', () => {
    write('2027.json', { year: 2027, papers: [], days: [{ name: '国庆节', date: '2026-10-01', isOffDay: true }] });
    expect(loadError()).toContain('holidays 2027.json: days[0] (2026-10-01): date is outside year 2027');
  });

  it('rejects a file whose name is not its year', () => {
    write('2028.json', { year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] });
    expect(loadError()).toContain('holidays 2028.json: year: the file holds year 2027; name it 2027.json');
  });

  it('rejects a make-up working day on a weekday, a duplicate, bad fields and an empty year, all in one message', () => {
    write('2027.json', {
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-01-06', isOffDay: false }, // a Wednesday
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '', date: '2027-05-01', isOffDay: 'yes' },
      ],
    });
    write('2028.json', { year: 2028, papers: [], days: [] });
    const message = loadError();
    expect(message).toContain('holidays 2027.json: days[0] (2027-01-06): a make-up working day (isOffDay false) must be a Saturday or Sunday');
    expect(message).toContain('holidays 2027.json: days[2] (2027-01-01): date is listed twice');
    expect(message).toContain('holidays 2027.json: days[3] (2027-05-01): name must be a non-empty string');
    expect(message).toContain('holidays 2027.json: days[3] (2027-05-01): isOffDay must be true or false');
    expect(message).toContain('holidays 2028.json: days: is empty');
  });

  it('rejects a missing or empty directory', () => {
    expect(() => WorkingCalendar.fromDirectory(path.join(dir, 'nope'))).toThrow(/does not exist/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-empty-'));
    try {
      expect(() => WorkingCalendar.fromDirectory(empty)).toThrow(/no \*\.json files/);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});

describe('fromYears', () => {
  const y2026: HolidayYear = { year: 2026, papers: [], days: [{ name: '调休', date: '2026-12-26', isOffDay: false }] };
  const y2027: HolidayYear = { year: 2027, papers: [], days: [{ name: '元旦', date: '2026-12-26', isOffDay: true }] };

  it('builds a calendar from objects', () => {
    const c = WorkingCalendar.fromYears([y2026]);
    expect(c.years()).toEqual([2026]);
    expect(c.day('2026-12-26')).toMatchObject({ working: true, name: '调休' }); // a Saturday made a working day
    expect(c.day('2025-12-26').provisional).toBe(true);
  });

  it('rejects two years disagreeing about the same December day, naming both', () => {
    expect(() => WorkingCalendar.fromYears([y2026, y2027])).toThrow('holidays year 2027: 2026-12-26 (元旦): off here but working in year 2026');
  });

  it('rejects the same year twice', () => {
    expect(() => WorkingCalendar.fromYears([y2026, y2026])).toThrow('year 2026 is given more than once');
  });
});

describe('remembered answers', () => {
  it('gives the same answer the second time, and a caller changing its copy changes nothing', () => {
    const c = WorkingCalendar.fromDirectory(SHIPPED);
    const first = c.addWorkingDays('2025-09-26', 20);
    expect(first).toEqual({ date: '2025-10-30', provisional: false }); // across the eight-day National Day break, counting the make-up days 09-28 (Sunday) and 10-11 (Saturday)
    (first as { date: string }).date = '1999-01-01';
    expect(c.addWorkingDays('2025-09-26', 20)).toEqual({ date: '2025-10-30', provisional: false });
    const between = c.workingDaysBetween('2025-09-26', '2025-10-30');
    (between as { days: number }).days = -7;
    expect(c.workingDaysBetween('2025-09-26', '2025-10-30')).toEqual({ days: 20, provisional: false });
    // a different question is not answered from the memo
    expect(c.addWorkingDays('2025-09-26', 19).date).toBe('2025-10-29');
    expect(c.workingDaysBetween('2025-10-30', '2025-09-26').days).toBe(-20);
  });
});
