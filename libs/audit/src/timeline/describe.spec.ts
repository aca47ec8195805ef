import type { AuditRecord } from '../audit-hash.js';
import { actorLabel, describeEntry, type DescribeContext } from './describe.js';

const ctx: DescribeContext = {
  actor: (a) => actorLabel(a, (u) => (u === 'admin' ? ['admin'] : u === 'pub1' ? ['editor', 'publisher'] : undefined)),
  channel: (channel, carrier) => (channel === 'website' ? '网站' : channel === 'manual' ? `人工任务（${carrier}）` : String(channel)),
};

const entry = (over: Partial<AuditRecord>): AuditRecord => ({
  seq: 1, at: '2026-11-24T01:00:00.000Z', actor: 'system:worker', action: 'x', disclosureId: null, deliveryId: null, catalogueCode: null,
  screenId: null, departmentCode: null, channel: null, outcome: null, details: {}, ...over,
});

describe('timeline sentences', () => {
  it('tells a publish in Beijing time with the publisher, title and time limit', () => {
    const text = describeEntry(
      entry({ actor: 'user:admin', action: 'disclosure.published', outcome: 'ok', details: { title: '关于测试的公告', dueAt: '2026-12-22T15:59:59.999Z', deliveries: [{}, {}, {}] } }),
      null, ctx,
    );
    expect(text).toBe('2026-11-24 09:00 管理员 admin 发布了信息《关于测试的公告》，应于 2026-12-22 23:59 前公开，分发至 3 个渠道');
  });

  it.each([
    [{ outcome: 'delivered', details: { attempt: 1, operation: 'publish' } }, '2026-11-24 09:00 网站 投递成功（第1次尝试）'],
    [{ outcome: 'queued', details: { attempt: 1, error: 'HTTP 503' } }, '2026-11-24 09:00 网站 投递失败（第1次尝试）：HTTP 503，将自动重试'],
    [{ outcome: 'failed', details: { attempt: 3, error: 'HTTP 400' } }, '2026-11-24 09:00 网站 投递失败（第3次尝试）：HTTP 400，不再自动重试'],
    [{ outcome: 'unconfirmed', details: { attempt: 2, error: 'timeout' } }, '2026-11-24 09:00 网站 投递结果不明（第2次尝试）：timeout，需人工确认是否已送达'],
    [{ outcome: 'delivered', details: { attempt: 1, operation: 'update' } }, '2026-11-24 09:00 网站 更新成功（第1次尝试）'],
    [{ outcome: 'withdrawn', details: { attempt: 1, operation: 'withdraw' } }, '2026-11-24 09:00 网站 撤下成功（第1次尝试）'],
  ])('delivery attempt %j', (over, expected) => {
    expect(describeEntry(entry({ action: 'delivery.attempt', channel: 'website', ...over }), 'website', ctx)).toBe(expected);
  });

  it('names people by their role and manual tasks by their carrier', () => {
    expect(describeEntry(entry({ actor: 'user:pub1', action: 'delivery.confirmed', channel: 'manual', details: { note: '已播出', date: '2026-11-25' } }), '广播电视', ctx))
      .toBe('2026-11-24 09:00 发布员 pub1 确认 人工任务（广播电视） 已完成：已播出（2026-11-25）');
    expect(describeEntry(entry({ actor: 'user:ghost', action: 'disclosure.withdrawn', details: { reason: '内容有误' } }), null, ctx))
      .toBe('2026-11-24 09:00 用户 ghost 撤回了信息，原因：内容有误');
  });

  it('still says something for actions it does not know', () => {
    // written by a newer version: named as written, so an auditor still sees it
    expect(describeEntry(entry({ action: 'screen.rebooted', outcome: 'ok' }), null, ctx)).toBe('2026-11-24 09:00 系统（投递进程） 执行了操作 screen.rebooted（结果：成功）');
  });
});
