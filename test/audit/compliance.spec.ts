import ExcelJS from 'exceljs';
import { eventually, publishBody, startStack, TERMINAL, type Stack } from '../support/stack.js';

/**
 * The compliance report against a scenario whose outcome the test controls: publishes through the real
 * pipeline, then moves due dates and delivery outcomes in the database to make on-time, late, missing and
 * waiting deliveries, and checks the report's counts exactly.
 */
describe('compliance report', () => {
  let s: Stack;
  let admin: string;
  let auditor: string;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  // I lies in January of last year: always in the past and outside today's period, whatever day this runs
  const lastYear = Number(today.slice(0, 4)) - 1;
  const d: Record<string, string> = {};

  const get = async (id: string) => (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body;
  const publish = async (name: string, item: string, title = `合规测试 ${name}`) => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody(item, { title }) });
    expect(r.status).toBe(201);
    const settled = await eventually(async () => {
      const x = await get(r.body.id);
      return x.deliveries.every((y: { status: string }) => TERMINAL.includes(y.status)) ? x : undefined;
    });
    expect(settled).toBeTruthy();
    d[name] = r.body.id;
  };
  const sql = (text: string, args: unknown[] = []) => s.db.query(text, args);

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
    await s.call('POST', '/api/users', { token: admin, body: { username: 'aud2', password: 'Long-Password-1', roles: ['auditor'] } });
    auditor = await s.token('aud2', 'Long-Password-1');

    await publish('A', 'genhe-zwfw:01-01', '<script>alert("x")</script> 六个载体按时送达'); // 6 carriers, all on time
    s.sink.failNext('website', 1, 503);
    await publish('B', 'genhe-zwfw:01-09'); // delivered after one failure; made late below
    s.sink.failNext('website', 1, 400);
    await publish('C', 'genhe-zwfw:01-09'); // failed for good: missing
    await publish('D', 'genhe-zwfw:01-09'); // made waiting and overdue below
    await publish('E', 'genhe-zwfw:05-01'); // 6 delivered + a manual broadcast task waiting
    await publish('F', 'genhe-zwfw:01-09'); // made withdrawn-before-delivery below: missing
    await publish('G', 'genhe-zwfw:01-09'); // withdrawn after delivery: still delivered on time
    await publish('H', 'genhe-zwfw:01-09'); // published after its time limit: late
    await publish('I', 'genhe-zwfw:01-09'); // outside the period, failed, overdue

    const w = await s.call('POST', `/api/disclosures/${d.G}/withdraw`, { token: admin, body: { reason: '测试撤回' } });
    expect(w.status).toBe(200);
    expect(await eventually(async () => (await get(d.G)).deliveries.every((x: { status: string }) => x.status === 'withdrawn'))).toBe(true);

    await sql(`UPDATE disclosures SET due_at = now() + interval '10 days' WHERE id = $1`, [d.E]);
    await sql(`UPDATE deliveries x SET on_time = false, delivered_at = d.due_at + interval '2 days 3 hours' FROM disclosures d WHERE d.id = x.disclosure_id AND d.id = $1`, [d.B]);
    await sql(`UPDATE disclosures SET due_at = now() - interval '1 day' WHERE id = $1`, [d.D]);
    await sql(`UPDATE deliveries SET status = 'awaiting_confirmation', delivered_at = NULL, on_time = NULL WHERE disclosure_id = $1`, [d.D]);
    await sql(`UPDATE deliveries SET status = 'withdrawn', delivered_at = NULL, on_time = NULL WHERE disclosure_id = $1`, [d.F]);
    await sql(`UPDATE disclosures SET due_at = created_at - interval '1 day' WHERE id = $1`, [d.H]);
    await sql(`UPDATE deliveries SET on_time = false WHERE disclosure_id = $1`, [d.H]);
    await sql(`UPDATE disclosures SET created_at = $2, due_at = $3 WHERE id = $1`, [d.I, `${lastYear}-01-15T02:00:00Z`, `${lastYear}-02-12T15:59:59Z`]);
    await sql(`UPDATE deliveries SET status = 'failed', delivered_at = NULL, on_time = NULL, last_error = 'HTTP 500 from receiver' WHERE disclosure_id = $1`, [d.I]);
  });
  afterAll(() => s.close());

  const report = (query = '') => s.call('GET', `/api/reports/compliance?from=${today}&to=${today}${query}`, { token: auditor });

  it('counts on-time, late, missing and waiting deliveries per carrier exactly', async () => {
    const r = await report();
    expect(r.status).toBe(200);
    expect(r.body.published.count).toBe(8);
    expect(r.body.published.items.map((i: { id: string }) => i.id).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((k) => d[k]).sort());
    const row = (carrier: string) => r.body.carriers.find((c: { carrier: string }) => c.carrier === carrier);
    expect(row('website')).toEqual({ carrier: 'website', label: '政府网站', total: 8, onTime: 3, late: 2, missing: 2, waiting: 1 });
    expect(row('gazette')).toEqual(expect.objectContaining({ total: 1, onTime: 1, late: 0, missing: 0, waiting: 0 }));
    for (const c of ['reading_point', 'service_centre', 'bulletin_board', 'targeted_push']) {
      expect(row(c)).toEqual(expect.objectContaining({ total: 2, onTime: 2, late: 0, missing: 0, waiting: 0 }));
    }
    expect(row('new_media')).toEqual(expect.objectContaining({ total: 1, onTime: 1 }));
    expect(row('broadcast')).toEqual({ carrier: 'broadcast', label: '广播电视', total: 1, onTime: 0, late: 0, missing: 0, waiting: 1 });
    expect(r.body.carriers.map((c: { carrier: string }) => c.carrier)).toEqual(
      ['website', 'gazette', 'new_media', 'broadcast', 'reading_point', 'service_centre', 'bulletin_board', 'targeted_push'],
    );
    expect(r.body.totals).toEqual({ total: 19, onTime: 13, late: 2, missing: 2, waiting: 2 });
  });

  it('lists the late ones with their reasons, the missing ones, and what is overdue now', async () => {
    const r = (await report()).body;
    const late = Object.fromEntries(r.late.map((l: { disclosureId: string }) => [l.disclosureId, l]));
    expect(Object.keys(late).sort()).toEqual([d.B, d.H].sort());
    expect(late[d.B].lateByMs).toBe((2 * 24 + 3) * 3600e3);
    expect(late[d.B].reasons[0]).toMatch(/^公开时限 \d{4}-\d{2}-\d{2} 23:59，实际送达 \d{4}-\d{2}-\d{2} \d{2}:59，逾期 2 天 3 小时$/);
    expect(late[d.B].reasons).toContainEqual(expect.stringMatching(/^送达前有 1 次未成功：.*503/));
    expect(late[d.H].reasons).toContainEqual(expect.stringMatching(/^发布时已超过公开时限（发布于 /));
    expect(r.missing.map((l: { disclosureId: string; status: string }) => [l.disclosureId, l.status]).sort()).toEqual([[d.C, 'failed'], [d.F, 'withdrawn']].sort());
    expect(r.overdueNow.count).toBe(2);
    const overdue = Object.fromEntries(r.overdueNow.items.map((l: { disclosureId: string }) => [l.disclosureId, l]));
    expect(overdue[d.D]).toEqual(expect.objectContaining({ status: 'awaiting_confirmation', publishedInPeriod: true }));
    expect(overdue[d.I]).toEqual(expect.objectContaining({ status: 'failed', publishedInPeriod: false, lastError: 'HTTP 500 from receiver' }));
    expect(overdue[d.D].overdueByMs).toBeGreaterThan(23 * 3600e3);
  });

  it('narrows to a department and to a period; January sees only the item published then', async () => {
    expect((await report('&department=genhe-zwfw')).body.totals).toEqual({ total: 19, onTime: 13, late: 2, missing: 2, waiting: 2 });
    const jan = (await s.call('GET', `/api/reports/compliance?from=${lastYear}-01-01&to=${lastYear}-01-31`, { token: auditor })).body;
    expect(jan.published.count).toBe(1);
    expect(jan.totals).toEqual({ total: 1, onTime: 0, late: 0, missing: 1, waiting: 0 });
    expect(jan.overdueNow.count).toBe(2);
  });

  it('gives a printable zh-CN HTML page with everything escaped', async () => {
    const r = await report('&format=html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html; charset=utf-8/);
    const html: string = r.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain(`政务公开分发合规报告（${today} 至 ${today}）`);
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 六个载体按时送达');
    expect(html).toMatch(/<tr><td>政府网站<\/td><td class="num">8<\/td><td class="num">3<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">1<\/td><\/tr>/);
    expect(html).toContain('逾期 2 天 3 小时');
  });

  it('gives the same figures as XLSX', async () => {
    const res = await fetch(s.url.replace('[::1]', '127.0.0.1') + `/api/reports/compliance?from=${today}&to=${today}&format=xlsx`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const summary = wb.getWorksheet('各载体送达情况')!;
    const values = (n: number) => (summary.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['载体', '应送达', '按时送达', '逾期送达', '未送达', '处理中']);
    expect(values(2)).toEqual(['政府网站', 8, 3, 2, 2, 1]);
    expect(values(10)).toEqual(['合计', 19, 13, 2, 2, 2]);
    expect(wb.getWorksheet('逾期送达')!.rowCount).toBe(3);
    expect(wb.getWorksheet('当前超期')!.rowCount).toBe(3);
    expect(wb.getWorksheet('本期发布')!.rowCount).toBe(9);
  });

  it('logs each report and refuses bad parameters naming the field', async () => {
    const logged = (await s.db.query(`SELECT * FROM audit_log WHERE action = 'report.compliance_generated' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(logged).toEqual(expect.objectContaining({ actor: 'user:aud2', outcome: 'ok' }));
    const bad = async (q: string) => {
      const r = await s.call('GET', `/api/reports/compliance?${q}`, { token: auditor });
      expect(r.status).toBe(400);
      return r.body.field ?? r.body.fields.map((f: { field: string }) => f.field);
    };
    expect(await bad(`to=${today}`)).toContain('from');
    expect(await bad(`from=${today}`)).toContain('to');
    expect(await bad(`from=2026-13-01&to=2026-12-01`)).toContain('from');
    expect(await bad(`from=2026-02-30&to=2026-03-01`)).toContain('from');
    expect(await bad(`from=2026-12-01&to=2026-11-01`)).toBe('to');
    expect(await bad(`from=${today}&to=${today}&format=pdf`)).toContain('format');
    expect(await bad(`from=${today}&to=${today}&department=nowhere`)).toBe('department');
    expect((await s.call('GET', `/api/reports/compliance?from=${today}&to=${today}`, { token: await s.token() })).status).toBe(200);
  });
});
