import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

const PUBLIC = 'http://public.example';

/** 政府公报 through the real pipeline: disclosures collect into the open issue; publishing prints and settles them. */
describe('gazette issues', () => {
  let s: Stack;
  let admin: string;
  let editor: string;
  let publisher: string;
  let outputDir: string;

  const gazetteDelivery = async (disclosureId: string) =>
    (await s.call('GET', `/api/disclosures/${disclosureId}`, { token: admin })).body.deliveries.find((d: { channel: string }) => d.channel === 'gazette');
  const publish = async (item: string, extra: Record<string, unknown> = {}) => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody(item, extra) });
    expect(r.status).toBe(201);
    // the delivery is accepted into the open issue and waits there
    await eventually(async () => {
      const { rows } = await s.db.query(`SELECT 1 FROM deliveries x JOIN gazette_entries e ON e.delivery_id = x.id WHERE x.disclosure_id = $1 AND x.awaiting_remote`, [r.body.id]);
      return rows.length === 1;
    });
    return r.body.id as string;
  };
  const local = (url: string) => url.replace(PUBLIC, s.url.replace('[::1]', '127.0.0.1'));
  /** compile and publish start Chromium: on a busy 2-core machine that outlasts the stack's 20 s request timeout */
  const print = async (what: 'compile' | 'publish', id: string, token: string) => {
    const res = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/gazette/issues/${id}/${what}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(110_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    outputDir = fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'gazette-'));
    s = await startStack({
      channels: () => `channels:
  - name: gazette
    type: gazette
    label: 政府公报
    carriers: [gazette]
    settings: { title: 根河市人民政府公报, publisher: 根河市人民政府办公室, outputDir: ${outputDir}, publicBaseUrl: ${PUBLIC} }
    queue: { attempts: 3, backoffMs: 50 }
`,
    });
    admin = await s.token();
    for (const [username, roles] of [['gz-editor', ['editor']], ['gz-publisher', ['publisher']]] as const) {
      expect((await s.call('POST', '/api/users', { token: admin, body: { username, password: 'Long-Password-1', roles, departmentCode: 'genhe-zwfw' } })).status).toBe(201);
    }
    editor = await s.token('gz-editor', 'Long-Password-1');
    publisher = await s.token('gz-publisher', 'Long-Password-1');
  });
  afterAll(() => s.close());

  let first: { id: string; url: string; label: string };

  it('collects disclosures into the open issue, previews it, and publishes it as HTML and PDF that settle every delivery', async () => {
    const a = await publish('genhe-zwfw:01-01', {
      title: '关于<b>规范性文件</b>清理结果的公告',
      body: '<p>经清理，现行有效规范性文件共12件。</p><script>alert(1)</script><img src="http://10.1.2.3/track.png">',
      metadata: { indexNo: 'genhe-zwfw/2026-00042', docNo: '根政数发〔2026〕7号' },
    });
    const b = await publish('genhe-zwfw:01-02', { title: '规范性文件目录' });
    expect((await gazetteDelivery(a)).status).toBe('awaiting_confirmation');

    const list = await s.call('GET', '/api/gazette/issues', { token: editor });
    expect(list.body.items).toEqual([expect.objectContaining({ status: 'open', entryCount: 2, label: null })]);
    const id = list.body.items[0].id;
    expect((await fetch(local(`${PUBLIC}/api/gazette/issues/${id}.html`))).status).toBe(404); // not published: nothing public

    const compiled = await print('compile', id, editor);
    expect(compiled.status).toBe(200);
    const preview = await s.call('GET', compiled.body.previewHtml.replace(/^\/?/, '/'), { token: editor });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('关于&lt;b&gt;规范性文件&lt;/b&gt;清理结果的公告');
    expect((await s.call('GET', `/api/gazette/issues/${id}/preview.pdf`)).status).toBe(401);

    expect((await print('publish', id, editor)).status).toBe(403);
    const published = await print('publish', id, publisher);
    expect(published.status).toBe(200);
    const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
    expect(published.body).toEqual(expect.objectContaining({
      status: 'published', label: `${year}年第1期`, number: 1, entryCount: 2, publishedBy: 'gz-publisher',
      url: `${PUBLIC}/api/gazette/issues/${id}.html`, pdfUrl: `${PUBLIC}/api/gazette/issues/${id}.pdf`,
    }));
    first = { id, url: published.body.url, label: published.body.label };

    for (const disclosureId of [a, b]) {
      expect(await gazetteDelivery(disclosureId)).toEqual(expect.objectContaining({ status: 'delivered', remoteUrl: first.url, remoteId: first.label }));
    }

    const html = await fetch(local(first.url)); // public: a gazette is a public document
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const text = await html.text();
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('根河市人民政府公报');
    expect(text).toContain(first.label);
    expect(text).toContain('关于&lt;b&gt;规范性文件&lt;/b&gt;清理结果的公告');
    expect(text).toContain('根政数发〔2026〕7号');
    expect(text).not.toMatch(/<script/i);
    expect(text.indexOf('关于&lt;b&gt;')).toBeLessThan(text.indexOf('规范性文件目录</h2>'));

    const pdf = await fetch(local(published.body.pdfUrl));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/Noto(Serif|Sans)CJK/); // the Chinese glyphs come from an embedded CJK font

    const { rows } = await s.db.query(`SELECT html_sha256, pdf_sha256 FROM gazette_issues WHERE id = $1`, [id]);
    expect(rows[0].html_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(path.join(outputDir, String(year))).sort()).toEqual([`${year}-001-${id}.html`, `${year}-001-${id}.pdf`]);
    const audit = await s.db.query(`SELECT details FROM audit_log WHERE action = 'gazette.issue_published'`);
    expect(audit.rows[0].details).toEqual(expect.objectContaining({ issueId: id, entries: 2, url: first.url }));

    expect((await print('publish', id, publisher)).status).toBe(409);
  }, 240_000);

  it('opens the next issue for later disclosures and leaves out one withdrawn before printing', async () => {
    const c = await publish('genhe-zwfw:01-03', { title: '征求意见公告' });
    const d = await publish('genhe-zwfw:01-05', { title: '另一份文件' });
    const list = (await s.call('GET', '/api/gazette/issues', { token: admin })).body.items;
    const open = list.find((i: { status: string }) => i.status === 'open');
    expect(open).toEqual(expect.objectContaining({ entryCount: 2 }));
    expect(open.id).not.toBe(first.id);

    expect((await s.call('POST', `/api/disclosures/${c}/withdraw`, { token: admin, body: { reason: '内容有误' } })).status).toBe(200);
    // changed before printing: the issue prints the text as it is then, so nobody is asked to follow it up
    expect((await s.call('PATCH', `/api/disclosures/${d}`, { token: admin, body: { title: '另一份文件（修订稿）' } })).status).toBe(200);
    const published = await print('publish', open.id, admin);
    expect(published.status).toBe(200);
    expect(published.body).toEqual(expect.objectContaining({ number: 2, entryCount: 1 }));
    expect(await gazetteDelivery(d)).toEqual(expect.objectContaining({ status: 'delivered', remoteUrl: published.body.url }));
    expect((await gazetteDelivery(c)).status).toBe('withdrawn');
    const text = await (await fetch(local(published.body.url))).text();
    expect(text).toContain('另一份文件（修订稿）');
    expect(text).not.toContain('征求意见公告');
    const printedOne = await gazetteDelivery(d);
    const tasks = (await s.call('GET', `/api/disclosures/${d}`, { token: admin })).body.deliveries.filter((y: { followUpOf: string | null }) => y.followUpOf === printedOne.id);
    expect(tasks).toEqual([]);
    const detail = await s.call('GET', `/api/gazette/issues/${open.id}`, { token: admin });
    expect(detail.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ disclosureId: d, position: 1 }), expect.objectContaining({ disclosureId: c, position: null })]),
    );
  }, 240_000);

  it('cannot change a printed issue: an update becomes a manual follow-up', async () => {
    const [row] = (await s.db.query(`SELECT x.id, x.disclosure_id FROM deliveries x WHERE x.channel = 'gazette' AND x.status = 'delivered' ORDER BY x.created_at LIMIT 1`)).rows;
    const r = await s.call('PATCH', `/api/disclosures/${row.disclosure_id}`, { token: admin, body: { title: '更正后的标题' } });
    expect(r.status).toBe(200);
    const followUp = r.body.deliveries.find((y: { followUpOf: string | null }) => y.followUpOf === row.id);
    expect(followUp).toEqual(expect.objectContaining({ channel: 'manual', carrier: 'gazette', purpose: 'update' }));
  });

  it('answers bad requests with 4xx naming the field', async () => {
    expect((await s.call('GET', '/api/gazette/issues/not-a-uuid', { token: admin })).body.field).toBe('id');
    expect((await s.call('GET', '/api/gazette/issues/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    expect((await print('compile', first.id, admin)).status).toBe(409);
  });
});
