import { createHash } from 'node:crypto';
import { publishBody, startStack, TERMINAL, eventually, type Stack } from '../support/stack.js';
import { cfb, ofd, pdf, png, xlsx, zip } from './files.js';

const PASSWORD = 'Long-Password-1';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** 附件: upload with the file's kind checked from its bytes, link to drafts and disclosures, channels, downloads. */
describe('attachments', () => {
  let s: Stack;
  let admin: string;
  let ed: string;
  let pub: string;

  beforeAll(async () => {
    s = await startStack({ env: { ATTACHMENT_MAX_BYTES: '65536', PUBLIC_BASE_URL: 'https://gk.genhe.gov.cn/' } });
    admin = await s.token();
    await s.call('POST', '/api/departments', { token: admin, body: { code: 'genhe-other', name: '其他局' } });
    const users: [string, string[], string][] = [['ed', ['editor'], 'genhe-zwfw'], ['rev', ['reviewer'], 'genhe-zwfw'], ['pub', ['publisher'], 'genhe-zwfw'], ['aud', ['auditor'], 'genhe-zwfw'], ['other', ['editor', 'publisher'], 'genhe-other']];
    for (const [username, roles, departmentCode] of users) {
      await s.call('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, roles, departmentCode } });
    }
    ed = await s.token('ed', PASSWORD);
    pub = await s.token('pub', PASSWORD);
  });
  afterAll(() => s.close());

  const upload = async (token: string, filename: string, bytes: Buffer, field = 'file') => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), filename);
    const res = await fetch(`${s.url}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as any };
  };
  const get = (p: string, token?: string) => fetch(`${s.url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('stores a file under its UTF-8 name with the type read from its bytes, and audits the upload', async () => {
    const bytes = pdf();
    const r = await upload(ed, '根河市2026年政府信息公开工作年度报告.pdf', bytes);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), filename: '根河市2026年政府信息公开工作年度报告.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes) });
    const audit = await s.db.query(`SELECT actor, department_code, details FROM audit_log WHERE action = 'attachment.uploaded'`);
    expect(audit.rows).toEqual([expect.objectContaining({ actor: 'user:ed', department_code: 'genhe-zwfw', details: expect.objectContaining({ attachmentId: r.body.id, sha256: sha(bytes) }) })]);
    // the uploader's office may fetch it; it is not public until a disclosure links it
    const mine = await get(`/api/attachments/${r.body.id}`, pub);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(bytes)).toBe(true);
    expect(mine.headers.get('content-disposition')).toContain("filename*=UTF-8''%E6%A0%B9%E6%B2%B3");
    expect((await get(`/api/attachments/${r.body.id}`, await s.token('other', PASSWORD))).status).toBe(404);
    expect((await get(`/api/public/attachments/${r.body.id}/x.pdf`)).status).toBe(404);
  });

  it('accepts OFD, Word/WPS compound files, Excel and images, each by its content', async () => {
    const cases: [string, Buffer, string][] = [
      ['公文.ofd', ofd(), 'application/ofd'],
      ['通知.doc', cfb(), 'application/msword'],
      ['通知.wps', cfb(), 'application/vnd.ms-works'],
      ['预算表.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['二维码.png', await png(), 'image/png'],
    ];
    for (const [name, bytes, type] of cases) {
      const r = await upload(ed, name, bytes);
      expect([name, r.status, r.body.contentType]).toEqual([name, 201, type]);
    }
  });

  it('refuses a file whose bytes and name disagree, an unknown kind, an empty or missing file, and one too large — naming `file`', async () => {
    const refusals: [string, Buffer, number, RegExp][] = [
      ['报告.pdf', zip({ 'a.txt': 'x' }), 415, /与扩展名 \.pdf 不符/],
      ['公文.ofd', zip({ 'Doc.xml': '<x/>' }), 415, /与扩展名 \.ofd 不符/],
      ['setup.exe', Buffer.from('MZ\x90\x00'), 415, /只接受/],
      ['page.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 415, /不符/],
      ['空文件.pdf', Buffer.alloc(0), 400, /空/],
      ['大文件.pdf', Buffer.concat([pdf(), Buffer.alloc(70_000)]), 413, /超过 0\.1 MB 的上限/],
    ];
    for (const [name, bytes, status, message] of refusals) {
      const r = await upload(ed, name, bytes);
      expect([name, r.status, r.body.field]).toEqual([name, status, 'file']);
      expect(r.body.message).toMatch(message);
    }
    const wrongField = await upload(ed, 'a.pdf', pdf(), 'upload');
    expect([wrongField.status, wrongField.body.field]).toEqual([400, 'file']);
    const none = await fetch(`${s.url}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${ed}` }, body: new FormData() });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { field: string }).field).toBe('file');
    expect((await upload(await s.token('aud', PASSWORD), 'a.pdf', pdf())).status).toBe(403);
    const stored = await s.db.query(`SELECT count(*)::int AS n FROM attachments WHERE filename IN ('报告.pdf','setup.exe','空文件.pdf','大文件.pdf','page.pdf')`);
    expect(stored.rows[0].n).toBe(0);
  });

  it('publishes a draft with its attachments: the disclosure lists them, channels get public links, readers download them until withdrawal', async () => {
    const a = await upload(ed, '附件1 实施方案.pdf', pdf());
    const b = await upload(ed, '附件2 预算表.xlsx', await xlsx());
    const d = await s.call('POST', '/api/drafts', { token: ed, body: publishBody('genhe-zwfw:01-01', { attachmentIds: [a.body.id, b.body.id] }) });
    expect(d.status).toBe(201);
    expect(d.body.attachments.map((x: { filename: string }) => x.filename)).toEqual(['附件1 实施方案.pdf', '附件2 预算表.xlsx']);
    // reorder and drop one while editing; the reviewer sees the list
    const edited = await s.call('PATCH', `/api/drafts/${d.body.id}`, { token: ed, body: { attachmentIds: [b.body.id, a.body.id] } });
    expect(edited.body.attachments.map((x: { id: string }) => x.id)).toEqual([b.body.id, a.body.id]);
    await s.call('POST', `/api/drafts/${d.body.id}/submit`, { token: ed });
    const rev = await s.token('rev', PASSWORD);
    const reviewed = await s.call('POST', `/api/drafts/${d.body.id}/review`, { token: rev, body: { decision: 'approve', checks: { secrecy: true, political: true, legal: true, wording: true } } });
    expect(reviewed.body.attachments).toHaveLength(2);
    const published = await s.call('POST', `/api/drafts/${d.body.id}/publish`, { token: pub, body: {} });
    const disclosure = published.body.disclosure;
    expect(disclosure.attachments).toEqual([
      { id: b.body.id, filename: '附件2 预算表.xlsx', contentType: b.body.contentType, sizeBytes: b.body.sizeBytes, sha256: b.body.sha256 },
      { id: a.body.id, filename: '附件1 实施方案.pdf', contentType: 'application/pdf', sizeBytes: a.body.sizeBytes, sha256: a.body.sha256 },
    ]);
    const audit = await s.db.query(`SELECT details FROM audit_log WHERE action = 'disclosure.published' AND disclosure_id = $1`, [disclosure.id]);
    expect(audit.rows[0].details.attachments).toEqual([expect.objectContaining({ id: b.body.id, sha256: b.body.sha256 }), expect.objectContaining({ id: a.body.id })]);

    await eventually(async () => (await s.call('GET', `/api/disclosures/${disclosure.id}`, { token: pub })).body.deliveries.every((x: { status: string }) => TERMINAL.includes(x.status)));
    const receipt = s.sink.receipts.find((x) => x.body.event === 'disclosure.publish' && (x.body.disclosure as { id: string }).id === disclosure.id)!;
    const sent = (receipt.body.disclosure as { attachments: { filename: string; url: string }[] }).attachments;
    expect(sent.map((x) => x.url)).toEqual([
      `https://gk.genhe.gov.cn/api/public/attachments/${b.body.id}/${encodeURIComponent('附件2 预算表.xlsx')}`,
      `https://gk.genhe.gov.cn/api/public/attachments/${a.body.id}/${encodeURIComponent('附件1 实施方案.pdf')}`,
    ]);

    const path = new URL(sent[1].url).pathname;
    const open = await get(path);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('application/pdf');
    expect(open.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(open.headers.get('content-security-policy')).toContain('sandbox');
    expect(open.headers.get('etag')).toBe(`"${a.body.sha256}"`);
    expect(Buffer.from(await open.arrayBuffer()).equals(pdf())).toBe(true);
    expect((await fetch(`${s.url}${path}`, { headers: { 'if-none-match': `"${a.body.sha256}"` } })).status).toBe(304);

    await s.call('POST', `/api/disclosures/${disclosure.id}/withdraw`, { token: pub, body: { reason: '内容有误' } });
    const gone = await get(path);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toContain('撤回');
  });

  it('refuses ids that are unknown, repeated or of another office, naming the entry, and changes nothing', async () => {
    const theirs = await upload(await s.token('other', PASSWORD), '他局文件.pdf', pdf());
    const mine = await upload(ed, '本局文件.pdf', pdf());
    const before = await s.db.query(`SELECT count(*)::int AS n FROM disclosures`);
    const unknown = await s.call('POST', '/api/disclosures', { token: pub, body: publishBody('genhe-zwfw:01-01', { attachmentIds: [mine.body.id, '00000000-0000-4000-8000-000000000000'] }) });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'attachmentIds[1]']);
    const foreign = await s.call('POST', '/api/drafts', { token: ed, body: publishBody('genhe-zwfw:01-01', { attachmentIds: [theirs.body.id] }) });
    expect([foreign.status, foreign.body.field]).toEqual([400, 'attachmentIds[0]']);
    const twice = await s.call('POST', '/api/disclosures', { token: pub, body: publishBody('genhe-zwfw:01-01', { attachmentIds: [mine.body.id, mine.body.id] }) });
    expect([twice.status, twice.body.field]).toEqual([400, 'attachmentIds']);
    const notUuid = await s.call('POST', '/api/disclosures', { token: pub, body: publishBody('genhe-zwfw:01-01', { attachmentIds: ['x'] }) });
    expect(notUuid.status).toBe(400);
    expect(JSON.stringify(notUuid.body)).toContain('attachmentIds');
    expect((await s.db.query(`SELECT count(*)::int AS n FROM disclosures`)).rows[0].n).toBe(before.rows[0].n);
  });

  it('replaces the attachments of a published disclosure on update; the dropped file stops being public', async () => {
    const first = await upload(pub, '旧附件.pdf', pdf());
    const second = await upload(pub, '新附件.png', await png());
    const d = await s.call('POST', '/api/disclosures', { token: pub, body: publishBody('genhe-zwfw:01-01', { attachmentIds: [first.body.id] }) });
    expect(d.status).toBe(201);
    expect((await get(`/api/public/attachments/${first.body.id}/x`)).status).toBe(200);
    const u = await s.call('PATCH', `/api/disclosures/${d.body.id}`, { token: pub, body: { attachmentIds: [second.body.id] } });
    expect(u.status).toBe(200);
    expect(u.body.attachments.map((x: { filename: string }) => x.filename)).toEqual(['新附件.png']);
    expect((await get(`/api/public/attachments/${first.body.id}/x`)).status).toBe(404);
    const image = await get(`/api/public/attachments/${second.body.id}/${encodeURIComponent('新附件.png')}`);
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(image.headers.get('content-type')).toBe('image/png');
  });
});
