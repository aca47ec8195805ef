import * as fs from 'node:fs';
import * as path from 'node:path';
import { callbackSignature, pngImage, WechatOaFake } from '../../libs/channels/src/index.js';
import { Queue } from 'bullmq';
import { channelQueue, redisOptions } from '../../libs/dispatch/src/index.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-0123456789abcdef0123456789' };
const CALLBACK_TOKEN = 'cbToken2026';

/**
 * 微信公众号 through the real pipeline: API → outbox → queue → worker → WeChat fake (token, cover, draft, submit)
 * → PUBLISHJOBFINISH posted back to the API's callback endpoint, or found by the worker's poller.
 */
describe('wechat_oa channel end to end', () => {
  let s: Stack;
  let admin: string;
  let fake: WechatOaFake;

  beforeAll(async () => {
    fake = await new WechatOaFake({ ...APP, publishDelayMs: 300 }).listen();
    const cover = path.join(fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'wechat-')), 'cover.png');
    fs.writeFileSync(cover, pngImage(90, 38));
    s = await startStack({
      channels: () => `channels:
  - name: wechat-oa
    type: wechat_oa
    label: 微信公众号
    carriers: [new_media]
    settings:
      apiBase: ${fake.url}
      appId: ${APP.appId}
      appSecret: \${TEST_WECHAT_SECRET}
      callbackToken: ${CALLBACK_TOKEN}
      coverImage: ${cover}
      contentSourceBaseUrl: https://www.genhe.gov.cn/gk/{id}
      timeoutMs: 1500
      allowPrivateNetwork: true
    queue: { attempts: 3, backoffMs: 100 }
`,
      env: { TEST_WECHAT_SECRET: APP.appSecret, POLL_INTERVAL_MS: '1000' },
    });
    admin = await s.token();
    fake.callbackUrl = `${s.url.replace('[::1]', '127.0.0.1')}/api/callbacks/wechat/wechat-oa`;
    fake.callbackToken = CALLBACK_TOKEN;
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  const publish = async (extra: Record<string, unknown> = {}) => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-01', { title: '根河市政务服务工作动态', ...extra }) });
    expect(r.status).toBe(201);
    return r.body as { id: string; deliveries: { id: string; channel: string }[] };
  };
  const delivery = async (disclosureId: string) => {
    const d = (await s.call('GET', `/api/disclosures/${disclosureId}`, { token: admin })).body;
    return d.deliveries.find((x: { channel: string }) => x.channel === 'wechat-oa');
  };
  const settled = (disclosureId: string, statuses = ['delivered', 'failed', 'unconfirmed']) =>
    eventually(async () => {
      const x = await delivery(disclosureId);
      return x && statuses.includes(x.status) ? x : undefined;
    }, 30000);
  const remoteResult = async (deliveryId: string) =>
    (await s.db.query(`SELECT actor, outcome FROM audit_log WHERE delivery_id = $1 AND action = 'delivery.remote_result'`, [deliveryId])).rows;

  it('publishes draft → submit, and the PUBLISHJOBFINISH callback settles the delivery with the article URL', async () => {
    const drafts = fake.draftCount;
    const d = await publish({ metadata: { indexNo: 'GH-2026-0099', docNo: '根政数发〔2026〕9号', writtenAt: '2026-11-20' } });
    const x = await settled(d.id);
    const p = [...fake.publishes.values()].at(-1)!;
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 1, remoteId: p.articleId, remoteUrl: p.articleUrl }));
    expect(fake.draftCount).toBe(drafts + 1);
    const article = fake.drafts.get(p.mediaId)!.articles[0];
    expect(article.content).toContain('<p>索引号：GH-2026-0099</p>');
    expect(article.content_source_url).toBe(`https://www.genhe.gov.cn/gk/${d.id}`);
    expect(fake.callbacks.filter((c) => c.publishId === p.publishId)).toEqual([expect.objectContaining({ status: 200, answer: 'success' })]);
    expect(await remoteResult(x.id)).toEqual([{ actor: 'callback:wechat', outcome: 'delivered' }]);
    const [row] = (await s.db.query(`SELECT state FROM deliveries WHERE id = $1`, [x.id])).rows;
    expect(row.state).toEqual(expect.objectContaining({ draftMediaId: p.mediaId, publishId: p.publishId, thumbMediaId: expect.any(String) }));
  });

  it('answers WeChat URL verification, and refuses unsigned or malformed callbacks naming the field', async () => {
    const check = await fake.verifyCallbackUrl();
    expect(check).toEqual(expect.objectContaining({ status: 200, body: check.echostr }));

    const ts = String(Math.floor(Date.now() / 1000));
    const good = callbackSignature(CALLBACK_TOKEN, ts, 'n1');
    const bad = await s.call('GET', `/api/callbacks/wechat/wechat-oa?signature=${callbackSignature('wrong', ts, 'n1')}&timestamp=${ts}&nonce=n1&echostr=x`);
    expect(bad).toEqual(expect.objectContaining({ status: 401, body: expect.objectContaining({ field: 'signature' }) }));
    const noNonce = await s.call('GET', `/api/callbacks/wechat/wechat-oa?signature=${good}&timestamp=${ts}`);
    expect(noNonce.status).toBe(400);
    expect(JSON.stringify(noNonce.body)).toContain('nonce');
    const unknown = await s.call('GET', `/api/callbacks/wechat/nope?signature=${good}&timestamp=${ts}&nonce=n1&echostr=x`);
    expect(unknown).toEqual(expect.objectContaining({ status: 404, body: expect.objectContaining({ field: 'channel' }) }));

    const post = (body: string) =>
      s.call('POST', `/api/callbacks/wechat/wechat-oa?signature=${good}&timestamp=${ts}&nonce=n1`, { raw: body, headers: { 'content-type': 'text/xml' } });
    expect(await post('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>')).toEqual(expect.objectContaining({ status: 400, body: expect.objectContaining({ field: 'encrypt_type' }) }));
    expect(await post('not xml')).toEqual(expect.objectContaining({ status: 400, body: expect.objectContaining({ field: 'body' }) }));
    // events that are not ours are acknowledged so WeChat stops re-sending them
    const other = await post('<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>');
    expect(other).toEqual(expect.objectContaining({ status: 200, body: 'success' }));
  });

  it('fails the delivery with the reason in Chinese when WeChat rejects the publish', async () => {
    fake.nextPublishStatus(4);
    const d = await publish();
    const x = await settled(d.id);
    expect(x.status).toBe('failed');
    expect(x.lastError).toContain('平台审核不通过');
    expect(await remoteResult(x.id)).toEqual([{ actor: 'callback:wechat', outcome: 'failed' }]);
  });

  it('settles through polling when the callback is lost', async () => {
    fake.dropCallbacks = true;
    try {
      const d = await publish();
      const x = await settled(d.id);
      const p = [...fake.publishes.values()].at(-1)!;
      expect(x).toEqual(expect.objectContaining({ status: 'delivered', remoteUrl: p.articleUrl }));
      expect(await remoteResult(x.id)).toEqual([{ actor: 'system:poller', outcome: 'delivered' }]);
    } finally {
      fake.dropCallbacks = false;
    }
  });

  it('after the daily quota (45009) waits for the next Beijing day without spending attempts, then delivers', async () => {
    fake.failNext('draft/add', 45009);
    const d = await publish();
    const x = await eventually(async () => {
      const y = await delivery(d.id);
      return y?.status === 'queued' && y.lastError ? y : undefined;
    });
    expect(x.lastError).toContain('次日');
    const connection = redisOptions(s.redisUrl);
    const queue = new Queue(channelQueue('wechat-oa'), { connection, prefix: s.env.QUEUE_PREFIX });
    try {
      const job = await eventually(async () => {
        const j = await queue.getJob(x.id);
        return j && (await j.getState()) === 'delayed' ? j : undefined;
      });
      expect(job!.attemptsMade).toBe(0);
      const wakes = job!.timestamp + job!.delay;
      expect(new Date(wakes + 8 * 3600 * 1000).getUTCHours()).toBe(0);
      expect(wakes).toBeGreaterThan(Date.now());
      // the quota is back (as after midnight): the job runs now and delivers with its next attempt
      await job!.promote();
    } finally {
      await queue.close();
    }
    expect(await settled(d.id)).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2 }));
  });

  it('refreshes an expired token once and delivers', async () => {
    const before = fake.tokenRequests;
    fake.expireTokens();
    const d = await publish();
    expect((await settled(d.id)).status).toBe('delivered');
    expect(fake.tokenRequests).toBe(before + 1);
  });

  it('resumes at submit after an attempt failed between the two steps: one draft, one publish', async () => {
    const [drafts, publishes] = [fake.draftCount, fake.publishCount];
    fake.failNext('freepublish/submit', 45011); // 调用过于频繁 after the draft was added: refused, so safe to resubmit
    const d = await publish();
    const x = await settled(d.id);
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2 }));
    expect(fake.draftCount).toBe(drafts + 1);
    expect(fake.publishCount).toBe(publishes + 1);
  });

  it('fails at once when the API is not authorised (48001), saying why', async () => {
    fake.failNext('draft/add', 48001);
    const d = await publish();
    const x = await settled(d.id);
    expect(x).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(x.lastError).toMatch(/接口未授权.*48001/);
  });

  it('fails a title over 32 characters before calling WeChat, naming the field', async () => {
    const calls = fake.requests.length;
    const d = await publish({ title: '关'.repeat(33) });
    const x = await settled(d.id);
    expect(x).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(x.lastError).toContain('title');
    expect(fake.requests.length).toBe(calls);
  });

  it('marks a submit answered by a gateway 502 or errcode -1 unconfirmed and does not resubmit', async () => {
    const publishes = fake.publishCount;
    fake.refuseResubmit = false;
    try {
      fake.script('freepublish/submit', { kind: 'status', status: 502, after: true });
      const a = await settled((await publish()).id);
      fake.failNext('freepublish/submit', -1);
      const b = await settled((await publish()).id);
      for (const x of [a, b]) expect(x).toEqual(expect.objectContaining({ status: 'unconfirmed', attempts: 1 }));
      expect(a.lastError).toContain('HTTP 502');
      expect(b.lastError).toContain('-1');
      // the 502 hid a publish; the -1 came before one (the fake refused with it): no resubmit either way
      expect(fake.publishCount).toBe(publishes + 1);
    } finally {
      fake.refuseResubmit = true;
    }
  });

  it('marks a submit timeout unconfirmed; a retry from the API publishes the saved draft once', async () => {
    const [drafts, publishes] = [fake.draftCount, fake.publishCount];
    fake.script('freepublish/submit', { kind: 'hang', ms: 4000 });
    const d = await publish();
    const x = await settled(d.id);
    expect(x.status).toBe('unconfirmed');
    expect(x.lastError).toContain('超时');
    const retry = await s.call('POST', `/api/deliveries/${x.id}/retry`, { token: admin });
    expect(retry.status).toBe(202);
    const after = await eventually(async () => {
      const y = await delivery(d.id);
      return y.status === 'delivered' ? y : undefined;
    }, 30000);
    expect(after.status).toBe('delivered');
    expect(fake.draftCount).toBe(drafts + 1);
    expect(fake.publishCount).toBe(publishes + 1);
  });

  it('withdraws with freepublish/delete; an update becomes a manual follow-up (WeChat cannot edit)', async () => {
    const d = await publish();
    const x = await settled(d.id);
    expect(x.status).toBe('delivered');
    const p = [...fake.publishes.values()].find((y) => y.articleId === x.remoteId)!;

    await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { body: '更正后的正文。' } });
    const task = await eventually(async () => {
      const all = (await s.call('GET', `/api/disclosures/${d.id}`, { token: admin })).body.deliveries;
      return all.find((t: { followUpOf: string; purpose: string }) => t.followUpOf === x.id && t.purpose === 'update');
    });
    expect(task).toEqual(expect.objectContaining({ channel: 'manual', status: 'awaiting_confirmation' }));

    const w = await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '信息有误，撤回' } });
    expect(w.status).toBeLessThan(300);
    const gone = await eventually(async () => ((await delivery(d.id)).status === 'withdrawn' ? true : undefined));
    expect(gone).toBe(true);
    expect(p.deleted).toBe(true);
  });
  it('takes the article down once WeChat finishes a publish that was withdrawn while it was still publishing', async () => {
    const hold = fake.holdNextPublish();
    const d = await publish({ title: '发布中撤回的动态' });
    const p = await hold.submitted;
    // the worker has handed the job to WeChat and waits for PUBLISHJOBFINISH (the poller sees 1, publishing)
    const waiting = await eventually(async () => {
      const { rows: [r] } = await s.db.query(`SELECT status, awaiting_remote FROM deliveries WHERE disclosure_id = $1 AND channel = 'wechat-oa'`, [d.id]);
      return r?.awaiting_remote ? r : undefined;
    });
    expect(waiting.status).toBe('in_progress');
    const w = await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '发布中发现有误' } });
    expect(w.status).toBeLessThan(300);

    await hold.release();
    const x = await settled(d.id, ['withdrawn', 'failed']);
    expect(x.status).toBe('withdrawn');
    expect(p.deleted).toBe(true);
    expect(fake.count('freepublish/delete')).toBeGreaterThan(0);
    const { rows } = await s.db.query(`SELECT action, outcome FROM audit_log WHERE delivery_id = $1 AND action IN ('delivery.remote_result','delivery.attempt') ORDER BY id`, [x.id]);
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(['delivery.attempt:pending', 'delivery.remote_result:delivered', 'delivery.attempt:withdrawn']);
  });

  it('gives a person the update made while WeChat was still publishing, once the old text is up (WeChat cannot edit)', async () => {
    const hold = fake.holdNextPublish();
    const d = await publish({ title: '发布中更正的动态' });
    await hold.submitted;
    await eventually(async () => (await s.db.query(`SELECT 1 FROM deliveries WHERE disclosure_id = $1 AND channel = 'wechat-oa' AND awaiting_remote`, [d.id])).rowCount);
    const u = await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { body: '更正后的正文。' } });
    expect(u.status).toBe(200);
    // nothing was delivered yet, so the update itself made no task
    expect(u.body.deliveries.filter((t: { purpose: string }) => t.purpose === 'update')).toEqual([]);

    await hold.release();
    const x = await settled(d.id);
    expect(x.status).toBe('delivered');
    const task = await eventually(async () => {
      const all = (await s.call('GET', `/api/disclosures/${d.id}`, { token: admin })).body.deliveries;
      return all.find((t: { followUpOf: string; purpose: string }) => t.followUpOf === x.id && t.purpose === 'update');
    });
    expect(task).toEqual(expect.objectContaining({ channel: 'manual', status: 'awaiting_confirmation' }));
  });
});
