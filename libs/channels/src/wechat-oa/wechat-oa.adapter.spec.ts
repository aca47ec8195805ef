import * as fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdapterError, type ChannelConfig, type DeliveryContext } from '../adapter.contract.js';
import { WechatOaAdapter } from './wechat-oa.adapter.js';
import { WechatApi } from './wechat-oa.client.js';
import { pngImage, WechatOaFake, type WechatBehaviour } from './wechat-oa.fake.js';
import { callbackSignature, parsePublishEvent, publishOutcome } from './wechat-oa.protocol.js';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-0123456789abcdef0123456789' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-oa-'));
const cover = path.join(dir, 'cover.png');
fs.writeFileSync(cover, pngImage(90, 38));

function channel(settings: Record<string, unknown> = {}): ChannelConfig {
  return {
    name: 'wechat-oa', type: 'wechat_oa', label: '微信公众号', carriers: ['new_media'],
    settings: { apiBase: fake.url, ...APP, callbackToken: 'cbtoken123', coverImage: cover, allowPrivateNetwork: true, timeoutMs: 1500, ...settings },
    queue: { concurrency: 1, attempts: 3, backoffMs: 10 },
  };
}

/** A delivery as the runner hands it over; saveState writes into `saved`, which the next attempt starts from. */
function context(over: { title?: string; body?: string; metadata?: Record<string, unknown>; state?: Record<string, unknown>; remoteId?: string } = {}) {
  const saved: Record<string, unknown> = { ...over.state };
  const ctx: DeliveryContext = {
    delivery: {
      id: 'd-1', carrier: 'new_media', channel: 'wechat-oa', attempt: 1, operation: 'publish', interrupted: false,
      remoteId: over.remoteId ?? null, remoteUrl: null, state: { ...saved },
    },
    disclosure: {
      id: '3f1c7a4e-0000-4000-8000-000000000001', title: over.title ?? '关于2026年度政务公开工作的通知', body: over.body ?? '<p>正文第一段。</p><p>第二段。</p>',
      metadata: over.metadata ?? { indexNo: '11150785MB1234567X/2026-00012', docNo: '根政数发〔2026〕3号', writtenAt: '2026-11-20' },
      generatedAt: '2026-11-24T01:00:00.000Z', dueAt: null, revision: 1, catalogueCode: 'genhe-zwfw', itemId: '09-01', itemPath: ['其他相关信息', '工作动态'],
      publisher: '根河市政务服务与数据管理局', office: '电子政务与政务公开办', departmentCode: 'genhe-zwfw',
    },
    saveState: async (patch) => {
      Object.assign(saved, patch);
    },
  };
  const next = (interrupted = false): DeliveryContext => ({ ...ctx, delivery: { ...ctx.delivery, attempt: ctx.delivery.attempt + 1, interrupted, state: { ...saved } } });
  return { ctx, saved, next };
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

const until = async (fn: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!fn() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return fn();
};

let fake: WechatOaFake;

beforeEach(async () => {
  fake = await new WechatOaFake({ ...APP, publishDelayMs: 50 }).listen();
});
afterEach(() => fake.close());

describe('WeChat OA adapter against the protocol fake', () => {
  it('uploads the cover, adds one draft, submits it, and reports pending with the publish_id', async () => {
    const adapter = new WechatOaAdapter(channel({ author: '根河市政数局', contentSourceBaseUrl: 'https://www.genhe.gov.cn/gk/{id}' }));
    expect(adapter.checkConfig()).toEqual([]);
    const { ctx, saved } = context();
    const out = await adapter.send(ctx);
    expect(out).toEqual(expect.objectContaining({ status: 'pending', remoteId: saved.publishId }));
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
    expect(fake.materials.size).toBe(1);
    const [draft] = fake.drafts.values();
    const a = draft.articles[0];
    expect(a).toEqual(expect.objectContaining({
      article_type: 'news', title: '关于2026年度政务公开工作的通知', author: '根河市政数局', digest: '正文第一段。 第二段。',
      content_source_url: 'https://www.genhe.gov.cn/gk/3f1c7a4e-0000-4000-8000-000000000001', thumb_media_id: saved.thumbMediaId,
      need_open_comment: 0, only_fans_can_comment: 0,
    }));
    expect(a.content).toContain('<p>索引号：11150785MB1234567X/2026-00012</p><p>文号：根政数发〔2026〕3号</p><p>发布机构：根河市政务服务与数据管理局</p><p>成文日期：2026-11-20</p><hr>');
    expect(a.content).toContain('<p>正文第一段。</p>');
    expect(saved).toEqual(expect.objectContaining({ draftMediaId: draft.mediaId, publishId: expect.any(String) }));
  });

  it('caches the token and the cover across deliveries', async () => {
    const adapter = new WechatOaAdapter(channel());
    await adapter.send(context().ctx);
    await adapter.send(context().ctx);
    expect(fake.tokenRequests).toBe(1);
    expect(fake.count('add_material')).toBe(1);
    expect(fake.publishCount).toBe(2);
  });

  it('the fake renews a stable token in its last 5 minutes and keeps the old one valid meanwhile, as WeChat documents', async () => {
    const short = await new WechatOaFake({ ...APP, tokenTtlSeconds: 290 }).listen();
    try {
      const fetchToken = async () => {
        const res = await fetch(`${short.url}/cgi-bin/stable_token`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret }),
        });
        return (await res.json()) as { access_token: string; expires_in: number };
      };
      const first = await fetchToken();
      const second = await fetchToken();
      expect(second.access_token).not.toBe(first.access_token);
      for (const token of [first.access_token, second.access_token]) {
        const res = await fetch(`${short.url}/cgi-bin/freepublish/get?access_token=${token}`, { method: 'POST', body: JSON.stringify({ publish_id: '1' }) });
        expect(await res.json()).toEqual(expect.objectContaining({ errcode: 53600 })); // past the token check
      }
      // a token with more than 5 minutes left is handed back unchanged
      expect((await new WechatApi({ apiBase: fake.url, ...APP, timeoutMs: 1500, allowPrivateNetwork: true }).token())).toBe(
        await new WechatApi({ apiBase: fake.url, ...APP, timeoutMs: 1500, allowPrivateNetwork: true }).token(),
      );
    } finally {
      await short.close();
    }
  });

  it('refreshes an expired token once (42001) and the call then succeeds', async () => {
    const adapter = new WechatOaAdapter(channel());
    await adapter.send(context().ctx);
    fake.expireTokens();
    const out = await adapter.send(context().ctx);
    expect(out.status).toBe('pending');
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requests.filter((r) => r.errcode === 42001)).toHaveLength(1);
  });

  it('forces a new token when the refused one (40001) is still the one handed back', async () => {
    const adapter = new WechatOaAdapter(channel());
    await adapter.send(context().ctx);
    fake.revokeTokens();
    expect((await adapter.send(context().ctx)).status).toBe('pending');
    expect(fake.requests.filter((r) => r.errcode === 40001)).toHaveLength(1);
    expect(fake.publishCount).toBe(2);
  });

  it('reports quota exhaustion (45009) as retryable at the next Beijing midnight, and a retry resumes without a second draft', async () => {
    const adapter = new WechatOaAdapter(channel());
    fake.failNext('freepublish/submit', 45009);
    const { ctx, next } = context();
    const e = await failure(adapter.send(ctx));
    expect(e.kind).toBe('retryable');
    expect(e.message).toContain('45009');
    expect(e.message).toContain('次日');
    // the quota resets at 00:00 Beijing time (16:00 UTC): not before, and within the next day
    const at = Date.parse(String(e.details.retryAt));
    const beijing = new Date(at + 8 * 3600 * 1000);
    expect(beijing.getUTCHours()).toBe(0);
    expect(beijing.getUTCMinutes()).toBeLessThan(10);
    expect(at - Date.now()).toBeGreaterThan(0);
    expect(at - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000 + 10 * 60 * 1000);
    expect(fake.draftCount).toBe(1);
    expect((await adapter.send(next())).status).toBe('pending');
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
  });

  it('forces a token refresh at most once in 30 s (WeChat would not refresh again), and the fake models the 20-a-day limit', async () => {
    const adapter = new WechatOaAdapter(channel());
    await adapter.send(context().ctx);
    // WeChat refuses the token while stable_token still hands it back: the only way out is a forced refresh
    fake.failNext('draft/add', 40001);
    expect((await adapter.send(context().ctx)).status).toBe('pending');
    expect(fake.forcedRefreshes).toBe(1);
    fake.failNext('draft/add', 40001);
    const e = await failure(adapter.send(context().ctx));
    expect(e.kind).toBe('retryable');
    expect(e.message).toContain('30 秒');
    expect(fake.forcedRefreshes).toBe(1);

    // the fake as WeChat: a forced call within 30 s answers the current token; the 21st of a day is refused
    const force = async () =>
      (await (await fetch(`${fake.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret, force_refresh: true }) })).json()) as Record<string, unknown>;
    const first = await force();
    expect(first.access_token).toEqual(expect.any(String));
    for (let i = 2; i <= 19; i++) expect((await force()).access_token).toBe(first.access_token);
    expect(await force()).toEqual(expect.objectContaining({ errcode: 45009 }));
  });

  it('stops forcing token refreshes after 20 in a Beijing day and waits for the next one', async () => {
    let clock = Date.UTC(2026, 11, 3, 16, 30); // 00:30 on 4 December, Beijing time
    const api = new WechatApi({ apiBase: fake.url, appId: APP.appId, appSecret: APP.appSecret, timeoutMs: 1000, allowPrivateNetwork: true }, () => clock);
    const refusedOnce = async () => {
      fake.failNext('freepublish/get', 40001);
      clock += 31_000;
      return failure(api.post('freepublish/get', '/cgi-bin/freepublish/get', { publish_id: 'none' }));
    };
    for (let i = 1; i <= 20; i++) expect((await refusedOnce()).details.errcode).toBe(53600); // refreshed, repeated, answered
    expect(fake.forcedRefreshes).toBe(20);
    const e = await refusedOnce();
    expect(e.kind).toBe('retryable');
    expect(e.message).toContain('20 次');
    expect(Date.parse(String(e.details.retryAt))).toBeGreaterThanOrEqual(Date.UTC(2026, 11, 4, 16, 0));
    expect(fake.forcedRefreshes).toBe(20);
  });

  it('treats HTTP 5xx/429/408 and errcode -1 on submit as unknown_outcome: WeChat may have published, and may publish a resubmit too', async () => {
    fake.refuseResubmit = false;
    const adapter = new WechatOaAdapter(channel());
    const answers: WechatBehaviour[] = [
      { kind: 'status', status: 502, after: true }, { kind: 'status', status: 429, after: true }, { kind: 'status', status: 408, after: true },
      { kind: 'errcode', errcode: -1, after: true },
    ];
    for (const [i, b] of answers.entries()) {
      fake.script('freepublish/submit', b);
      const e = await failure(adapter.send(context().ctx));
      expect(e.kind).toBe('unknown_outcome');
      expect(e.message).toContain('请在公众号后台核对');
      expect(fake.publishCount).toBe(i + 1);
    }
    // before submit nothing is public: a 5xx on draft/add is still retried
    fake.script('draft/add', { kind: 'status', status: 503 });
    expect((await failure(adapter.send(context().ctx))).kind).toBe('retryable');
  });

  it('never republishes by itself a publish that went out and was then deleted or banned (publish_status 5/6)', async () => {
    const adapter = new WechatOaAdapter(channel());
    const { ctx, saved, next } = context();
    await adapter.send(ctx);
    expect(await until(() => [...fake.publishes.values()][0]?.visibleStatus === 0)).toBe(true);
    await adapter.withdraw!(next());
    const e = await failure(adapter.send(next()));
    expect(e.kind).toBe('permanent');
    expect(e.message).toContain('已被用户删除');
    expect(e.message).toContain('不会自动重新发布');
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
    expect(saved.publishId).toEqual(expect.any(String));
  });

  it('refuses a content_source_url of 1 KB or more before any call, naming the field', async () => {
    const adapter = new WechatOaAdapter(channel({ contentSourceBaseUrl: `https://www.genhe.gov.cn/${'a'.repeat(1000)}/{id}` }));
    const e = await failure(adapter.send(context().ctx));
    expect(e).toEqual(expect.objectContaining({ kind: 'permanent', details: expect.objectContaining({ field: 'content_source_url' }) }));
    expect(fake.count('draft/add')).toBe(0);
  });

  it('fails permanently on 48001 with a reason a person can act on', async () => {
    fake.failNext('draft/add', 48001);
    const e = await failure(new WechatOaAdapter(channel()).send(context().ctx));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/接口未授权.*48001/);
  });

  it('fails permanently on freepublish/submit\'s own refusals (53503-53505), naming the reason, and forgets the refused draft', async () => {
    for (const [code, reason] of [[53503, /未通过发布检查/], [53504, /公众平台官网使用/], [53505, /手动保存成功后再发表/]] as const) {
      fake.failNext('freepublish/submit', code);
      const { ctx, saved } = context();
      const e = await failure(new WechatOaAdapter(channel()).send(ctx));
      expect(e.kind).toBe('permanent');
      expect(e.message).toMatch(reason);
      expect(e.message).toContain(String(code));
      expect(saved).toEqual(expect.objectContaining({ draftMediaId: null, submitStartedAt: null }));
    }
    expect(fake.publishes.size).toBe(0);
  });

  it('reads the PUBLISHJOBFINISH event as WeChat posts it (the documented success shape, whitespace and CDATA included)', () => {
    // developers.weixin.qq.com 发布草稿 → 发布结果的事件推送 (success example), and the shape developers reported
    // receiving (community thread on Callback_on_finish): Event PUBLISHJOBFINISH, not FREEPUBLISHJOBFINISH
    const xml = `<xml>
  <ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName>
  <FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName>
  <CreateTime>1481013459</CreateTime>
  <MsgType><![CDATA[event]]></MsgType>
  <Event><![CDATA[PUBLISHJOBFINISH]]></Event>
  <PublishEventInfo>
    <publish_id>2247503051</publish_id>
    <publish_status>0</publish_status>
    <article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4]]></article_id>
    <article_detail>
      <count>1</count>
      <item>
        <idx>1</idx>
        <article_url><![CDATA[ARTICLE_URL]]></article_url>
      </item>
    </article_detail>
  </PublishEventInfo>
</xml>`;
    expect(parsePublishEvent(xml)).toEqual({
      toUserName: 'gh_4d00ed8d6399', fromUserName: 'oV5CrjpxgaGXNHIQigzNlgLTnwic', createTime: 1481013459, msgType: 'event', event: 'PUBLISHJOBFINISH',
      publishId: '2247503051', publishStatus: 0, articleId: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4', articleUrls: ['ARTICLE_URL'], failIdx: [],
    });
    const failed = xml.replace('<publish_status>0</publish_status>', '<publish_status>4</publish_status>').replace(/<article_detail>[\s\S]*<\/article_detail>/, '<fail_idx>1</fail_idx><fail_idx>2</fail_idx>');
    expect(publishOutcome(parsePublishEvent(failed)!)).toEqual({ status: 'failed', error: expect.stringMatching(/平台审核不通过.*publish_status=4.*1、2/) });
  });

  it('refuses an inline image of exactly 1 MB before any call: uploadimg takes images below 1 MB, and so does the fake', async () => {
    const png = pngImage(4, 4);
    const oneMb = Buffer.concat([png, Buffer.alloc(1024 * 1024 - png.length)]);
    const body = `<p>图</p><img src="data:image/png;base64,${oneMb.toString('base64')}">`;
    const e = await failure(new WechatOaAdapter(channel()).send(context({ body }).ctx));
    expect(e).toEqual(expect.objectContaining({ kind: 'permanent', details: { field: 'body' } }));
    expect(e.message).toMatch(/须小于 1 MB/);
    expect(fake.drafts.size).toBe(0);
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(oneMb)], { type: 'image/png' }), 'one-mb.png');
    const token = await new WechatApi({ apiBase: fake.url, ...APP, timeoutMs: 1500, allowPrivateNetwork: true }).token();
    const res = await fetch(`${fake.url}/cgi-bin/media/uploadimg?access_token=${token}`, { method: 'POST', body: form });
    expect(await res.json()).toEqual(expect.objectContaining({ errcode: 40009 }));
  });

  it('fails permanently on bad credentials, naming the setting', async () => {
    const e = await failure(new WechatOaAdapter(channel({ appSecret: 'wrong' })).send(context().ctx));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/AppSecret.*40125/);
  });

  it('checks every limit before any call, naming the field', async () => {
    const adapter = new WechatOaAdapter(channel());
    const title = await failure(adapter.send(context({ title: '标'.repeat(33) }).ctx));
    expect(title).toEqual(expect.objectContaining({ kind: 'permanent', details: expect.objectContaining({ field: 'title', actual: 33, limit: 32 }) }));
    const content = await failure(adapter.send(context({ body: `<p>${'字'.repeat(20000)}</p>` }).ctx));
    expect(content.details.field).toBe('content');
    expect(content.message).toContain('20000');
    const author = await failure(new WechatOaAdapter(channel({ author: '作'.repeat(17) })).send(context().ctx));
    expect(author.details.field).toBe('author');
    expect(fake.requests).toHaveLength(0);
    expect(fake.tokenRequests).toBe(0);
  });

  it('cuts a long digest to 128 characters', async () => {
    await new WechatOaAdapter(channel()).send(context({ body: `<p>${'摘'.repeat(500)}</p>` }).ctx);
    const [draft] = fake.drafts.values();
    expect(Array.from(String(draft.articles[0].digest))).toHaveLength(128);
  });

  it('uploads inline images through uploadimg and points their src at WeChat', async () => {
    const img = pngImage(3, 3, [0, 0, 255]);
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(img));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      const body = `<p>图一</p><img src="http://127.0.0.1:${port}/a.png?x=1&y=2"><img src="data:image/png;base64,${pngImage(2, 2).toString('base64')}">`;
      await new WechatOaAdapter(channel()).send(context({ body }).ctx);
      const [draft] = fake.drafts.values();
      expect(fake.inlineImages.size).toBe(2);
      expect(draft.foreignImages).toBe(0);
      expect(String(draft.articles[0].content)).toContain(`${fake.url}/mmbiz_img/`);
    } finally {
      server.close();
    }
  });

  it('refuses an inline image WeChat cannot take (not JPG/PNG), before adding a draft', async () => {
    const gif = Buffer.from('GIF89a....').toString('base64');
    const e = await failure(new WechatOaAdapter(channel()).send(context({ body: `<p>x</p><img src="data:image/gif;base64,${gif}">` }).ctx));
    expect(e.kind).toBe('permanent');
    expect(e.message).toContain('JPG/PNG');
    expect(fake.draftCount).toBe(0);
  });

  it('resumes at submit when the attempt died right after saving the draft', async () => {
    const adapter = new WechatOaAdapter(channel());
    const { ctx, saved, next } = context();
    // the worker "dies" the moment the draft's media_id is safely stored
    const dying: DeliveryContext = {
      ...ctx,
      saveState: async (patch) => {
        await ctx.saveState(patch);
        if ('draftMediaId' in patch) throw new Error('worker killed');
      },
    };
    await expect(adapter.send(dying)).rejects.toThrow('worker killed');
    expect(saved.draftMediaId).toEqual(expect.any(String));
    expect(fake.publishCount).toBe(0);

    const out = await new WechatOaAdapter(channel()).send(next());
    expect(out.status).toBe('pending');
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
    expect(fake.count('draft/add')).toBe(1);
  });

  it('after a worker killed between draft/add and submit, the interrupted attempt submits the saved draft', async () => {
    const adapter = new WechatOaAdapter(channel());
    const { ctx, saved, next } = context();
    const killed: DeliveryContext = {
      ...ctx,
      saveState: async (patch) => {
        if ('submitStartedAt' in patch) throw new Error('worker killed');
        await ctx.saveState(patch);
      },
    };
    await expect(adapter.send(killed)).rejects.toThrow('worker killed');
    expect(saved.submitStartedAt).toBeUndefined();
    expect((await new WechatOaAdapter(channel()).send(next(true))).status).toBe('pending');
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
  });

  it('after a worker killed while submitting, reports unknown_outcome and sends nothing', async () => {
    const { ctx, saved, next } = context();
    const killed: DeliveryContext = {
      ...ctx,
      saveState: async (patch) => {
        await ctx.saveState(patch);
        if ('submitStartedAt' in patch) throw new Error('worker killed');
      },
    };
    await expect(new WechatOaAdapter(channel()).send(killed)).rejects.toThrow('worker killed');
    const before = fake.requests.length;
    const e = await failure(new WechatOaAdapter(channel()).send(next(true)));
    expect(e.kind).toBe('unknown_outcome');
    expect(e.message).toContain('公众号后台核对');
    expect(fake.requests.length).toBe(before);
    expect(saved.draftMediaId).toEqual(expect.any(String));
    // a person who checked the account and found nothing retries deliberately (not interrupted): one publish
    expect((await new WechatOaAdapter(channel()).send(next(false))).status).toBe('pending');
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
  });

  it('after a worker killed once submit was answered, reports the publish job instead of submitting again', async () => {
    const { ctx, next } = context();
    await new WechatOaAdapter(channel()).send(ctx);
    fake.publishDelayMs = 10_000;
    const out = await new WechatOaAdapter(channel()).send(next(true));
    expect(out.status).toBe('pending');
    expect(fake.publishCount).toBe(1);
    expect(fake.count('freepublish/get')).toBe(1);
  });

  it('reports a submit whose answer was lost as unknown_outcome; a retry finds the draft gone and says so', async () => {
    const adapter = new WechatOaAdapter(channel());
    fake.script('freepublish/submit', { kind: 'hang', ms: 3000, after: true });
    const { ctx, saved, next } = context();
    const e = await failure(adapter.send(ctx));
    expect(e.kind).toBe('unknown_outcome');
    expect(e.message).toContain('超时');
    expect(fake.publishCount).toBe(1);
    // a person retries: the draft was consumed by the lost submit, so nothing is published twice
    const again = await failure(adapter.send(next()));
    expect(again.kind).toBe('unknown_outcome');
    expect(fake.publishCount).toBe(1);
    expect(saved.draftMediaId).toBeNull();
  });

  it('reports a connection dropped after WeChat accepted the submit as unknown_outcome', async () => {
    fake.script('freepublish/submit', { kind: 'drop' });
    const e = await failure(new WechatOaAdapter(channel()).send(context().ctx));
    expect(e.kind).toBe('unknown_outcome');
    expect(fake.publishCount).toBe(1);
  });

  it('retries a timeout on draft/add (a draft is not public)', async () => {
    fake.script('draft/add', { kind: 'hang', ms: 3000 });
    const e = await failure(new WechatOaAdapter(channel()).send(context().ctx));
    expect(e.kind).toBe('retryable');
  });

  it('treats a 5xx from the gateway as retryable', async () => {
    fake.script('draft/add', { kind: 'status', status: 502 });
    const e = await failure(new WechatOaAdapter(channel()).send(context().ctx));
    expect(e).toEqual(expect.objectContaining({ kind: 'retryable', message: expect.stringContaining('HTTP 502') }));
  });

  it('turns malformed answers into clear errors', async () => {
    const adapter = new WechatOaAdapter(channel());
    fake.script('stable_token', { kind: 'raw', body: '<html>维护中</html>' });
    const token = await failure(adapter.send(context().ctx));
    expect(token).toEqual(expect.objectContaining({ kind: 'retryable', message: expect.stringMatching(/stable_token.*不是 JSON/) }));

    fake.script('freepublish/submit', { kind: 'raw', body: 'oops', after: true });
    const submit = await failure(adapter.send(context().ctx));
    expect(submit.kind).toBe('unknown_outcome');
    expect(submit.message).toMatch(/freepublish\/submit.*不是 JSON/);
  });

  it('names a missing field in an otherwise valid answer', async () => {
    const server = http.createServer((req, res) => {
      const answer = req.url!.startsWith('/cgi-bin/stable_token') ? { access_token: 'T', expires_in: 7200 } : req.url!.includes('add_material') ? { media_id: 'M' } : { errcode: 0 };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const e = await failure(new WechatOaAdapter(channel({ apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })).send(context().ctx));
      expect(e.message).toMatch(/draft\/add 的应答缺少 media_id/);
    } finally {
      server.close();
    }
  });

  it('polls: publishing → pending, then delivered with the article URL', async () => {
    fake.publishDelayMs = 300;
    const adapter = new WechatOaAdapter(channel());
    const { ctx, next } = context();
    await adapter.send(ctx);
    expect(await adapter.poll(next())).toEqual({ status: 'pending' });
    const [p] = fake.publishes.values();
    await until(() => p.visibleStatus === 0);
    expect(await adapter.poll(next())).toEqual({ status: 'delivered', remoteId: p.articleId, remoteUrl: p.articleUrl });
  });

  it('polls a rejected publish as failed with the reason in Chinese', async () => {
    fake.nextPublishStatus(4);
    const adapter = new WechatOaAdapter(channel());
    const { ctx, next } = context();
    await adapter.send(ctx);
    await until(() => [...fake.publishes.values()][0].visibleStatus === 4);
    expect(await adapter.poll(next())).toEqual({ status: 'failed', error: expect.stringContaining('平台审核不通过') });
    // a retry after the rejection publishes anew rather than reporting the old job again
    expect((await adapter.send(next())).status).toBe('pending');
    expect(fake.publishCount).toBe(2);
  });

  it('withdraws through freepublish/delete', async () => {
    const adapter = new WechatOaAdapter(channel());
    const { ctx, next } = context();
    await adapter.send(ctx);
    const [p] = fake.publishes.values();
    await until(() => p.visibleStatus === 0);
    await adapter.withdraw!({ ...next(), delivery: { ...next().delivery, operation: 'withdraw', remoteId: p.articleId } });
    expect(p.deleted).toBe(true);
    // a withdraw that only knows the publish_id looks the article up first
    const second = context();
    await adapter.send(second.ctx);
    const p2 = [...fake.publishes.values()][1];
    await until(() => p2.visibleStatus === 0);
    await adapter.withdraw!(second.next());
    expect(p2.deleted).toBe(true);
  });

  it('posts the signed PUBLISHJOBFINISH XML to the callback URL', async () => {
    const received: { url: string; body: string }[] = [];
    const server = http.createServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += c;
      received.push({ url: req.url!, body });
      res.end('success');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    fake.callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    fake.callbackToken = 'cbtoken123';
    try {
      const adapter = new WechatOaAdapter(channel());
      await adapter.send(context().ctx);
      expect(await until(() => received.length === 1)).toBe(true);
      const q = new URL(received[0].url, 'http://x').searchParams;
      expect(adapter.verifyCallback(q.get('timestamp')!, q.get('nonce')!, q.get('signature')!)).toBe(true);
      expect(adapter.verifyCallback(q.get('timestamp')!, q.get('nonce')!, callbackSignature('other', q.get('timestamp')!, q.get('nonce')!))).toBe(false);
      const event = parsePublishEvent(received[0].body)!;
      const [p] = fake.publishes.values();
      expect(event).toEqual(expect.objectContaining({ msgType: 'event', event: 'PUBLISHJOBFINISH', publishId: p.publishId, publishStatus: 0, articleId: p.articleId, articleUrls: [p.articleUrl] }));
      expect(publishOutcome(event)).toEqual({ status: 'delivered', remoteId: p.articleId, remoteUrl: p.articleUrl });
    } finally {
      server.close();
    }
  });

  it('reports configuration problems naming the setting', () => {
    const problems = new WechatOaAdapter(channel({ apiBase: 'ftp://x', appSecret: '', coverImage: path.join(dir, 'missing.png'), callbackToken: 'bad token!' })).checkConfig();
    expect(problems.join('\n')).toMatch(/settings\.apiBase/);
    expect(problems.join('\n')).toMatch(/settings\.appSecret/);
    expect(problems.join('\n')).toMatch(/settings\.coverImage: file .* does not exist/);
    expect(problems.join('\n')).toMatch(/settings\.callbackToken/);
  });
});
