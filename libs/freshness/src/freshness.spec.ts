import { DEFAULT_LIMIT_DAYS, kindOfChannel, kindOfColumn } from './freshness-kind.js';
import { judgeFreshness } from './freshness-state.js';
import { ruleProblems } from './freshness-rule.validation.js';

const at = (iso: string) => new Date(iso);

describe('freshness kinds from catalogue paths and channels', () => {
  it('maps the seed catalogue columns to the inspection kinds', () => {
    expect(kindOfColumn(['其他相关信息', '工作动态'])).toBe('dynamic');
    expect(kindOfColumn(['新闻发布'])).toBe('dynamic');
    expect(kindOfColumn(['履职依据', '规范性文件'])).toBe('notice');
    expect(kindOfColumn(['履职依据', '政策解读'])).toBe('notice');
    expect(kindOfColumn(['人事信息'])).toBe('planning');
    expect(kindOfColumn(['其他相关信息', '计划总结'])).toBe('planning');
    expect(kindOfColumn(['政府重点工作', '年度重点工作分解'])).toBe('planning');
    expect(kindOfColumn(['履职依据', '机构领导'])).toBe('static');
    expect(kindOfColumn(['政府信息公开工作', '政府信息公开指南'])).toBe('static');
    // unmatched: the 6-month rule, since every column is expected to be maintained
    expect(kindOfColumn(['其他相关信息', '预测预报应急管理'])).toBe('notice');
    expect([DEFAULT_LIMIT_DAYS.dynamic, DEFAULT_LIMIT_DAYS.notice, DEFAULT_LIMIT_DAYS.planning, DEFAULT_LIMIT_DAYS.new_media]).toEqual([14, 180, 365, 14]);
  });

  it('inspects new-media accounts and the website home page, not the others', () => {
    expect(kindOfChannel({ name: 'weibo', carriers: ['new_media'] })).toBe('new_media');
    expect(kindOfChannel({ name: 'website', carriers: ['website'] })).toBe('home_page');
    expect(kindOfChannel({ name: 'gazette', carriers: ['gazette'] })).toBe('other');
  });
});

describe('judgeFreshness counts Asia/Shanghai calendar days', () => {
  // updated 2026-12-01 23:30 Beijing time (15:30 UTC): the date is 12-01, not the UTC date
  const last = at('2026-12-01T15:30:00Z');
  it('is ok, then warns 3 days before, is still due on the last day, then is overdue', () => {
    expect(judgeFreshness(last, 14, 3, at('2026-12-11T15:59:00Z'))).toMatchObject({ state: 'ok', dueDate: '2026-12-15', daysLeft: 4, daysSince: 10 });
    expect(judgeFreshness(last, 14, 3, at('2026-12-11T16:00:00Z'))).toMatchObject({ state: 'warning', daysLeft: 3 });
    expect(judgeFreshness(last, 14, 3, at('2026-12-15T12:00:00Z'))).toMatchObject({ state: 'warning', daysLeft: 0 });
    expect(judgeFreshness(last, 14, 3, at('2026-12-15T16:00:00Z'))).toMatchObject({ state: 'overdue', daysLeft: -1, daysSince: 15 });
  });
  it('lists a never-updated target as empty and an unlimited one as unchecked', () => {
    expect(judgeFreshness(null, 14, 3, at('2026-12-15T00:00:00Z')).state).toBe('empty');
    expect(judgeFreshness(null, null, 3, at('2026-12-15T00:00:00Z')).state).toBe('empty');
    expect(judgeFreshness(last, null, 3, at('2027-12-15T00:00:00Z'))).toMatchObject({ state: 'unchecked', dueDate: null, daysLeft: null });
  });
});

describe('rule validation names the field in zh-CN', () => {
  it('accepts a limit, or null to stop checking', () => {
    expect(ruleProblems({ limitDays: 30, warnDays: 5 })).toEqual([]);
    expect(ruleProblems({ limitDays: null })).toEqual([]);
  });
  it('refuses a missing, fractional or too-small limit, and a warning not before the limit', () => {
    expect(ruleProblems({})).toEqual([{ field: 'limitDays', message: expect.stringContaining('limitDays（更新期限天数）须为') }]);
    expect(ruleProblems({ limitDays: 1.5 }).map((p) => p.field)).toEqual(['limitDays']);
    expect(ruleProblems({ limitDays: '14' }).map((p) => p.field)).toEqual(['limitDays']);
    expect(ruleProblems({ limitDays: 14, warnDays: -1 }).map((p) => p.field)).toEqual(['warnDays']);
    // a bad limit is the one problem: the warning days are not compared with it
    expect(ruleProblems({ limitDays: 0, warnDays: 3 }).map((p) => p.field)).toEqual(['limitDays']);
    expect(ruleProblems({ limitDays: 14, warnDays: 14 })).toEqual([{ field: 'warnDays', message: 'warnDays（提前预警天数）须小于 limitDays（更新期限天数）' }]);
  });
});
