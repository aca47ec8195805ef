import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AUDIT_DAILY_SCHEDULER, AUDIT_QUEUE, entryHash, GENESIS_HASH, parseAnchorLine } from '../../libs/audit/src/index.js';
import { redisOptions } from '../../libs/dispatch/src/index.js';
import { waitSealed } from '../support/sealed.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/** The auditor's API on the real stack: listing, validation, timeline, exports, verification, anchors, daily job. */
describe('audit API', () => {
  let s: Stack;
  let admin: string;
  let auditor: string;
  let editor: string;
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gkd-anchors-'));
  const ids: string[] = [];
  /** 20 working days after 2026-11-24 (the day itself not counted) end on 2026-12-22. */
  const GENERATED_AT = '2026-11-24T09:00:00+08:00';

  const download = async (p: string, token: string) => {
    const res = await fetch(s.url.replace('[::1]', '127.0.0.1') + p, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const settled = (id: string) =>
    eventually(async () => (await s.db.query(`SELECT 1 FROM audit_log WHERE disclosure_id = $1 AND action = 'disclosure.dispatch_settled'`, [id])).rowCount);

  beforeAll(async () => {
    s = await startStack({ env: { AUDIT_ANCHOR_DIR: anchorDir } });
    admin = await s.token();
    for (const [username, roles] of [['aud1', ['auditor']], ['ed1', ['editor']]] as const) {
      const r = await s.call('POST', '/api/users', { token: admin, body: { username, password: 'Long-Password-1', roles, departmentCode: 'genhe-zwfw' } });
      expect(r.status).toBe(201);
    }
    auditor = await s.token('aud1', 'Long-Password-1');
    editor = await s.token('ed1', 'Long-Password-1');
    // One after the other: the first website request the sink sees is the first disclosure's, so it is the one
    // that meets the 503 (two publishes at once would race for it). The first one's date is pinned, so the
    // due date its timeline states is known whatever day the suite runs.
    s.sink.failNext('website', 1, 503);
    for (const [item, extra] of [['genhe-zwfw:01-07', { generatedAt: GENERATED_AT }], ['genhe-zwfw:01-08', {}]] as const) {
      const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody(item, { title: `审计测试 ${item}`, ...extra }) });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
      expect(await settled(r.body.id)).toBeTruthy();
    }
  });
  afterAll(async () => {
    await s.close();
    fs.rmSync(anchorDir, { recursive: true, force: true });
  });

  it('is for auditors and admins only', async () => {
    expect((await s.call('GET', '/api/audit')).status).toBe(401);
    expect((await s.call('GET', '/api/audit', { token: editor })).status).toBe(403);
    expect((await s.call('GET', '/api/audit/verify', { token: editor })).status).toBe(403);
    expect((await s.call('GET', `/api/disclosures/${ids[0]}/timeline`, { token: editor })).status).toBe(403);
    expect((await s.call('GET', '/api/reports/annual?year=2026', { token: editor })).status).toBe(403);
    expect((await s.call('GET', '/api/audit', { token: auditor })).status).toBe(200);
    expect((await s.call('GET', '/api/audit', { token: admin })).status).toBe(200);
    expect((await s.call('POST', '/api/audit/anchors', { token: auditor })).status).toBe(403);
  });

  it('filters by disclosure, action, channel, outcome, actor and department, newest first by default', async () => {
    const all = (await s.call('GET', `/api/audit?disclosure=${ids[0]}&limit=500`, { token: auditor })).body.items;
    // in the order written (id), the unsealed included
    const order = all.map((e: { id: number }) => e.id);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(all.at(-1)).toEqual(expect.objectContaining({ action: 'disclosure.published', actor: 'user:admin', disclosureId: ids[0], departmentCode: 'genhe-zwfw' }));
    const attempts = (await s.call('GET', `/api/audit?disclosure=${ids[0]}&action=delivery.*&channel=website&order=asc`, { token: auditor })).body.items;
    expect(attempts.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([['delivery.attempt', 'queued'], ['delivery.attempt', 'delivered']]);
    const delivered = (await s.call('GET', `/api/audit?disclosure=${ids[0]}&outcome=delivered`, { token: auditor })).body.items;
    expect(delivered.map((e: { action: string }) => e.action)).toEqual(['disclosure.dispatch_settled', 'delivery.attempt']);
    expect((await s.call('GET', `/api/audit?actor=admin&action=disclosure.published`, { token: auditor })).body.items).toHaveLength(2);
    expect((await s.call('GET', `/api/audit?actor=user:nobody`, { token: auditor })).body.items).toHaveLength(0);
    // worker entries carry no department of their own: they match through their disclosure
    const dept = (await s.call('GET', `/api/audit?department=genhe-zwfw&action=delivery.attempt&limit=500`, { token: auditor })).body.items;
    expect(dept.length).toBeGreaterThanOrEqual(3);
    expect(dept.every((e: { disclosureDepartment: string }) => e.disclosureDepartment === 'genhe-zwfw')).toBe(true);
    expect((await s.call('GET', `/api/audit?department=elsewhere&action=delivery.attempt`, { token: auditor })).body.items).toHaveLength(0);
    expect((await s.call('GET', `/api/audit?from=2099-01-01`, { token: auditor })).body.items).toHaveLength(0);
    // the Beijing dates the entries were written on (from the entries themselves, so a run across midnight holds)
    const beijingDay = (at: string) => new Date(Date.parse(at) + 8 * 3600e3).toISOString().slice(0, 10);
    const [from, to] = [beijingDay(all.at(-1).at), beijingDay(all[0].at)];
    expect((await s.call('GET', `/api/audit?from=${from}&to=${to}&disclosure=${ids[0]}&limit=500`, { token: auditor })).body.items).toHaveLength(all.length);
  });

  it('pages with an id cursor without gaps or repeats, in both orders', async () => {
    for (const order of ['asc', 'desc']) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const r: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } =
          await s.call('GET', `/api/audit?disclosure=${ids[1]}&limit=2&order=${order}${cursor ? `&cursor=${cursor}` : ''}`, { token: auditor });
        expect(r.status).toBe(200);
        seen.push(...r.body.items.map((e) => e.id));
        cursor = r.body.nextCursor;
      } while (cursor);
      const full = (await s.call('GET', `/api/audit?disclosure=${ids[1]}&limit=500&order=${order}`, { token: auditor })).body.items.map((e: { id: number }) => e.id);
      expect(seen).toEqual(full);
      expect(full.length).toBeGreaterThan(2);
    }
  });

  it.each([
    ['from=yesterday', 'from'],
    ['from=2026-02-30', 'from'],
    ['to=2026-11-24T09:00', 'to'],
    ['from=2026-11-25&to=2026-11-24', 'to'],
    ['disclosure=abc', 'disclosure'],
    ['cursor=abc', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['order=up', 'order'],
    ['action=DROP%20TABLE', 'action'],
    ['colour=red', 'colour'],
  ])('GET /api/audit?%s → 400 naming %s', async (query, field) => {
    const r = await s.call('GET', `/api/audit?${query}`, { token: auditor });
    expect(r.status).toBe(400);
    expect(r.body.field ?? r.body.fields?.map((f: { field: string }) => f.field)).toEqual(r.body.field ? field : expect.arrayContaining([field]));
  });

  it('tells one disclosure\'s story in order, a zh-CN sentence per entry', async () => {
    const r = await s.call('GET', `/api/disclosures/${ids[0]}/timeline`, { token: auditor });
    expect(r.status).toBe(200);
    const { entries } = r.body;
    expect(entries.map((e: { id: number }) => e.id)).toEqual([...entries.map((e: { id: number }) => e.id)].sort((a, b) => a - b));
    expect(entries[0].text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 管理员 admin 发布了信息《审计测试 genhe-zwfw:01-07》，应于 2026-12-22 23:59 前公开，分发至 1 个渠道$/);
    const texts = entries.map((e: { text: string }) => e.text.slice(17));
    expect(texts).toContainEqual(expect.stringMatching(/^政府网站 投递失败（第1次尝试）：.*503.*，将自动重试$/));
    expect(texts).toContain('政府网站 投递成功（第2次尝试）');
    expect(texts.at(-1)).toMatch(/^系统（投递进程） 汇总分发结果：已送达 1 个$/);
    const text = await s.call('GET', `/api/disclosures/${ids[0]}/timeline?format=text`, { token: auditor });
    expect(text.headers.get('content-type')).toMatch(/text\/plain/);
    expect(text.body.split('\n')[0]).toBe('《审计测试 genhe-zwfw:01-07》');
    expect((await s.call('GET', `/api/disclosures/not-a-uuid/timeline`, { token: auditor })).body.field).toBe('id');
    expect((await s.call('GET', `/api/disclosures/00000000-0000-4000-8000-000000000000/timeline`, { token: auditor })).status).toBe(404);
  });

  it('exports CSV that anyone can re-verify, and XLSX, and logs each export', async () => {
    // an export is the sealed chain: let the sealer catch up with what the publishes wrote
    await waitSealed(s.databaseUrl);
    const sealedBefore = (await s.call('GET', '/api/audit/seal-status', { token: auditor })).body.sealedSeq;
    const csv = await download('/api/audit/export?format=csv', auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-.*\.csv"/);
    const rows: string[][] = parse(csv.body, { bom: true, from_line: 2 });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeGreaterThanOrEqual(sealedBefore);
    // recompute the chain from the file alone
    let prev = GENESIS_HASH;
    rows.forEach((r, i) => {
      const [seq, at, , actor, action, outcome, departmentCode, , disclosureId, deliveryId, channel, catalogueCode, screenId, details, prevHash, hash] = r;
      const n = (v: string) => (v === '' ? null : v);
      expect(Number(seq)).toBe(i + 1);
      expect(prevHash).toBe(prev);
      expect(entryHash(prevHash, {
        seq: Number(seq), at, actor, action, outcome: n(outcome), departmentCode: n(departmentCode), disclosureId: n(disclosureId), deliveryId: n(deliveryId),
        channel: n(channel), catalogueCode: n(catalogueCode), screenId: n(screenId), details: JSON.parse(details),
      })).toBe(hash);
      prev = hash;
    });
    const logged = await eventually(async () => (await s.db.query(`SELECT * FROM audit_log WHERE action = 'audit.exported' ORDER BY id DESC LIMIT 1`)).rows[0]);
    expect(logged).toEqual(expect.objectContaining({ actor: 'user:aud1', outcome: 'ok', details: { format: 'csv', filter: {}, entries: rows.length } }));
    // the export's own entry is not in it
    expect(rows.map((r) => JSON.parse(r[13]))).not.toContainEqual(logged.details);

    const xlsx = await download(`/api/audit/export?format=xlsx&disclosure=${ids[0]}`, auditor);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    const listed = (await s.call('GET', `/api/audit?disclosure=${ids[0]}&limit=500&order=asc`, { token: auditor })).body.items;
    expect(sheet.rowCount).toBe(listed.length + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('序号 seq');
    expect(sheet.getRow(2).getCell(5).value).toBe('disclosure.published');
    expect(sheet.getRow(listed.length + 1).getCell(16).value).toBe(listed.at(-1).hash);
    // written once the last byte is sent: it may land just after the download finished
    const loggedXlsx = await eventually(async () => (await s.db.query(`SELECT details FROM audit_log WHERE action = 'audit.exported' AND details->>'format' = 'xlsx' ORDER BY id DESC LIMIT 1`)).rows[0]);
    expect(loggedXlsx.details).toEqual({ format: 'xlsx', filter: { disclosure: ids[0] }, entries: listed.length });

    expect((await s.call('GET', '/api/audit/export?format=pdf', { token: auditor })).body.fields[0].field).toBe('format');
    expect((await s.call('GET', '/api/audit/export', { token: auditor })).status).toBe(400);
  });

  it('verifies on request against stored anchors and an anchor given in the query, and keeps the last result', async () => {
    const first = await s.call('GET', '/api/audit/verify', { token: auditor });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ valid: true, firstBrokenSeq: null, reason: null }));
    expect(first.body.checked).toBeGreaterThan(10);

    const anchor = await s.call('POST', '/api/audit/anchors', { token: admin });
    expect(anchor.status).toBe(201);
    expect(anchor.body).toEqual(expect.objectContaining({ source: 'manual', createdBy: 'user:admin' }));
    const published = await s.call('GET', '/api/audit/anchors/latest.txt', { token: auditor });
    expect(published.headers.get('content-type')).toMatch(/text\/plain/);
    expect(parseAnchorLine(published.body.split('\n')[0])).toEqual({ seq: anchor.body.seq, hash: anchor.body.hash });
    expect((await s.call('GET', '/api/audit/anchors', { token: auditor })).body.items[0].id).toBe(anchor.body.id);

    const good = await s.call('GET', `/api/audit/verify?anchorSeq=${anchor.body.seq}&anchorHash=${anchor.body.hash}`, { token: auditor });
    expect(good.body).toEqual(expect.objectContaining({ valid: true, anchorsChecked: 2 }));
    const wrong = await s.call('GET', `/api/audit/verify?anchorSeq=3&anchorHash=${'e'.repeat(64)}`, { token: auditor });
    expect(wrong.body).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 3 }));
    expect(wrong.body.reason).toMatch(/anchored hash/);
    const alert = (await s.db.query(`SELECT * FROM audit_log WHERE action = 'audit.verify_failed' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(alert).toEqual(expect.objectContaining({ actor: 'user:aud1', outcome: 'broken' }));
    expect(alert.details.firstBrokenSeq).toBe(3);
    const last = await s.call('GET', '/api/audit/verify/last', { token: auditor });
    expect(last.body).toEqual(expect.objectContaining({ id: wrong.body.verificationId, valid: false, firstBrokenSeq: 3, trigger: 'api' }));

    expect((await s.call('GET', `/api/audit/verify?anchorSeq=3`, { token: auditor })).body.field).toBe('anchorHash');
    expect((await s.call('GET', `/api/audit/verify?anchorSeq=3&anchorHash=xyz`, { token: auditor })).body.fields[0].field).toBe('anchorHash');
    // the verifications since logged entries: once sealed, the head has moved on past the anchor
    await waitSealed(s.databaseUrl);
    expect((await s.call('GET', '/api/audit/head', { token: auditor })).body.seq).toBeGreaterThan(anchor.body.seq);
  });

  it('reports how far the sealer has come, to auditors and admins', async () => {
    expect((await s.call('GET', '/api/audit/seal-status', { token: editor })).status).toBe(403);
    await waitSealed(s.databaseUrl);
    const head = (await s.call('GET', '/api/audit/head', { token: auditor })).body;
    const r = await s.call('GET', '/api/audit/seal-status', { token: auditor });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sealedSeq: expect.any(Number), unsealedCount: expect.any(Number), oldestUnsealedAt: r.body.unsealedCount ? expect.any(String) : null });
    expect(r.body.sealedSeq).toBeGreaterThanOrEqual(head.seq);
    // the lag, for alerting, on the API's /metrics
    const metrics = await s.call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^gkd_audit_unsealed_entries \d+$/m);
    expect(metrics.body).toMatch(/^gkd_audit_seal_lag_seconds [\d.e+-]+$/m);
  });

  it('schedules the daily job, which verifies, anchors the head, writes the anchor file, and alerts on a break', async () => {
    const queue = new Queue(AUDIT_QUEUE, { connection: redisOptions(s.redisUrl), prefix: s.env.QUEUE_PREFIX });
    try {
      const scheduler = await eventually(() => queue.getJobScheduler(AUDIT_DAILY_SCHEDULER));
      expect(scheduler).toEqual(expect.objectContaining({ pattern: '30 2 * * *', tz: 'Asia/Shanghai' }));

      const before = (await s.db.query(`SELECT coalesce(max(id), 0)::int AS id FROM audit_verifications`)).rows[0].id;
      await queue.add('audit.daily', {});
      const ok = await eventually(async () => (await s.db.query(`SELECT * FROM audit_verifications WHERE id > $1 AND trigger = 'scheduled'`, [before])).rows[0]);
      expect(ok).toEqual(expect.objectContaining({ valid: true, first_broken_seq: null, actor: 'system:audit-scheduler' }));
      const anchor = await eventually(async () => (await s.db.query(`SELECT * FROM audit_anchors WHERE source = 'scheduled'`)).rows[0]);
      expect(anchor.created_by).toBe('system:audit-scheduler');
      const files = await eventually(async () => {
        const written = fs.readdirSync(anchorDir).filter((f) => f.endsWith(`-${anchor.seq}.txt`));
        return written.length ? written : undefined; // [] is truthy: wait for the file itself
      });
      expect(files).toHaveLength(1);
      expect(parseAnchorLine(fs.readFileSync(path.join(anchorDir, files![0]), 'utf8').split('\n')[0])).toEqual({ seq: Number(anchor.seq), hash: anchor.hash });

      // someone edits an entry behind the app's back; the next daily run finds it and raises the alert
      await s.db.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
      await s.db.query(`UPDATE audit_entries SET details = '{"title":"改过"}' WHERE id = (SELECT id FROM audit_seals WHERE seq = 5)`);
      await s.db.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
      await queue.add('audit.daily', {});
      const broken = await eventually(async () => (await s.db.query(`SELECT * FROM audit_verifications WHERE id > $1 AND trigger = 'scheduled' AND NOT valid`, [ok.id])).rows[0]);
      expect(Number(broken.first_broken_seq)).toBe(5);
      expect((await s.db.query(`SELECT count(*)::int AS n FROM audit_anchors WHERE source = 'scheduled'`)).rows[0].n).toBe(1);
      const alert = await eventually(async () => (await s.db.query(`SELECT * FROM audit_log WHERE action = 'audit.verify_failed' AND actor = 'system:audit-scheduler'`)).rows[0]);
      expect(alert.details).toEqual(expect.objectContaining({ firstBrokenSeq: 5, trigger: 'scheduled' }));
      const inbox = (await s.call('GET', '/api/notifications', { token: admin })).body.items;
      expect(inbox).toContainEqual(expect.objectContaining({ kind: 'audit.verify_failed', severity: 'critical', title: '审计日志校验未通过：第 5 条起记录不可信' }));
      const last = await s.call('GET', '/api/audit/verify/last', { token: auditor });
      expect(last.body).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 5, trigger: 'scheduled' }));
      const api = await s.call('GET', '/api/audit/verify', { token: auditor });
      expect(api.body).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 5, checked: 4 }));
    } finally {
      await queue.close();
    }
  });
});
