import { Queue } from 'bullmq';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { SmtpFake } from './smtp.fake.js';

const OFFICE_MAIL = 'gongkai-ban@genhe.example.cn';
const FALLBACK_MAIL = 'zwfw-office@genhe.example.cn';
const at = (s: string) => new Date(s);

/**
 * The overdue monitor against a real SMTP server, with the sweep's clock set by the test: 07-01 is published on
 * 2026-11-24 with a 20-working-day limit (due 2026-12-22) and a 其他 carrier no channel serves, so its manual task
 * stays open; the monitor must warn 3 working days ahead, report it overdue once the day has passed, and do each
 * exactly once.
 */
const NOV_24 = '2026-11-24T09:00:00+08:00'; // due 2026-12-22 at 20 working days

describe('overdue monitor', () => {
  let s: Stack;
  let smtp: SmtpFake;
  let admin: string;
  let monitor: { sweep(now?: Date): Promise<{ raised: { disclosureId: string; level: string; workingDaysLeft: number }[]; emailed: number; emailFailed: number }> };
  let late: string;
  let done: string;

  beforeAll(async () => {
    smtp = await new SmtpFake().listen();
    const dir = fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'offices-'));
    const officesFile = path.join(dir, 'offices.yaml');
    fs.writeFileSync(officesFile, `departments:\n  genhe-zwfw:\n    default: ${FALLBACK_MAIL}\n    offices:\n      电子政务与政务公开办: [${OFFICE_MAIL}]\n`);
    s = await startStack({
      env: { SMTP_URL: smtp.url, MAIL_FROM: '政务公开分发系统 <dispatch@genhe.example.cn>', OFFICES_FILE: officesFile, OVERDUE_SWEEP_MS: '86400000' },
    });
    admin = await s.token();
    const { OverdueMonitor } = await import('../../apps/worker/src/overdue/overdue-monitor.service.js');
    monitor = s.worker!.get(OverdueMonitor, { strict: false });
  });
  afterAll(async () => {
    await s.close();
    await smtp.close();
  });

  it('runs as a BullMQ job scheduler in the worker, and its first sweep finds nothing on an empty database', async () => {
    const { redisOptions } = await import('../../libs/dispatch/src/index.js');
    const { OVERDUE_QUEUE, SWEEP_SCHEDULER_ID } = await import('../../apps/worker/src/overdue/overdue.queue.js');
    const q = new Queue(OVERDUE_QUEUE, { connection: redisOptions(s.redisUrl), prefix: s.env.QUEUE_PREFIX });
    try {
      const schedulers = await eventually(async () => {
        const mine = (await q.getJobSchedulers()).filter((j) => j.key === SWEEP_SCHEDULER_ID);
        return mine.length ? mine : undefined; // [] is truthy: waiting for the scheduler means waiting for a non-empty list
      });
      expect(schedulers).toEqual([expect.objectContaining({ key: SWEEP_SCHEDULER_ID, every: 86400000 })]);
      // an `every` scheduler sweeps once at start; wait for it so it cannot race the clock-controlled sweeps below
      // an empty list is not done: wait for the first completed sweep itself
      const completed = await eventually(async () => {
        const done = (await q.getCompleted()).filter((j) => j.name === 'overdue.sweep');
        return done.length ? done : undefined;
      });
      expect(completed).toBeDefined();
      expect(completed![0].returnvalue).toEqual(expect.objectContaining({ raised: [], emailed: 0 }));
    } finally {
      await q.close();
    }
  });

  it('publishes one disclosure that stays open and one that is fully delivered', async () => {
    const a = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:07-01', { title: '政府信息公开指南（2026年修订）', generatedAt: NOV_24 }) });
    const b = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-07', { title: '机构领导信息更新', generatedAt: NOV_24 }) });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.dueAt).toBe('2026-12-22T15:59:59.999Z');
    late = a.body.id;
    done = b.body.id;
    const settled = await eventually(async () => {
      const [x, y] = await Promise.all([late, done].map(async (id) => (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body));
      const ready = x.deliveries.find((d: { carrier: string }) => d.carrier === 'website')?.status === 'delivered' && y.status === 'delivered';
      return ready ? [x, y] : undefined;
    });
    expect(settled![0].deliveries.map((d: { carrier: string; status: string }) => [d.carrier, d.status])).toEqual([
      ['other', 'awaiting_confirmation'],
      ['website', 'delivered'],
    ]);
  });

  it('stays quiet 4 working days before the deadline', async () => {
    const r = await monitor.sweep(at('2026-12-16T10:00:00+08:00'));
    expect(r.raised).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });

  it('warns the responsible office by e-mail 3 working days before, with a notification and an audit entry', async () => {
    const r = await monitor.sweep(at('2026-12-17T09:00:00+08:00'));
    expect(r).toEqual(expect.objectContaining({ raised: [{ disclosureId: late, level: 'warning', workingDaysLeft: 3 }], emailed: 1, emailFailed: 0 }));
    expect(smtp.received).toHaveLength(1);
    const [{ from, to, mail }] = smtp.received;
    expect(from).toBe('dispatch@genhe.example.cn');
    expect(to).toEqual([OFFICE_MAIL]);
    expect(mail.subject).toBe('【公开时限预警】政府信息公开指南（2026年修订）（距法定公开期限还有 3 个工作日）');
    expect(mail.text).toContain('电子政务与政务公开办：');
    expect(mail.text).toContain('法定期限：2026-12-22');
    expect(mail.text).toContain('公开时限：信息产生或变更之日起20个工作日内公开');
    expect(mail.text).toContain('manual（other）：等待人工确认');
    expect(mail.text).toContain(late);

    const n = await s.call('GET', '/api/notifications', { token: admin });
    expect(n.body.items).toEqual([
      expect.objectContaining({ kind: 'deadline.warning', severity: 'warning', disclosureId: late, departmentCode: 'genhe-zwfw', office: '电子政务与政务公开办', readAt: null }),
    ]);
    const audit = await s.db.query(`SELECT action, actor, outcome, details FROM audit_log WHERE action LIKE 'deadline.%'`);
    expect(audit.rows).toEqual([
      expect.objectContaining({ action: 'deadline.warning', actor: 'system:overdue-monitor', outcome: 'notified', details: expect.objectContaining({ workingDaysLeft: 3, emailTo: [OFFICE_MAIL] }) }),
    ]);
  });

  it('does not warn twice, however often it sweeps', async () => {
    for (const when of ['2026-12-17T09:00:00+08:00', '2026-12-18T09:00:00+08:00', '2026-12-22T23:59:00+08:00']) {
      expect((await monitor.sweep(at(when))).raised).toEqual([]);
    }
    expect(smtp.received).toHaveLength(1);
  });

  it('reports the deadline passing once, and retries the e-mail the relay refused without raising it again', async () => {
    smtp.failNext(1);
    const first = await monitor.sweep(at('2026-12-23T00:00:01+08:00'));
    expect(first).toEqual(expect.objectContaining({ raised: [{ disclosureId: late, level: 'overdue', workingDaysLeft: -1 }], emailed: 0, emailFailed: 1 }));
    expect(smtp.received).toHaveLength(1);
    const [row] = (await s.db.query(`SELECT email_status, email_error, email_attempts FROM deadline_alerts WHERE disclosure_id = $1 AND level = 'overdue'`, [late])).rows;
    expect(row).toEqual({ email_status: 'failed', email_error: expect.stringContaining('451'), email_attempts: 1 });

    const second = await monitor.sweep(at('2026-12-23T00:10:00+08:00'));
    expect(second).toEqual(expect.objectContaining({ raised: [], emailed: 1, emailFailed: 0 }));
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1].mail.subject).toBe('【公开逾期】政府信息公开指南（2026年修订）（已逾期 1 个工作日）');
    expect(smtp.received[1].mail.text).toContain('已超过法定公开期限');

    expect((await monitor.sweep(at('2027-01-05T09:00:00+08:00'))).raised).toEqual([]);
    expect(smtp.received).toHaveLength(2);
    const counts = await s.db.query(`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'deadline.%' GROUP BY action ORDER BY action`);
    expect(counts.rows).toEqual([{ action: 'deadline.overdue', n: 1 }, { action: 'deadline.warning', n: 1 }]);
    const n = await s.call('GET', '/api/notifications', { token: admin });
    expect(n.body.items.map((i: { kind: string; severity: string }) => [i.kind, i.severity])).toEqual([['deadline.overdue', 'critical'], ['deadline.warning', 'warning']]);
  });

  it('never alerts for a disclosure delivered everywhere, even long after its deadline', async () => {
    const { rows } = await s.db.query(`SELECT count(*)::int AS n FROM deadline_alerts WHERE disclosure_id = $1`, [done]);
    expect(rows[0].n).toBe(0);
    expect(smtp.received.every((m) => !m.mail.text!.includes(done))).toBe(true);
  });

  it('stops warning about a disclosure once its last open delivery is confirmed', async () => {
    const other = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:07-01', { title: '第二份指南', generatedAt: NOV_24 }) });
    const task = await eventually(async () => {
      const d = (await s.call('GET', `/api/disclosures/${other.body.id}`, { token: admin })).body;
      const website = d.deliveries.find((x: { carrier: string }) => x.carrier === 'website');
      return website?.status === 'delivered' && d.deliveries.find((x: { carrier: string; status: string }) => x.carrier === 'other' && x.status === 'awaiting_confirmation');
    });
    const ok = await s.call('POST', `/api/deliveries/${task.id}/confirm`, { token: admin, body: { note: '已在公示栏张贴', date: '2026-11-25' } });
    expect(ok.status).toBe(200);
    const r = await monitor.sweep(at('2027-01-05T09:00:00+08:00'));
    expect(r.raised.filter((x) => x.disclosureId === other.body.id)).toEqual([]);
  });

  it('lets the back office mark a notification read, within its department only', async () => {
    const [first] = (await s.call('GET', '/api/notifications?unread=true', { token: admin })).body.items;
    const read = await s.call('POST', `/api/notifications/${first.id}/read`, { token: admin });
    expect(read.body).toEqual(expect.objectContaining({ id: first.id, readBy: 'admin' }));
    const unread = (await s.call('GET', '/api/notifications?unread=true', { token: admin })).body.items;
    expect(unread.map((i: { id: number }) => i.id)).not.toContain(first.id);
    await s.call('POST', '/api/departments', { token: admin, body: { code: 'genhe-other', name: '另一部门' } });
    await s.call('POST', '/api/users', { token: admin, body: { username: 'pub-other', password: 'Long-Password-1', roles: ['publisher'], departmentCode: 'genhe-other' } });
    const outsider = await s.token('pub-other', 'Long-Password-1');
    expect((await s.call('GET', '/api/notifications', { token: outsider })).body.items).toEqual([]);
    expect((await s.call('POST', `/api/notifications/${first.id}/read`, { token: outsider })).status).toBe(404);
  });
});
