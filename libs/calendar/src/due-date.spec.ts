import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeDue, workingDaysUntil, type DueInput } from './due-date.js';
import { endOfShanghaiDay } from './shanghai-time.js';
import type { TimeLimit } from './time-limit.js';
import { WorkingCalendar } from './working-calendar.js';

const cal = WorkingCalendar.fromDirectory(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/holidays'));
const at = (iso: string) => new Date(iso);
const twenty: TimeLimit = { kind: 'working_days', days: 20, text: '信息产生或变更之日起20个工作日内公开' };
const due = (limit: TimeLimit, input: DueInput, settings?: Parameters<typeof computeDue>[3]) => computeDue(limit, input, cal, settings);

describe('working_days', () => {
  it('ends at 23:59:59.999 Shanghai on the 20th working day after the day of production (元旦 2026 with make-up 01-04)', () => {
    // 12-26 (1), 12-29…31 (2-4), 01-01…03 off, 01-04 Sun make-up (5), 01-05…09 (6-10), 01-12…16 (11-15), 01-19…23 (16-20)
    expect(due(twenty, { generatedAt: at('2025-12-25T10:00:00+08:00') })).toEqual({
      dueAt: at('2026-01-23T23:59:59.999+08:00'),
      dueDate: '2026-01-23',
      provisional: false,
    });
  });

  it('uses the Shanghai date of generatedAt, not the UTC one', () => {
    const oneDay: TimeLimit = { kind: 'working_days', days: 1 };
    // 2025-09-29T15:59:59Z is 09-29 23:59:59 in Shanghai: 09-30 (1)
    expect(due(oneDay, { generatedAt: at('2025-09-29T15:59:59Z') }).dueDate).toBe('2025-09-30');
    // one second later it is 09-30 00:00:00 in Shanghai (still 09-29 in UTC): 10-01…08 off, 10-09 (1)
    expect(due(oneDay, { generatedAt: at('2025-09-29T16:00:00Z') }).dueDate).toBe('2025-10-09');
  });

  it('crosses 春节 2026 with both make-up Saturdays', () => {
    // 02-11…13 (1-3), 02-14 Sat (4), 02-15…23 off, 02-24…27 (5-8), 02-28 Sat (9), 03-02…06 (10-14), 03-09…13 (15-19), 03-16 (20)
    expect(due(twenty, { generatedAt: at('2026-02-10T09:00:00+08:00') }).dueDate).toBe('2026-03-16');
  });

  it('crosses 国庆 2025 and 国庆 2026', () => {
    // 09-28 Sun (1), 09-29 (2), 09-30 (3), 10-01…08 off, 10-09 (4), 10-10 (5), 10-11 Sat (6), 10-13…17 (7-11), 10-20…24 (12-16), 10-27…30 (17-20)
    expect(due(twenty, { generatedAt: at('2025-09-26T17:00:00+08:00') }).dueDate).toBe('2025-10-30');
    // 09-20 Sun (1), 09-21…24 (2-5), 09-25…27 中秋 off, 09-28…30 (6-8), 10-01…07 off, 10-08 (9), 10-09 (10), 10-10 Sat (11),
    // 10-12…16 (12-16), 10-19…22 (17-20)
    expect(due(twenty, { generatedAt: at('2026-09-18T17:00:00+08:00') }).dueDate).toBe('2026-10-22');
  });

  it('counts the day of production when countStartDay is set', () => {
    // 12-25 itself (1), 12-26 (2), 12-29…31 (3-5), 01-04 (6), 01-05…09 (7-11), 01-12…16 (12-16), 01-19…22 (17-20)
    expect(due(twenty, { generatedAt: at('2025-12-25T10:00:00+08:00') }, { countStartDay: true }).dueDate).toBe('2026-01-22');
    // a rest day cannot count: from 10-01, 10-09 (1), 10-10 (2), 10-11 Sat make-up (3)
    expect(due({ kind: 'working_days', days: 3 }, { generatedAt: at('2025-10-01T10:00:00+08:00') }, { countStartDay: true }).dueDate).toBe('2025-10-11');
  });

  it('is provisional, with a warning, when counting runs into a year without an arrangement', () => {
    // 12-25 (1), 12-28…31 (2-5), 2027-01-01 (6, weekend rule), 01-04…07 (7-10)
    const r = due({ kind: 'working_days', days: 10 }, { generatedAt: at('2026-12-24T10:00:00+08:00') });
    expect(r).toMatchObject({ dueDate: '2027-01-07', provisional: true });
    expect(r.warning).toBe('provisional: no holiday arrangement loaded for 2027; counted with weekends only');
    // wholly inside 2030: 01-31 (1), 02-01 (2), 02-04…06 (3-5)
    expect(due({ kind: 'working_days', days: 5 }, { generatedAt: at('2030-01-30T10:00:00+08:00') })).toMatchObject({ dueDate: '2030-02-06', provisional: true });
  });
});

describe('immediate', () => {
  it('is due at the end of the working day of production', () => {
    expect(due({ kind: 'immediate' }, { generatedAt: at('2025-12-03T09:00:00+08:00') })).toEqual({
      dueAt: at('2025-12-03T23:59:59.999+08:00'),
      dueDate: '2025-12-03',
      provisional: false,
    });
    // a make-up Sunday is a working day
    expect(due({ kind: 'immediate' }, { generatedAt: at('2026-01-04T09:00:00+08:00') }).dueDate).toBe('2026-01-04');
  });

  it('moves to the next working day when produced on a rest day', () => {
    // 国庆 2025: 10-01…08 off → 10-09
    expect(due({ kind: 'immediate' }, { generatedAt: at('2025-10-01T10:00:00+08:00') }).dueDate).toBe('2025-10-09');
  });

  it('allows the configured grace in working days', () => {
    // Fri 09-26 +1 working day → Sun 09-28 (make-up)
    expect(due({ kind: 'immediate' }, { generatedAt: at('2025-09-26T10:00:00+08:00') }, { immediateGraceWorkingDays: 1 }).dueDate).toBe('2025-09-28');
  });

  it('is provisional in a year without an arrangement', () => {
    expect(due({ kind: 'immediate' }, { generatedAt: at('2030-03-04T10:00:00+08:00') })).toMatchObject({ dueDate: '2030-03-04', provisional: true });
  });
});

describe('days_after_approval', () => {
  const limit: TimeLimit = { kind: 'days_after_approval', days: 20 };
  const generatedAt = at('2026-01-05T10:00:00+08:00');

  it('waits for the approval date', () => {
    expect(due(limit, { generatedAt })).toEqual({ dueAt: null, dueDate: null, provisional: false, waiting: 'approval' });
  });

  it('counts calendar days from the approval date', () => {
    // 03-10 + 20 days = 03-30 (a Monday)
    expect(due(limit, { generatedAt, approvalDate: '2026-03-10' })).toEqual({ dueAt: at('2026-03-30T23:59:59.999+08:00'), dueDate: '2026-03-30', provisional: false });
  });

  it('warns when the last day is a rest day but does not move it', () => {
    // 09-11 + 20 days = 10-01
    expect(due(limit, { generatedAt, approvalDate: '2025-09-11' })).toMatchObject({ dueDate: '2025-10-01', warning: 'due date 2025-10-01 is a rest day (国庆节、中秋节)' });
  });

  it('is not provisional: calendar days do not depend on the arrangement', () => {
    expect(due(limit, { generatedAt, approvalDate: '2030-05-01' })).toMatchObject({ dueDate: '2030-05-21', provisional: false });
  });

  it('throws on a malformed approval date', () => {
    expect(() => due(limit, { generatedAt, approvalDate: '2026-02-30' })).toThrow(/approvalDate/);
  });
});

describe('after_notice_period', () => {
  const limit: TimeLimit = { kind: 'after_notice_period', months: 1, text: '公告期后满一个月' };
  const generatedAt = at('2026-01-05T10:00:00+08:00');

  it('waits for the end of the notice period', () => {
    expect(due(limit, { generatedAt })).toMatchObject({ dueAt: null, waiting: 'notice_end' });
  });

  it('adds months to the notice end, clamping to the month end', () => {
    expect(due(limit, { generatedAt, noticeEndDate: '2026-01-31' })).toMatchObject({ dueDate: '2026-02-28', dueAt: endOfShanghaiDay('2026-02-28') });
    expect(due(limit, { generatedAt, noticeEndDate: '2028-01-31' }).dueDate).toBe('2028-02-29');
    expect(due(limit, { generatedAt, noticeEndDate: '2025-12-15' }).dueDate).toBe('2026-01-15');
    expect(due({ kind: 'after_notice_period', months: 3 }, { generatedAt, noticeEndDate: '2025-11-30' }).dueDate).toBe('2026-02-28');
  });
});

describe('with_policy', () => {
  it('waits for the policy document', () => {
    expect(due({ kind: 'with_policy' }, { generatedAt: at('2026-01-05T10:00:00+08:00') })).toEqual({ dueAt: null, dueDate: null, provisional: false, waiting: 'policy' });
  });

  it('takes the policy document deadline', () => {
    const policyDueAt = endOfShanghaiDay('2026-01-23');
    expect(due({ kind: 'with_policy' }, { generatedAt: at('2026-01-05T10:00:00+08:00'), policyDueAt, policyProvisional: true })).toEqual({
      dueAt: policyDueAt,
      dueDate: '2026-01-23',
      provisional: true,
    });
  });
});

describe('after_review', () => {
  it('waits for the review', () => {
    expect(due({ kind: 'after_review' }, { generatedAt: at('2025-12-01T10:00:00+08:00') })).toMatchObject({ dueAt: null, waiting: 'review' });
  });

  it('counts the configured working days (default 20) from the review date', () => {
    // reviewed 2025-12-25 → same count as the 元旦 2026 case: 2026-01-23
    expect(due({ kind: 'after_review' }, { generatedAt: at('2025-12-01T10:00:00+08:00'), reviewedAt: at('2025-12-25T15:00:00+08:00') }).dueDate).toBe('2026-01-23');
    // 5 working days from 02-12: 02-13 (1), 02-14 Sat (2), 02-24 (3) 25 (4) 26 (5)
    expect(
      due({ kind: 'after_review' }, { generatedAt: at('2026-02-01T10:00:00+08:00'), reviewedAt: at('2026-02-12T15:00:00+08:00') }, { afterReviewWorkingDays: 5 }).dueDate,
    ).toBe('2026-02-26');
  });
});

describe('annual_report', () => {
  const limit: TimeLimit = { kind: 'annual_report', month: 1, day: 31, text: '按照市政务公开办要求编制年报' };

  it('is due on 31 January of the following year', () => {
    // 2026-01-31 is a Saturday: no arrangement moves it, so a warning
    expect(due(limit, { generatedAt: at('2025-06-01T10:00:00+08:00') })).toEqual({
      dueAt: at('2026-01-31T23:59:59.999+08:00'),
      dueDate: '2026-01-31',
      provisional: false,
      warning: 'due date 2026-01-31 is a rest day',
    });
  });

  it('takes the year in Shanghai time', () => {
    // 2025-12-31T17:00Z is 2026-01-01 01:00 in Shanghai → report for 2026, due 2027-01-31
    expect(due(limit, { generatedAt: at('2025-12-31T17:00:00Z') }).dueDate).toBe('2027-01-31');
  });

  it('clamps a day beyond the month end', () => {
    expect(due({ kind: 'annual_report', month: 2, day: 31 }, { generatedAt: at('2027-03-01T10:00:00+08:00') }).dueDate).toBe('2028-02-29');
  });
});

describe('bad input', () => {
  it('throws on an invalid generatedAt, a non-positive count or an unknown kind', () => {
    expect(() => due(twenty, { generatedAt: new Date('x') })).toThrow(/generatedAt/);
    expect(() => due({ kind: 'working_days', days: 0 }, { generatedAt: new Date() })).toThrow('days must be a positive integer, got 0');
    expect(() => due({ kind: 'nope' } as unknown as TimeLimit, { generatedAt: new Date() })).toThrow(/unknown time-limit kind/);
    expect(() => due(twenty, { generatedAt: new Date() }, { afterReviewWorkingDays: -1 })).toThrow(/afterReviewWorkingDays/);
  });
});

describe('workingDaysUntil', () => {
  const dueAt = endOfShanghaiDay('2025-10-09');

  it('counts working days left after today up to the due date', () => {
    // (09-30, 10-09]: 10-01…08 off, 10-09 → 1
    expect(workingDaysUntil(at('2025-09-30T10:00:00+08:00'), dueAt, cal)).toEqual({ workingDays: 1, overdue: false, provisional: false });
    expect(workingDaysUntil(at('2025-10-09T22:00:00+08:00'), dueAt, cal)).toEqual({ workingDays: 0, overdue: false, provisional: false });
  });

  it('goes negative once overdue, counting make-up days', () => {
    // now Fri 10-10: (10-09, 10-10] = 1 working day late
    expect(workingDaysUntil(at('2025-10-10T09:00:00+08:00'), dueAt, cal)).toEqual({ workingDays: -1, overdue: true, provisional: false });
    // now Sun 10-12: (10-09, 10-12] = 10-10 Fri, 10-11 Sat make-up → 2 late
    expect(workingDaysUntil(at('2025-10-12T09:00:00+08:00'), dueAt, cal)).toEqual({ workingDays: -2, overdue: true, provisional: false });
  });
});
