import * as fs from 'node:fs';
import { parseOfficesFile } from './office-directory.js';
import { alertText, alertTitle, remaining, type AlertFacts } from './alert-message.js';

describe('offices file', () => {
  it('accepts the shipped config/offices.yaml', () => {
    expect(parseOfficesFile(fs.readFileSync('config/offices.yaml', 'utf8'))).toEqual({ offices: expect.objectContaining({ departments: expect.any(Object) }) });
  });

  it('takes one address or a list, and names a bad address', () => {
    const ok = parseOfficesFile('departments:\n  d1:\n    default: a@x.cn\n    offices:\n      办公室: [b@x.cn, c@x.cn]\n');
    expect(ok).toEqual({ offices: { departments: { d1: { default: ['a@x.cn'], offices: { 办公室: ['b@x.cn', 'c@x.cn'] } } } } });
    const bad = parseOfficesFile('departments:\n  d1:\n    offices:\n      办公室: [not-an-address]\n');
    expect(bad).toEqual({ problems: ['offices: departments.d1.offices.办公室.0: must be an e-mail address'] });
    expect(parseOfficesFile('departments: [')).toEqual({ problems: [expect.stringContaining('not valid YAML')] });
  });
});

describe('alert wording', () => {
  const facts: AlertFacts = {
    level: 'warning', disclosureId: 'd-1', title: '标题', catalogueItemId: 'c:01-01', itemPath: ['一级', '二级'], timeLimitText: '即时公开',
    office: '办公室', dueAt: new Date('2026-12-22T15:59:59.999Z'), provisional: true, workingDaysLeft: 2, open: [{ carrier: 'website', channel: 'website', status: 'failed' }],
  };

  it('says how much time is left in working days', () => {
    expect(remaining({ level: 'warning', workingDaysLeft: 2 })).toBe('距法定公开期限还有 2 个工作日');
    expect(remaining({ level: 'warning', workingDaysLeft: 0 })).toBe('今日到期');
    expect(remaining({ level: 'overdue', workingDaysLeft: -3 })).toBe('已逾期 3 个工作日');
    expect(remaining({ level: 'overdue', workingDaysLeft: 0 })).toBe('已超过法定公开期限');
  });

  it('names the item, the deadline, its provisional state and each open channel', () => {
    expect(alertTitle(facts)).toBe('【公开时限预警】标题（距法定公开期限还有 2 个工作日）');
    const text = alertText(facts);
    expect(text).toContain('目录事项：c:01-01（一级 / 二级）');
    expect(text).toContain('法定期限：2026-12-22（北京时间当日 24:00 前）（暂定：该年度节假日安排尚未公布）');
    expect(text).toContain('  - website（website）：发送失败');
  });
});
