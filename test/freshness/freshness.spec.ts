import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { SmtpFake } from '../overdue/smtp.fake.js';

const OFFICE_MAIL = 'gongkai-ban@genhe.example.cn';
const DEPT_MAIL = 'zwfw-office@genhe.example.cn';
const MEDIA_MAIL = 'xinmeiti@genhe.example.cn';
const DAY = 86_400_000;

interface Entry { targetType: string; target: string; state: string; daysLeft: number | null; lastUpdateAt: string | null; rule: { kind: string; limitDays: number | null; warnDays: number; custom: boolean } }
interface Sweep { raised: { targetType: string; target: string; level: string; daysLeft: number }[]; emailed: number; emailFailed: number }

/**
 * The freshness watchdog end to end: real deliveries to 工作动态 (09-01, website + new media), their delivered_at
 * moved to dates computed from the test's own "now" so the spec passes on any day; the API's list, the monitor's
 * warning and escalation e-mails (real SMTP), each once, and the admin's rule edits with their refusals.
 */
describe('freshness watchdog', () => {
  let s: Stack;
  let smtp: SmtpFake;
  let admin: string;
  let monitor: { sweep(now?: Date): Promise<Sweep> };
  const now = new Date();
  const col = (body: { columns: Entry[] }, target: string) => body.columns.find((c) => c.target === target)!;
  const acct = (body: { accounts: Entry[] }, target: string) => body.accounts.find((c) => c.target === target)!;

  beforeAll(async () => {
    smtp = await new SmtpFake().listen();
    const dir = fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'offices-'));
    const officesFile = path.join(dir, 'offices.yaml');
    fs.writeFileSync(officesFile, [
      'accounts:', `  new-media: [${MEDIA_MAIL}]`,
      'departments:', '  genhe-zwfw:', `    default: ${DEPT_MAIL}`, '    offices:', `      电子政务与政务公开办: [${OFFICE_MAIL}]`, '',
    ].join('\n'));
    s = await startStack({ env: { SMTP_URL: smtp.url, MAIL_FROM: '政务公开分发系统 <dispatch@genhe.example.cn>', OFFICES_FILE: officesFile, OVERDUE_SWEEP_MS: '86400000' } });
    admin = await s.token();
    const { FreshnessMonitor } = await import('../../apps/worker/src/freshness/freshness-monitor.service.js');
    monitor = s.worker!.get(FreshnessMonitor, { strict: false });
    // the scheduler's first sweep runs at start: let it finish so it cannot race the sweeps below
    const { redisOptions } = await import('../../libs/dispatch/src/index.js');
    const { OVERDUE_QUEUE } = await import('../../apps/worker/src/overdue/overdue.queue.js');
    const q = new Queue(OVERDUE_QUEUE, { connection: redisOptions(s.redisUrl), prefix: s.env.QUEUE_PREFIX });
    try {
      // an empty array is truthy: wait for a non-empty one
      const done = await eventually(async () => {
        const jobs = (await q.getCompleted()).filter((j) => j.name === 'overdue.sweep');
        return jobs.length ? jobs : undefined;
      });
      if (!done) throw new Error(`no completed sweep; counts: ${JSON.stringify(await q.getJobCounts())}`);
      expect(done[0].returnvalue.freshness).toEqual(expect.objectContaining({ raised: [], emailed: 0 }));
    } finally {
      await q.close();
    }
  });
  afterAll(async () => {
    await s.close();
    await smtp.close();
  });

  it('lists every website column and channel account as empty before anything is delivered, and says the site would fail', async () => {
    const r = await s.call('GET', '/api/freshness', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.columns).toHaveLength(32);
    expect(r.body.columns.every((c: Entry) => c.state === 'empty')).toBe(true);
    expect(col(r.body, 'genhe-zwfw:09-01').rule).toEqual({ kind: 'dynamic', limitDays: 14, warnDays: 3, custom: false, updatedBy: null, updatedAt: null });
    expect(col(r.body, 'genhe-zwfw:01-01').rule.kind).toBe('notice');
    expect(col(r.body, 'genhe-zwfw:04-01').rule.limitDays).toBe(365);
    expect(r.body.accounts.map((a: Entry) => [a.target, a.rule.kind, a.state])).toEqual(expect.arrayContaining([
      ['website', 'home_page', 'empty'], ['new-media', 'new_media', 'empty'], ['gazette', 'other', 'empty'],
    ]));
    expect(r.body.inspection).toEqual(expect.objectContaining({ columns: 32, emptyColumns: 32, homePageStale: true, staleNewMediaAccounts: 1, failed: true }));
    expect(r.body.inspection.vetoes.find((v: { code: string }) => v.code === 'empty_columns')).toEqual(expect.objectContaining({ value: 32, threshold: 5, crossed: true }));
  });

  it('counts only deliveries that were actually delivered, and judges them in calendar days', async () => {
    const a = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-01', { title: '我局召开季度工作会议' }) });
    const b = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-02', { title: '2026年工作计划' }) });
    expect([a.status, b.status]).toEqual([201, 201]);
    for (const id of [a.body.id, b.body.id]) {
      await eventually(async () => (await s.db.query(`SELECT 1 FROM deliveries WHERE disclosure_id = $1 AND carrier IN ('website','new_media') AND status = 'delivered'`, [id])).rowCount === 2);
    }
    // 09-01: website delivered 12 days ago (2 days left of 14), new media 20 days ago (6 days late)
    await s.db.query(`UPDATE deliveries SET delivered_at = $2 WHERE disclosure_id = $1 AND carrier = 'website'`, [a.body.id, new Date(now.getTime() - 12 * DAY)]);
    await s.db.query(`UPDATE deliveries SET delivered_at = $2 WHERE disclosure_id = $1 AND carrier = 'new_media'`, [a.body.id, new Date(now.getTime() - 20 * DAY)]);
    // 09-02's website delivery is taken back to not-yet-delivered: a queued or failed delivery is no update
    await s.db.query(`UPDATE deliveries SET status = 'failed', delivered_at = NULL WHERE disclosure_id = $1`, [b.body.id]);

    const r = await s.call('GET', '/api/freshness', { token: admin });
    expect(col(r.body, 'genhe-zwfw:09-01')).toEqual(expect.objectContaining({ state: 'warning', daysLeft: 2, daysSince: 12, lastTitle: '我局召开季度工作会议' }));
    expect(col(r.body, 'genhe-zwfw:09-02')).toEqual(expect.objectContaining({ state: 'empty', lastUpdateAt: null }));
    expect(acct(r.body, 'new-media')).toEqual(expect.objectContaining({ state: 'overdue', daysLeft: -6 }));
    expect(acct(r.body, 'website')).toEqual(expect.objectContaining({ state: 'warning', daysLeft: 2 }));
    expect(r.body.inspection).toEqual(expect.objectContaining({ emptyColumns: 31, homePageStale: false, staleNewMediaAccounts: 1 }));
  });

  it('warns the office once before the limit and escalates once it is missed, by e-mail and in the inbox', async () => {
    const first = await monitor.sweep(now);
    expect(first.raised).toEqual(expect.arrayContaining([
      { targetType: 'column', target: 'genhe-zwfw:09-01', level: 'warning', daysLeft: 2 },
      { targetType: 'account', target: 'new-media', level: 'overdue', daysLeft: -6 },
      { targetType: 'account', target: 'website', level: 'warning', daysLeft: 2 },
    ]));
    expect(first.raised).toHaveLength(3);
    expect(first.emailed).toBe(2); // the website account has nobody in offices.yaml: inbox only
    const warning = smtp.received.find((m) => m.to.includes(OFFICE_MAIL))!;
    expect(warning.to).toEqual([OFFICE_MAIL]);
    expect(warning.mail.subject).toBe('【更新预警】网站栏目「其他相关信息 / 工作动态」还剩 2 天须更新');
    expect(warning.mail.text).toContain('类别：动态要闻类（更新期限 14 天，按检查指标默认）');
    expect(smtp.received.find((m) => m.to.includes(MEDIA_MAIL))!.mail.subject).toBe('【更新超期】渠道账号「两微一端」已超过更新期限');

    expect((await monitor.sweep(now)).raised).toEqual([]);
    expect(smtp.received).toHaveLength(2);

    // three days on, the column is one day late: escalated to the office and the department's own address
    const later = await monitor.sweep(new Date(now.getTime() + 3 * DAY));
    expect(later.raised).toEqual(expect.arrayContaining([
      { targetType: 'column', target: 'genhe-zwfw:09-01', level: 'overdue', daysLeft: -1 },
      { targetType: 'account', target: 'website', level: 'overdue', daysLeft: -1 },
    ]));
    expect(later.raised).toHaveLength(2);
    const escalation = smtp.received.find((m) => m.mail.subject?.startsWith('【更新超期】网站栏目'))!;
    expect(escalation.to.sort()).toEqual([DEPT_MAIL, OFFICE_MAIL].sort());
    expect((await monitor.sweep(new Date(now.getTime() + 4 * DAY))).raised).toEqual([]);

    const n = await s.call('GET', '/api/notifications?kind=freshness', { token: admin });
    expect(n.body.items.map((i: { kind: string; severity: string }) => [i.kind, i.severity])).toEqual(expect.arrayContaining([
      ['freshness.warning', 'warning'], ['freshness.overdue', 'critical'],
    ]));
    const audit = await s.db.query(`SELECT action FROM audit_log WHERE actor = 'system:freshness-monitor' ORDER BY id`);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['freshness.overdue', 'freshness.overdue', 'freshness.overdue', 'freshness.warning', 'freshness.warning']);
  });

  it('lets an admin change a rule, audited, and refuses bad input naming the field in zh-CN', async () => {
    const put = (target: string, body: unknown, token = admin) => s.call('PUT', `/api/freshness/rules/column/${encodeURIComponent(target)}`, { token, body });
    const ok = await put('genhe-zwfw:09-01', { limitDays: 30, warnDays: 5 });
    expect(ok.status).toBe(200);
    expect(ok.body.rule).toEqual(expect.objectContaining({ kind: 'dynamic', limitDays: 30, warnDays: 5, custom: true, updatedBy: 'user:admin' }));
    const r = await s.call('GET', '/api/freshness', { token: admin });
    expect(col(r.body, 'genhe-zwfw:09-01')).toEqual(expect.objectContaining({ state: 'ok', daysLeft: 18 }));

    const bad = await put('genhe-zwfw:09-01', { limitDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(expect.objectContaining({ field: 'limitDays', message: expect.stringContaining('limitDays（更新期限天数）须为 1 至') }));
    const warn = await put('genhe-zwfw:09-01', { limitDays: 10, warnDays: 10 });
    expect(warn.body).toEqual(expect.objectContaining({ field: 'warnDays', message: 'warnDays（提前预警天数）须小于 limitDays（更新期限天数）' }));
    const extra = await put('genhe-zwfw:09-01', { limitDays: 10, days: 3 });
    expect([extra.status, extra.body.field]).toEqual([400, 'days']);
    const missing = await put('genhe-zwfw:99-99', { limitDays: 10 });
    expect([missing.status, missing.body.field]).toEqual([404, 'target']);
    const type = await s.call('PUT', '/api/freshness/rules/site/website', { token: admin, body: { limitDays: 10 } });
    expect([type.status, type.body.field]).toEqual([400, 'targetType']);
    const dept = await s.call('GET', '/api/freshness?department=nowhere', { token: admin });
    expect([dept.status, dept.body.field, dept.body.message]).toEqual([400, 'department', 'department：部门代码“nowhere”不存在']);
    expect((await s.call('GET', '/api/freshness?department=genhe-zwfw', { token: admin })).body.columns).toHaveLength(32);

    await s.call('POST', '/api/users', { token: admin, body: { username: 'fabu', password: 'Publisher-Password-1', roles: ['publisher'], departmentCode: 'genhe-zwfw' } });
    const publisher = await s.token('fabu', 'Publisher-Password-1');
    expect((await put('genhe-zwfw:09-01', { limitDays: 10 }, publisher)).status).toBe(403);
    expect((await s.call('GET', '/api/freshness', { token: publisher })).body.columns).toHaveLength(32);

    const account = await s.call('PUT', '/api/freshness/rules/account/gazette', { token: admin, body: { limitDays: 60, warnDays: 7 } });
    expect(account.body.rule).toEqual(expect.objectContaining({ kind: 'other', limitDays: 60 }));
    const reset = await s.call('DELETE', `/api/freshness/rules/column/${encodeURIComponent('genhe-zwfw:09-01')}`, { token: admin });
    expect(reset.body.rule).toEqual(expect.objectContaining({ limitDays: 14, custom: false }));

    const audit = await s.db.query(`SELECT action, actor, details FROM audit_log WHERE action LIKE 'freshness.rule%' ORDER BY id`);
    expect(audit.rows.map((x) => [x.action, x.actor, x.details.target])).toEqual([
      ['freshness.rule_set', 'user:admin', 'genhe-zwfw:09-01'], ['freshness.rule_set', 'user:admin', 'gazette'], ['freshness.rule_reset', 'user:admin', 'genhe-zwfw:09-01'],
    ]);
    expect(audit.rows[0].details.before).toEqual({ limitDays: 14, warnDays: 3, default: true });
  });

  it('gives the compliance report the inspector\'s figures, in JSON and HTML, and exports gauges', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await s.call('GET', `/api/reports/compliance?from=${today}&to=${today}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.freshness.figures).toEqual(expect.objectContaining({ columns: 32, emptyColumns: 31, staleNewMediaAccounts: 1, failed: true }));
    expect(r.body.freshness.figures.vetoes.map((v: { code: string; crossed: boolean }) => [v.code, v.crossed])).toEqual([
      ['home_page', false], ['key_columns', false], ['stale_columns', false], ['empty_columns', true], ['new_media', true],
    ]);
    expect(r.body.freshness.accounts.map((a: Entry) => a.target)).toContain('new-media');
    const html = await s.call('GET', `/api/reports/compliance?from=${today}&to=${today}&format=html`, { token: admin });
    expect(html.body).toContain('网站与政务新媒体更新情况（国办秘函〔2019〕19号）');
    expect(html.body).toContain('触及单项否决');
    const xlsx = await fetch(s.url.replace('[::1]', '127.0.0.1') + `/api/reports/compliance?from=${today}&to=${today}&format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('更新情况')!;
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual(['空白栏目（5个及以上）', 31, 5, '是']);

    const m = await fetch(`${s.url.replace("[::1]", "127.0.0.1")}/metrics`).then((x) => x.text());
    expect(m).toMatch(/gkd_freshness_days_left\{target_type="account",target="new-media",kind="new_media"\} -6/);
    expect(m).toMatch(/gkd_freshness_targets\{target_type="column",state="empty"\} 31/);
    expect(m).toMatch(/gkd_freshness_veto\{veto="empty_columns"\} 1/);
  });
});
