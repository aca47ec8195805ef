import { chineseNumber, parseTimeLimitPhrase, timeLimitPhrase } from './time-limit-phrase.js';

describe('公开时限 phrases', () => {
  it.each([
    ['信息产生或变更之日起20个工作日内公开', { kind: 'working_days', days: 20 }],
    ['信息产生或变更之日起7个工作日内公开', { kind: 'working_days', days: 7 }],
    ['信息产生或变更之日起１５个工作日内公开', { kind: 'working_days', days: 15 }],
    ['信息形成或者变更之日起二十个工作日内公开', { kind: 'working_days', days: 20 }],
    ['即时公开', { kind: 'immediate' }],
    ['公告期后满一个月', { kind: 'after_notice_period', months: 1 }],
    ['公告期后满3个月', { kind: 'after_notice_period', months: 3 }],
    ['与政策文件同步发布', { kind: 'with_policy' }],
    ['本级政府财政部门批复后20日内', { kind: 'days_after_approval', days: 20 }],
    ['市本级督查室审核后公开', { kind: 'after_review' }],
    ['按照市政务公开办要求编制年报', { kind: 'annual_report', month: 1, day: 31 }],
  ])('reads %s', (text, expected) => {
    expect(parseTimeLimitPhrase(text)).toEqual({ limit: { ...expected, text } });
  });

  it('reads the 保持长期公开 suffix as keepPublished, with any separator and wrapped lines', () => {
    expect(parseTimeLimitPhrase('信息产生或变更之日起20个工作日内公开，保持长期公开')).toEqual({
      limit: { kind: 'working_days', days: 20, keepPublished: true, text: '信息产生或变更之日起20个工作日内公开，保持长期公开' },
    });
    const wrapped = parseTimeLimitPhrase(' 信息产生或变更之日起20个\n工作日内公开, 保持长期公开 ');
    expect(wrapped).toEqual({ limit: expect.objectContaining({ kind: 'working_days', days: 20, keepPublished: true }) });
    expect(parseTimeLimitPhrase('即时公开；保持长期公开')).toEqual({ limit: expect.objectContaining({ kind: 'immediate', keepPublished: true }) });
  });

  it.each(['尽快公开', '信息产生之日起20个工作日内公开', '信息产生或变更之日起0个工作日内公开', '20个工作日', '', '保持长期公开', '信息产生或变更之日起二十五六个工作日内公开'])(
    'reports %j instead of guessing',
    (text) => {
      const r = parseTimeLimitPhrase(text);
      expect(r).toEqual({ problem: expect.any(String) });
    },
  );

  it('names the unknown phrase in the problem', () => {
    expect(parseTimeLimitPhrase('尽快公开')).toEqual({ problem: expect.stringContaining('尽快公开') });
  });

  it('reads Chinese counts up to 99 and nothing looser', () => {
    expect([chineseNumber('五'), chineseNumber('十'), chineseNumber('十五'), chineseNumber('二十'), chineseNumber('九十九')]).toEqual([5, 10, 15, 20, 99]);
    expect([chineseNumber('二二'), chineseNumber('十十'), chineseNumber('百'), chineseNumber('abc')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('prints a standard phrase for a limit without text, which parses back to the same limit', () => {
    const limits = [
      { kind: 'working_days', days: 12 },
      { kind: 'working_days', days: 20, keepPublished: true },
      { kind: 'immediate' },
      { kind: 'after_notice_period', months: 1 },
      { kind: 'after_notice_period', months: 2 },
      { kind: 'with_policy' },
      { kind: 'days_after_approval', days: 30 },
      { kind: 'after_review' },
      { kind: 'annual_report', month: 1, day: 31 },
    ] as const;
    for (const limit of limits) {
      const text = timeLimitPhrase(limit);
      expect(parseTimeLimitPhrase(text)).toEqual({ limit: { ...limit, text } });
    }
    expect(timeLimitPhrase({ kind: 'immediate', text: '即时公开（原文）' })).toBe('即时公开（原文）');
  });
});
