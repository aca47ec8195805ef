import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdapterError, type ChannelConfig, type DeliveryContext } from '../adapter.contract.js';
import { pngImage } from '../wechat-oa/wechat-oa.fake.js';
import { WeiboAdapter } from './weibo.adapter.js';
import { WeiboFake } from './weibo.fake.js';
import { composeStatus, truncateWeighted, weiboWeight } from './weibo.text.js';

const TOKEN = '2.00weibo_token_0123456789';
const DOMAIN = 'www.genhe.gov.cn';
let fake: WeiboFake;

function channel(settings: Record<string, unknown> = {}): ChannelConfig {
  return {
    name: 'weibo', type: 'weibo', label: '政务微博', carriers: ['new_media'],
    settings: {
      apiBase: fake.url, accessToken: TOKEN, safeDomain: DOMAIN, articleBaseUrl: `https://${DOMAIN}/gk/{id}`, clientIp: '203.0.113.7',
      statusUrlBase: `${fake.url}/status`, timeoutMs: 1000, allowPrivateNetwork: true, ...settings,
    },
    queue: { concurrency: 1, attempts: 3, backoffMs: 10 },
  };
}

function context(over: { title?: string; body?: string; metadata?: Record<string, unknown>; remoteId?: string; id?: string } = {}): DeliveryContext {
  return {
    delivery: { id: 'd-1', carrier: 'new_media', channel: 'weibo', attempt: 1, operation: 'publish', interrupted: false, remoteId: over.remoteId ?? null, remoteUrl: null, state: {} },
    disclosure: {
      id: over.id ?? 'a1b2c3d4-0000-4000-8000-000000000009', title: over.title ?? '关于调整政务服务大厅办公时间的公告', body: over.body ?? '<p>自12月1日起，政务服务大厅工作日办公时间调整为8:30至17:30。</p>',
      metadata: over.metadata ?? {}, generatedAt: '2026-11-24T01:00:00.000Z', dueAt: null, revision: 1, catalogueCode: 'genhe-zwfw', itemId: '09-01',
      itemPath: [], publisher: '根河市政务服务与数据管理局', office: '', departmentCode: 'genhe-zwfw',
    },
    saveState: async () => undefined,
  };
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AdapterError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  fake = await new WeiboFake({ accessToken: TOKEN, safeDomain: DOMAIN }).listen();
});
afterEach(() => fake.close());

describe('Weibo text', () => {
  it('weighs a 汉字 as 1 and ASCII as half, rounding up', () => {
    expect(weiboWeight('政务公开')).toBe(4);
    expect(weiboWeight('abcd')).toBe(2);
    expect(weiboWeight('abc')).toBe(2);
    expect(weiboWeight('政务ab')).toBe(3);
  });

  it('keeps the link whole and fits 140 however long the title and body', () => {
    const url = `https://${DOMAIN}/gk/a1b2c3d4-0000-4000-8000-000000000009`;
    const s = composeStatus('标'.repeat(200), '文'.repeat(500), url);
    expect(weiboWeight(s)).toBeLessThanOrEqual(140);
    expect(s.endsWith(` ${url}`)).toBe(true);
    expect(s.startsWith('【')).toBe(true);
    expect(s).toContain('…】');
    expect(truncateWeighted('一二三四五', 3)).toBe('一二…');
  });
});

describe('Weibo adapter against the protocol fake', () => {
  it('shares 【title】summary and the link, and reports the status id and URL', async () => {
    const out = await new WeiboAdapter(channel()).send(context());
    const [posted] = fake.posted;
    expect(out).toEqual({ status: 'delivered', remoteId: posted.idstr, remoteUrl: `${fake.url}/status/${posted.idstr}` });
    expect(posted.text).toBe(`【关于调整政务服务大厅办公时间的公告】自12月1日起，政务服务大厅工作日办公时间调整为8:30至17:30。 https://${DOMAIN}/gk/a1b2c3d4-0000-4000-8000-000000000009`);
    expect(posted.rip).toBe('203.0.113.7');
    expect(posted.picture).toBeNull();
  });

  it('attaches the configured picture as multipart', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weibo-')), 'pic.png');
    fs.writeFileSync(file, pngImage(8, 8));
    await new WeiboAdapter(channel({ pictureFile: file })).send(context());
    expect(fake.posted[0].picture).toEqual(expect.objectContaining({ name: 'pic.png', type: 'image/png' }));
  });

  it('never sends a #话题词# (statuses/share forbids it): a # in the title or summary goes out full-width, the link untouched', async () => {
    const c = context({ title: '关于#两会#期间政务服务的公告', body: '<p>详见 #便民# 专栏。</p>', metadata: { url: `https://${DOMAIN}/gk/x#part-2` } });
    await new WeiboAdapter(channel()).send(c);
    expect(fake.posted[0].text).toBe(`【关于＃两会＃期间政务服务的公告】详见 ＃便民＃ 专栏。 https://${DOMAIN}/gk/x#part-2`);
    // what was sent before: the fake, like Weibo, refuses a topic in the text
    const direct = await fetch(`${fake.url}/2/statuses/share.json`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: TOKEN, rip: '203.0.113.7', status: `【关于#两会#期间的公告】 https://${DOMAIN}/gk/y` }).toString(),
    });
    expect(await direct.json()).toEqual(expect.objectContaining({ error_code: 10008 }));
  });

  it('refuses a picture of 5 MB or more at boot: Weibo takes pictures smaller than 5M', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weibo-')), 'big.png');
    fs.writeFileSync(file, Buffer.concat([pngImage(8, 8), Buffer.alloc(5 * 1024 * 1024)]).subarray(0, 5 * 1024 * 1024));
    expect(new WeiboAdapter(channel({ pictureFile: file })).checkConfig()).toEqual(['channel weibo: settings.pictureFile must be smaller than 5 MB']);
  });

  it('refuses a link outside the safe domain before calling Weibo, naming the setting', async () => {
    const e = await failure(new WeiboAdapter(channel()).send(context({ metadata: { url: 'https://evil.example.com/x' } })));
    expect(e).toEqual(expect.objectContaining({ kind: 'permanent', details: { field: 'metadata.url' } }));
    expect(e.message).toContain(DOMAIN);
    expect(fake.requests).toHaveLength(0);
    const problems = new WeiboAdapter(channel({ articleBaseUrl: 'https://other.gov.cn/gk/{id}' })).checkConfig();
    expect(problems.join('\n')).toMatch(/settings\.articleBaseUrl must lie under settings\.safeDomain/);
  });

  it('maps 10017 from Weibo (safe domain not registered there) to permanent', async () => {
    fake.failNext('share', 10017);
    const e = await failure(new WeiboAdapter(channel()).send(context()));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/安全域名.*10017/);
  });

  it('treats rate limits (10022, 10023, 10024, HTTP 429) as retryable', async () => {
    fake.failNext('share', 10022);
    fake.failNext('share', 10023);
    fake.failNext('share', 10024);
    fake.script('share', { kind: 'status', status: 429 });
    const adapter = new WeiboAdapter(channel());
    for (const code of ['10022', '10023', '10024', 'HTTP 429']) {
      const e = await failure(adapter.send(context()));
      expect(e.kind).toBe('retryable');
      expect(e.message).toContain(code);
    }
    expect((await adapter.send(context())).status).toBe('delivered');
    expect(fake.posted).toHaveLength(1);
  });

  it('reports a gateway error, 10001 or an unknown 5xx code on share as unknown_outcome: the status may be up', async () => {
    fake.script('share', { kind: 'status', status: 502, after: true });
    fake.script('share', { kind: 'error', code: 10001, after: true });
    fake.script('share', { kind: 'error', code: 10099, status: 500, after: true });
    const adapter = new WeiboAdapter(channel());
    for (const [i, what] of ['HTTP 502', '10001', '10099'].entries()) {
      const e = await failure(adapter.send(context({ id: `gw-${i}` })));
      expect(e.kind).toBe('unknown_outcome');
      expect(e.message).toContain(what);
      expect(e.message).toContain('请在微博核对');
    }
    // each one did go up: a retry would have been a second post
    expect(fake.posted).toHaveLength(3);
  });

  it('models Weibo\'s repeat check: only the latest status blocks the same text, so a late resend posts twice', async () => {
    const adapter = new WeiboAdapter(channel());
    await adapter.send(context({ id: 'first' }));
    await adapter.send(context({ id: 'second' }));
    // the same text as the first, after another status: Weibo takes it
    expect((await adapter.send(context({ id: 'first' }))).status).toBe('delivered');
    expect(fake.posted.map((p) => p.text.endsWith('/first'))).toEqual([true, false, true]);
  });

  it('counts 20032 as posted, and 20017/20111 as repeats (unknown_outcome)', async () => {
    fake.failNext('share', 20032);
    const adapter = new WeiboAdapter(channel());
    expect(await adapter.send(context())).toEqual({ status: 'delivered' });
    for (const code of [20017, 20111]) {
      fake.failNext('share', code);
      const e = await failure(adapter.send(context()));
      expect(e.kind).toBe('unknown_outcome');
      expect(e.message).toContain(String(code));
    }
  });

  it('fails permanently on an expired or invalid token, telling the operator to re-authorise', async () => {
    fake.expireToken();
    const expired = await failure(new WeiboAdapter(channel()).send(context()));
    expect(expired).toEqual(expect.objectContaining({ kind: 'permanent', message: expect.stringMatching(/已过期.*WEIBO_ACCESS_TOKEN.*21327/) }));
    fake.revokeToken();
    const invalid = await failure(new WeiboAdapter(channel()).send(context()));
    expect(invalid.message).toMatch(/无效.*21332/);
    // after a new OAuth authorisation the operator sets the new token and it works again
    fake.authorise('2.00new_token');
    expect((await new WeiboAdapter(channel({ accessToken: '2.00new_token' })).send(context())).status).toBe('delivered');
  });

  it('reports a timeout as unknown_outcome: the status may be up', async () => {
    fake.script('share', { kind: 'hang', ms: 2500, after: true });
    const e = await failure(new WeiboAdapter(channel()).send(context()));
    expect(e.kind).toBe('unknown_outcome');
    expect(fake.posted).toHaveLength(1);
  });

  it('reports a connection dropped after Weibo posted as unknown_outcome', async () => {
    fake.script('share', { kind: 'drop' });
    const e = await failure(new WeiboAdapter(channel()).send(context()));
    expect(e.kind).toBe('unknown_outcome');
    expect(fake.posted).toHaveLength(1);
  });

  it('reports repeated content (20019) as unknown_outcome', async () => {
    const adapter = new WeiboAdapter(channel());
    await adapter.send(context());
    const e = await failure(adapter.send(context()));
    expect(e.kind).toBe('unknown_outcome');
    expect(e.message).toContain('20019');
    expect(fake.posted).toHaveLength(1);
  });

  it('turns malformed answers into clear errors', async () => {
    fake.script('share', { kind: 'raw', body: '<html>error</html>', after: true });
    const e = await failure(new WeiboAdapter(channel()).send(context()));
    expect(e).toEqual(expect.objectContaining({ kind: 'unknown_outcome', message: expect.stringContaining('不是 JSON') }));
    fake.script('share', { kind: 'raw', body: '{"ok":true}' });
    const missing = await failure(new WeiboAdapter(channel()).send(context({ id: 'other' })));
    expect(missing.message).toContain('缺少 id');
  });

  it('leaves withdraw out without settings.destroyUrl (a manual task): ordinary apps are not documented to have statuses/destroy', () => {
    expect(new WeiboAdapter(channel()).withdraw).toBeUndefined();
  });

  it('withdraws with statuses/destroy when configured, and a status already gone counts as withdrawn', async () => {
    const adapter = new WeiboAdapter(channel({ destroyUrl: `${fake.url}/2/statuses/destroy.json` }));
    const out = await adapter.send(context());
    const ctx = { ...context({ remoteId: out.remoteId! }) };
    await adapter.withdraw!(ctx);
    expect(fake.posted[0].deleted).toBe(true);
    await expect(adapter.withdraw!(ctx)).resolves.toBeUndefined();
  });

  it('checks its settings naming each one', () => {
    const problems = new WeiboAdapter(channel({ accessToken: '', safeDomain: '', clientIp: '', apiBase: 'nope' })).checkConfig().join('\n');
    for (const s of ['settings.apiBase', 'settings.accessToken', 'settings.safeDomain', 'settings.clientIp']) expect(problems).toContain(s);
  });
});
