import ExcelJS from 'exceljs';
import { buildDocx, idNumber, solidPng, textPdf } from '../support/office-files.js';

const solidPngFile = () => solidPng(4, 4, [0, 0, 200]);
import { publishBody, startStack, type Stack } from '../support/stack.js';

const PASSWORD = 'Long-Password-1';

/** 发布前检查 over the API: the check endpoint, and the same check on every publish path (direct, review, draft publish). */
describe('pre-publish content check', () => {
  let s: Stack;
  let admin: string;
  let solo: string;
  const allChecks = { secrecy: true, political: true, legal: true, wording: true };

  beforeAll(async () => {
    s = await startStack({ worker: false });
    admin = await s.token();
    await s.call('POST', '/api/users', { token: admin, body: { username: 'solo', password: PASSWORD, roles: ['editor', 'reviewer', 'publisher'], departmentCode: 'genhe-zwfw' } });
    solo = await s.token('solo', PASSWORD);
  });
  afterAll(() => s.close());

  const upload = async (path: string, filename: string, bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${solo}` }, body: form });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('reports each finding with its field, the fix and whether it blocks', async () => {
    const id = idNumber();
    const r = await s.call('POST', '/api/content-check', {
      token: solo,
      body: { title: '二零二六年工作要点', body: `<p>联系电话 13912345678，邮箱 li.si@example.cn。</p><p>申请人身份证 ${id}；另一人 150785********1234。</p>` },
    });
    expect(r.status).toBe(200);
    expect(r.body.blocked).toBe(true);
    expect(r.body.findings.map((f: any) => [f.field, f.kind, f.severity, f.fix])).toEqual([
      ['title', 'expression', 'warning', '二〇二六年'],
      ['body', 'mobile', 'warning', '139****5678'],
      ['body', 'email', 'warning', 'l***@example.cn'],
      ['body', 'id_card', 'block', `${id.slice(0, 6)}********${id.slice(14)}`],
    ]);
    expect(r.body.findings[0].source).toContain('GB/T 15835');
  });

  it('refuses a direct API publish with an unmasked 身份证号, even with a reason, and takes it masked', async () => {
    const id = idNumber('110105', '19491231', '002');
    const body = `<p>公示对象：张某，身份证号 ${id}。</p>`;
    const blocked = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { body, contentCheckOverride: { reason: '已征得本人同意' } }) });
    expect(blocked.status).toBe(422);
    expect(blocked.body.field).toBe('body');
    expect(blocked.body.message).toContain('正文含未脱敏的居民身份证号码');
    expect((await s.db.query(`SELECT count(*)::int AS n FROM disclosures`)).rows[0].n).toBe(0);

    const masked = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { body: body.replace(id, `${id.slice(0, 6)}********${id.slice(14)}`) }) });
    expect(masked.status).toBe(201);
  });

  it('lets a publisher publish over warnings only with a reason, recorded in the audit log without the personal data', async () => {
    const body = '<p>咨询电话：13812345678。</p>';
    const noReason = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { body }) });
    expect(noReason.status).toBe(422);
    expect(noReason.body.field).toBe('contentCheckOverride.reason');
    expect(noReason.body.findings).toEqual([expect.objectContaining({ kind: 'mobile', field: 'body' })]);
    const empty = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { body, contentCheckOverride: { reason: '' } }) });
    expect([empty.status, empty.body.fields?.[0]?.field]).toEqual([400, 'contentCheckOverride.reason']);
    expect(empty.body.message).toContain('不能为空');

    const ok = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { body, contentCheckOverride: { reason: '该号码为单位公开的咨询电话' } }) });
    expect(ok.status).toBe(201);
    const [entry] = (await s.db.query(`SELECT actor, details FROM audit_log WHERE action = 'content_check.overridden'`)).rows;
    expect(entry.actor).toBe('user:solo');
    expect(entry.details).toEqual(expect.objectContaining({ step: 'publish', reason: '该号码为单位公开的咨询电话', findings: [{ field: 'body', kind: 'mobile', shown: '138****5678' }] }));
    expect(JSON.stringify(entry.details)).not.toContain('13812345678');
  });

  it('checks at review and again when an approved draft is published', async () => {
    const { body: draft } = await s.call('POST', '/api/drafts', { token: solo, body: publishBody('genhe-zwfw:01-07', { body: '<p>难以想像的变化。</p>' }) });
    await s.call('POST', `/api/drafts/${draft.id}/submit`, { token: solo });
    const review = await s.call('POST', `/api/drafts/${draft.id}/review`, { token: solo, body: { decision: 'approve', checks: allChecks } });
    expect(review.status).toBe(422);
    expect(review.body.findings).toEqual([expect.objectContaining({ kind: 'expression', text: '想像', fix: '想象' })]);
    // returning a draft is never held up by the check
    expect((await s.call('POST', `/api/drafts/${draft.id}/review`, { token: solo, body: { decision: 'return', checks: allChecks, comments: '请改正用字' } })).status).toBe(200);
    await s.call('POST', `/api/drafts/${draft.id}/submit`, { token: solo });
    const approved = await s.call('POST', `/api/drafts/${draft.id}/review`, { token: solo, body: { decision: 'approve', checks: allChecks, contentCheckOverride: { reason: '引文原文如此' } } });
    expect(approved.body.status).toBe('approved');
    expect((await s.call('POST', `/api/drafts/${draft.id}/publish`, { token: solo, body: {} })).status).toBe(422);
    const published = await s.call('POST', `/api/drafts/${draft.id}/publish`, { token: solo, body: { contentCheckOverride: { reason: '引文原文如此' } } });
    expect(published.status).toBe(200);
    const steps = (await s.db.query(`SELECT details->>'step' AS step FROM audit_log WHERE action = 'content_check.overridden' AND details->>'draftId' = $1 ORDER BY id`, [draft.id])).rows.map((r) => r.step);
    expect(steps).toEqual(['draft.review', 'draft.publish']);
  });

  it('reads the text of a Word attachment and blocks an unmasked 身份证号 in it, naming the file', async () => {
    const id = idNumber('150785', '19900101', '456');
    const file = await upload('/api/attachments', '名单.docx', await buildDocx({ title: '公示名单', extra: [`王某 ${id}`] }));
    expect(file.status).toBe(201);
    const r = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { attachmentIds: [file.body.id] }) });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('attachments[0]');
    expect(r.body.message).toContain('附件“名单.docx”含未脱敏的居民身份证号码');
  });

  it('reads every cell of an Excel attachment, and checks a change to a published disclosure too', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['姓名', '银行卡号']);
    sheet.addRow(['赵某', '6222 0200 0000 0000 000']);
    const xlsx = await upload('/api/attachments', '发放名单.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(xlsx.status).toBe(201);
    const checked = await s.call('POST', '/api/content-check', { token: solo, body: { title: '发放名单', body: '<p>见附件。</p>', attachmentIds: [xlsx.body.id] } });
    expect(checked.body).toEqual({ blocked: false, unchecked: [], findings: [expect.objectContaining({ field: 'attachments[0]', kind: 'bank_card', filename: '发放名单.xlsx', fix: '***************0000' })] });

    const { body: d } = await s.call('POST', '/api/disclosures', { token: solo, body: publishBody('genhe-zwfw:01-01', { body: '<p>原文。</p>' }) });
    const id = idNumber('150785', '20010101', '777');
    const patched = await s.call('PATCH', `/api/disclosures/${d.id}`, { token: solo, body: { body: `<p>更正：${id}</p>` } });
    expect([patched.status, patched.body.field]).toEqual([422, 'body']);
    const title = await s.call('PATCH', `/api/disclosures/${d.id}`, { token: solo, body: { title: '笔划规范' } });
    expect([title.status, title.body.field]).toEqual([422, 'contentCheckOverride.reason']);
  });

  it('reads the text of a PDF attachment, and names the files whose text it cannot read', async () => {
    const id = idNumber('110105', '19491231', '002');
    const pdf = await upload('/api/attachments', 'list.pdf', textPdf(`Applicant ID ${id}`));
    expect(pdf.status).toBe(201);
    const png = await upload('/api/attachments', '照片.png', solidPngFile());
    expect(png.status).toBe(201);
    const r = await s.call('POST', '/api/content-check', { token: solo, body: { title: '名单', body: '<p>见附件。</p>', attachmentIds: [png.body.id, pdf.body.id] } });
    expect(r.body.blocked).toBe(true);
    expect(r.body.unchecked).toEqual(['照片.png']);
    expect(r.body.findings).toEqual([expect.objectContaining({ field: 'attachments[1]', kind: 'id_card', filename: 'list.pdf', fix: '110105********002X' })]);
    // another department's files are not read for someone who cannot open them: the answer would quote their text
    await s.call('POST', '/api/departments', { token: admin, body: { code: 'genhe-other', name: '其他局' } });
    await s.call('POST', '/api/users', { token: admin, body: { username: 'other', password: PASSWORD, roles: ['editor'], departmentCode: 'genhe-other' } });
    const other = await s.call('POST', '/api/content-check', { token: await s.token('other', PASSWORD), body: { title: '名单', body: '<p>见附件。</p>', attachmentIds: [pdf.body.id] } });
    expect(other.body).toEqual({ blocked: false, unchecked: [], findings: [] });
  });

  it('imports a .docx with its title, 文号, headings, list, table and image, and refuses other files in Chinese', async () => {
    const r = await upload('/api/import/docx', '通知.docx', await buildDocx({ docNo: '根政数发〔2026〕12号', title: '关于做好2026年政务公开工作的通知' }));
    expect([r.status, r.body.message]).toEqual([200, undefined]);
    expect(r.body.title).toBe('关于做好2026年政务公开工作的通知');
    expect(r.body.docNo).toBe('根政数发〔2026〕12号');
    const html: string = r.body.html;
    expect(html).toContain('<h1>一、工作目标</h1>');
    expect(html).toContain('<strong>确保按时公开</strong>');
    expect(html).toMatch(/<ul><li>更新主动公开目录<\/li><li>规范政府信息公开年度报告<\/li><\/ul>/);
    expect(html).toMatch(/<table>[\s\S]*财政预决算[\s\S]*<\/table>/);
    expect(html).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo/);
    expect(html).not.toContain('根政数发'); // the 文号 and the title went into their fields, not the body
    expect(html).not.toContain('关于做好2026年');

    const legacy = await upload('/api/import/docx', '旧通知.doc', Buffer.from('not really a doc'));
    expect([legacy.status, legacy.body.field]).toEqual([415, 'file']);
    expect(legacy.body.message).toContain('“另存为” .docx');
    const pdf = await upload('/api/import/docx', '通知.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect([pdf.status, pdf.body.field]).toEqual([415, 'file']);
    expect(pdf.body.message).toContain('只能导入 .docx');
  });
});
