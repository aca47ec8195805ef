import * as fs from 'node:fs';
import * as path from 'node:path';
import { publishBody, startStack, TERMINAL, eventually, type Stack } from '../support/stack.js';

const PASSWORD = 'Long-Password-1';

/** The server side of the back office: static files and SPA fallback, and the endpoints the pages added. */
describe('back office API', () => {
  let s: Stack;
  let admin: string;
  let base: string;

  beforeAll(async () => {
    s = await startStack();
    base = s.url.replace('[::1]', '127.0.0.1');
    admin = await s.token();
    for (const [username, roles] of [['pub', ['publisher']], ['ed', ['editor']], ['aud', ['auditor']]] as const) {
      await s.call('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, roles, departmentCode: 'genhe-zwfw' } });
    }
  });
  afterAll(() => s.close());

  it('serves the built pages at / with an SPA fallback that never claims /api, and caches hashed assets', async () => {
    const index = await fetch(`${base}/disclosures/00000000-0000-0000-0000-000000000000`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    const html = await index.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN or font service
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(base + asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/assets/gone-0000.js`)).status).toBe(404);
    const api = await fetch(`${base}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect(fs.existsSync(path.resolve('dist/web/index.html'))).toBe(true);
  });

  it('lists deliveries for the manual-task inbox, filtered by channel, status and office', async () => {
    const pub = await s.token('pub', PASSWORD);
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:07-01') });
    await eventually(async () => {
      const d = (await s.call('GET', `/api/disclosures/${r.body.id}`, { token: admin })).body;
      return d.deliveries.every((x: { status: string }) => TERMINAL.includes(x.status));
    });
    const inbox = await s.call('GET', '/api/deliveries?channel=manual&status=awaiting_confirmation', { token: pub });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toEqual(expect.objectContaining({ channel: 'manual', carrier: 'other', status: 'awaiting_confirmation' }));
    expect(inbox.body.items[0].disclosure).toEqual(expect.objectContaining({ id: r.body.id, office: '电子政务与政务公开办', departmentCode: 'genhe-zwfw' }));
    expect((await s.call('GET', '/api/deliveries?channel=manual&office=办公室', { token: pub })).body.items).toHaveLength(0);
    expect((await s.call('GET', '/api/deliveries?status=delivered,awaiting_confirmation', { token: pub })).body.items).toHaveLength(2);
    const bad = await s.call('GET', '/api/deliveries?status=done', { token: pub });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('status');
    // another department's staff see nothing of it
    await s.call('POST', '/api/departments', { token: admin, body: { code: 'other-dept', name: '其他部门' } });
    await s.call('POST', '/api/users', { token: admin, body: { username: 'stranger', password: PASSWORD, roles: ['publisher'], departmentCode: 'other-dept' } });
    expect((await s.call('GET', '/api/deliveries', { token: await s.token('stranger', PASSWORD) })).body.items).toHaveLength(0);
  });

  it('changes a password only with the current one, ends the other sessions and audits it', async () => {
    const old = await s.token('ed', PASSWORD);
    const wrong = await s.call('POST', '/api/auth/password', { token: old, body: { currentPassword: 'not-it-at-all', newPassword: 'Brand-New-Password-9' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('currentPassword');
    const short = await s.call('POST', '/api/auth/password', { token: old, body: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.fields[0].field).toBe('newPassword');
    const ok = await s.call('POST', '/api/auth/password', { token: old, body: { currentPassword: PASSWORD, newPassword: 'Brand-New-Password-9' } });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
    expect((await s.call('GET', '/api/auth/me', { token: old })).status).toBe(401);
    expect((await s.call('GET', '/api/auth/me', { token: ok.body.accessToken })).body.username).toBe('ed');
    expect((await s.call('POST', '/api/auth/login', { body: { username: 'ed', password: PASSWORD } })).status).toBe(401);
    const audit = await s.db.query(`SELECT action, outcome FROM audit_log WHERE actor = 'user:ed' AND action LIKE 'auth.password%' ORDER BY id`);
    expect(audit.rows).toEqual([{ action: 'auth.password_change_failed', outcome: 'failed' }, { action: 'auth.password_changed', outcome: 'ok' }]);
  });

  it('gives admins the job counts of every queue and nobody else', async () => {
    const r = await s.call('GET', '/api/admin/queues', { token: admin });
    expect(r.status).toBe(200);
    const names = r.body.items.map((q: { name: string }) => q.name);
    expect(names).toEqual(expect.arrayContaining(['disclosures', 'channel-website', 'channel-manual']));
    expect(r.body.items[1].counts).toEqual(expect.objectContaining({ waiting: expect.any(Number), failed: expect.any(Number), completed: expect.any(Number) }));
    expect((await s.call('GET', '/api/admin/queues', { token: await s.token('pub', PASSWORD) })).status).toBe(403);
  });

  it('renders per-channel previews with the adapters’ sanitizer and suggests the next 索引号', async () => {
    const ed = await s.token('aud', PASSWORD);
    const p = await s.call('POST', '/api/web/preview', {
      token: ed,
      body: { title: '关于调整办事大厅开放时间的通知', body: '<p onclick="x()">自下周起<script>alert(1)</script>延长开放。</p>', publisher: '根河市政务服务与数据管理局' },
    });
    expect(p.status).toBe(200);
    expect(p.body.website.html).toBe('<p>自下周起延长开放。</p>');
    expect(p.body.sms.text).toMatch(/^【根河市政务服务与数据管理局】《关于调整办事大厅开放时间的通知》已公开/);
    expect(p.body.sms.chars).toBe(Array.from(p.body.sms.text).length);
    expect(p.body.sms.parts).toBe(p.body.sms.chars <= 70 ? 1 : Math.ceil(p.body.sms.chars / 67));
    expect(p.body.wechat.problems).toEqual([]);
    const long = await s.call('POST', '/api/web/preview', { token: ed, body: { title: '标'.repeat(40), body: '正文' } });
    expect(long.body.wechat.problems[0]).toEqual(expect.objectContaining({ field: 'title' }));
    expect(p.body.screen.text).toBe('自下周起延长开放。');
    // the attachment lists the adapters append, names only before publishing
    const withFiles = await s.call('POST', '/api/web/preview', { token: ed, body: { title: '通知', body: '正文', attachments: [{ filename: '附件1 名单.pdf', sizeBytes: 2_097_152 }] } });
    expect(withFiles.body.website.html).toContain('<p>附件：</p><ol><li>附件1 名单.pdf（2.0 MB）</li></ol>');
    expect(withFiles.body.wechat.html).toContain('附件请点击“阅读原文”在政府网站下载。');
    const badFiles = await s.call('POST', '/api/web/preview', { token: ed, body: { title: '通知', body: '正文', attachments: [{ filename: '', sizeBytes: -1 }] } });
    expect(badFiles.status).toBe(400);
    expect(JSON.stringify(badFiles.body)).toContain('attachments');

    const pub = await s.token('pub', PASSWORD);
    const first = await s.call('GET', '/api/web/index-number?catalogueItemId=genhe-zwfw:01-01', { token: pub });
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(first.body.indexNo).toBe(`genhe-zwfw/${year}-00001`);
    await s.call('POST', '/api/drafts', { token: pub, body: publishBody('genhe-zwfw:01-01', { metadata: { indexNo: `genhe-zwfw/${year}-00041` } }) });
    expect((await s.call('GET', '/api/web/index-number?catalogueItemId=genhe-zwfw:01-01', { token: pub })).body.indexNo).toBe(`genhe-zwfw/${year}-00042`);
    const missing = await s.call('GET', '/api/web/index-number?catalogueItemId=genhe-zwfw:99-99', { token: pub });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('catalogueItemId');
    expect((await s.call('GET', '/api/web/index-number?catalogueItemId=genhe-zwfw:01-01', { token: ed })).status).toBe(403);
  });
});
