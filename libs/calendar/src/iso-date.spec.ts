import { addDays, addMonthsClamped, isIsoDate, isWeekend, weekdayOf } from './iso-date.js';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from './shanghai-time.js';

describe('iso dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2028-02-29')).toBe(true); // 2028 is a leap year
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it('knows weekdays without the host time zone', () => {
    expect(weekdayOf('2026-01-04')).toBe(0); // a Sunday (the 元旦 make-up day)
    expect(isWeekend('2026-02-14')).toBe(true); // Saturday
    expect(isWeekend('2026-02-13')).toBe(false); // Friday
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-25', 7)).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months clamping to the month end', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonthsClamped('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('Asia/Shanghai time', () => {
  it('takes the date at UTC+8', () => {
    expect(shanghaiDate(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31'); // 23:59:59.999 in Shanghai
    expect(shanghaiDate(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01'); // 00:00 in Shanghai
    expect(shanghaiDate(new Date('2026-02-14T08:00:00+08:00'))).toBe('2026-02-14');
  });

  it('gives the first and last millisecond of a Shanghai day', () => {
    expect(startOfShanghaiDay('2026-01-23').toISOString()).toBe('2026-01-22T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-01-23').toISOString()).toBe('2026-01-23T15:59:59.999Z');
    expect(endOfShanghaiDay('2025-12-31').toISOString()).toBe('2025-12-31T15:59:59.999Z');
  });

  it('rejects malformed input', () => {
    expect(() => endOfShanghaiDay('2026-02-30')).toThrow(RangeError);
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});
