import {
  AliyunSmsFake, SmsAdapter, TencentSmsFake, type ChannelConfig, type DeliveryContext,
} from '../../libs/channels/src/index.js';
import { AliyunSmsGateway } from '../../libs/channels/src/sms/aliyun.gateway.js';
import { TencentSmsGateway } from '../../libs/channels/src/sms/tencent.gateway.js';
import { TC3_CONTENT_TYPE, tc3Signature } from '../../libs/channels/src/sms/tencent.signature.js';
import { PushAbort, type PushFanout, type Recipient, type RecipientResult } from '../../libs/subscribers/src/index.js';
import { freePort } from '../support/ports.js';
import { publishBody, startStack, type Stack } from '../support/stack.js';
import { deliveryWhen, recipientCounts, seedSubscribers, settled } from './push-fixtures.js';

const ALIYUN_KEYS = { LTAItestkey: 'aliyun-secret-0123' };
const TENCENT_KEYS = { AKIDtestsecretid: 'tencent-secret-0123' };
const SDK_APP = '1400000001';
const TEXT = '{office}发布了《{title}》，详见政府网站。';
const INTL_TEXT = '{office}发布《{title}》，请访问政府网站查看。';
/** a mainland batch with two foreign subscribers in it (Hong Kong, Singapore) */
const mixed = (): Recipient[] => [
  ...numbers(3, 13800000000),
  { subscriberId: 90, address: '+85291234567', unsubscribeToken: 'unused-token-000000000000' },
  { subscriberId: 91, address: '+6581234567', unsubscribeToken: 'unused-token-000000000000' },
];

function fakes() {
  const aliyun = new AliyunSmsFake(ALIYUN_KEYS).sign('根河政务').template('SMS_001', '${office}发布了《${title}》，详见政府网站。')
    .template('SMS_INTL_01', '${office}发布《${title}》，请访问政府网站查看。', 'international');
  const tencent = new TencentSmsFake(TENCENT_KEYS, SDK_APP).sign('根河政务').template('100001', '{1}发布了《{2}》，详见政府网站。')
    .template('200001', '{1}发布《{2}》，请访问政府网站查看。', 'international');
  return { aliyun, tencent };
}

function channel(provider: 'aliyun' | 'tencent', endpoint: string, extra: Record<string, unknown> = {}): ChannelConfig {
  const keys = provider === 'aliyun'
    ? { accessKeyId: 'LTAItestkey', accessKeySecret: 'aliyun-secret-0123', templateCode: 'SMS_001' }
    : { secretId: 'AKIDtestsecretid', secretKey: 'tencent-secret-0123', sdkAppId: SDK_APP, templateCode: '100001' };
  return {
    name: `sms-${provider}`, type: 'sms', label: provider, carriers: ['targeted_push'], queue: { concurrency: 2, attempts: 3, backoffMs: 50 },
    settings: { provider, endpoint, signName: '根河政务', templateText: TEXT, timeoutMs: 800, allowPrivateNetwork: true, ...keys, ...extra },
  };
}

const ctx = {
  delivery: { id: '00000000-0000-4000-8000-00000000000a', carrier: 'targeted_push', channel: 'sms', attempt: 1, operation: 'publish', interrupted: false, remoteId: null, remoteUrl: null, state: {} },
  disclosure: {
    id: 'd1', title: '关于2026年度规范性文件清理结果的公告', body: '', metadata: {}, generatedAt: '2026-11-24T00:00:00Z', dueAt: null, revision: 1,
    catalogueCode: 'genhe-zwfw', itemId: '01-01', itemPath: ['履职依据'], publisher: '根河市政务服务与数据管理局', office: '办公室', departmentCode: 'genhe-zwfw',
  },
  saveState: async () => undefined,
} as DeliveryContext;

const numbers = (n: number, base = 13900000000): Recipient[] =>
  Array.from({ length: n }, (_, i) => ({ subscriberId: i + 1, address: `+86${base + i + 1}`, unsubscribeToken: 'unused-token-000000000000' }));
const statuses = (rs: RecipientResult[]) => [...new Set(rs.map((r) => r.status))];
const abortOf = async (p: Promise<unknown>): Promise<PushAbort> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof PushAbort) return err;
    throw err;
  }
  throw new Error('expected PushAbort');
};

describe('Aliyun SendSms against its fake', () => {
  const { aliyun } = fakes();
  let adapter: SmsAdapter;
  beforeAll(async () => {
    await aliyun.listen();
    adapter = new SmsAdapter(channel('aliyun', aliyun.url), {} as PushFanout);
    expect(adapter.checkConfig()).toEqual([]);
  });
  afterAll(() => aliyun.close());

  it('sends one signed request for the batch; every number gets the SMS once', async () => {
    const rs = await adapter.sendChunk(ctx, numbers(3));
    expect(rs).toEqual(numbers(3).map((r) => expect.objectContaining({ subscriberId: r.subscriberId, status: 'sent', parts: 1, remoteId: expect.stringMatching(/\^FAKE-/) })));
    expect(aliyun.requests.at(-1)).toEqual(expect.objectContaining({ signatureValid: true, answered: 'OK', numbers: ['13900000001', '13900000002', '13900000003'] }));
    expect(aliyun.to('+8613900000001')).toEqual([expect.objectContaining({ text: adapter.message(ctx).text, parts: 1 })]);
    expect(adapter.message(ctx).chars).toBeLessThanOrEqual(70);
  });

  it('is refused with a wrong secret (the fake checks the HMAC-SHA1 signature) and stops the delivery', async () => {
    const wrong = new SmsAdapter(channel('aliyun', aliyun.url, { accessKeySecret: 'not-the-secret' }), {} as PushFanout);
    const e = await abortOf(wrong.sendChunk(ctx, numbers(2)));
    expect(e.message).toMatch(/^aliyun SignatureDoesNotMatch/);
    expect(e.results.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(aliyun.requests.at(-1)!.signatureValid).toBe(false);
  });

  it('retries a throttled request (Throttling.User) and isp.SYSTEM_ERROR', async () => {
    aliyun.script({ kind: 'code', code: 'Throttling.User' }, { kind: 'code', code: 'isp.SYSTEM_ERROR' });
    expect(statuses(await adapter.sendChunk(ctx, numbers(2, 13910000000)))).toEqual(['retry']);
    expect(statuses(await adapter.sendChunk(ctx, numbers(2, 13910000000)))).toEqual(['retry']);
    expect(aliyun.to('+8613910000001')).toHaveLength(0);
  });

  it('fails a per-number daily limit (isv.BUSINESS_LIMIT_CONTROL) for today instead of retrying it within minutes', async () => {
    aliyun.script({ kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL' });
    const rs = await adapter.sendChunk(ctx, numbers(2, 13911000000));
    expect(rs.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(rs[0].status === 'failed' && rs[0].error).toMatch(/per-number daily limit: retry tomorrow/);
  });

  it('stops the whole send once on account-wide refusals (daily/monthly volume, sign state or scene, content)', async () => {
    for (const code of ['isv.DAY_LIMIT_CONTROL', 'isv.MONTH_LIMIT_CONTROL', 'isv.SIGN_STATE_ILLEGAL', 'isv.SMS_SIGNATURE_SCENE_ILLEGAL', 'isv.SMS_CONTENT_ILLEGAL']) {
      aliyun.script({ kind: 'code', code });
      const e = await abortOf(adapter.sendChunk(ctx, numbers(2, 13912000000)));
      expect(e.message).toContain(code);
      expect(e.results.map((r) => r.status)).toEqual(['failed', 'failed']);
    }
  });

  it('sends mainland and foreign numbers of one chunk in separate requests, each with its region\'s template', async () => {
    const intl = new SmsAdapter(channel('aliyun', aliyun.url, { international: { templateCode: 'SMS_INTL_01', templateText: INTL_TEXT } }), {} as PushFanout);
    expect(intl.checkConfig()).toEqual([]);
    const before = aliyun.requests.length;
    const rs = await intl.sendChunk(ctx, mixed());
    expect(rs.map((r) => [r.subscriberId, r.status])).toEqual([[1, 'sent'], [2, 'sent'], [3, 'sent'], [90, 'sent'], [91, 'sent']]);
    expect(aliyun.requests.slice(before).map((q) => q.numbers)).toEqual([['13800000001', '13800000002', '13800000003'], ['85291234567', '6581234567']]);
    expect(aliyun.to('+85291234567')[0].text).toContain('请访问政府网站查看');
    // without an international template the foreign numbers alone fail, saying what to set; the mainland ones go out
    const rs2 = await adapter.sendChunk(ctx, mixed());
    expect(rs2.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'failed', 'failed']);
    expect(rs2[3].status === 'failed' && rs2[3].error).toContain('settings.international');
  });

  it('the fake refuses a foreign number under a mainland template, as Aliyun does (templates are approved per region)', async () => {
    const before = aliyun.requests.length;
    const direct = new SmsAdapter(channel('aliyun', aliyun.url), {} as PushFanout);
    // what the adapter sent before it split by region: the whole chunk under the mainland template
    const e = await abortOf(new AliyunSmsGateway(direct.settings).send(ctx, mixed(), direct.route(ctx, 'mainland')!));
    expect(e.message).toMatch(/isv\.SMS_TEMPLATE_ILLEGAL/);
    expect(aliyun.requests.slice(before).map((q) => q.answered)).toEqual(['isv.SMS_TEMPLATE_ILLEGAL']);
  });

  it('the fake refuses a mainland number under an international template with Aliyun\'s isv.DOMESTIC_NUMBER_NOT_SUPPORTED', async () => {
    const intl = new SmsAdapter(channel('aliyun', aliyun.url, { international: { templateCode: 'SMS_INTL_01', templateText: INTL_TEXT } }), {} as PushFanout);
    const rs = await new AliyunSmsGateway(intl.settings).send(ctx, numbers(1, 13913000000), intl.route(ctx, 'international')!);
    expect(rs).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/^aliyun isv\.DOMESTIC_NUMBER_NOT_SUPPORTED/) })]);
    expect(aliyun.to('+8613913000001')).toHaveLength(0);
  });

  it('retries a per-number minute or hour limit (isv.BUSINESS_LIMIT_CONTROL 触发分钟级/小时级流控); a day limit fails for today', async () => {
    aliyun.script(
      { kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' },
      { kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发小时级流控Permits:5' },
      { kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发天级流控Permits:10' },
    );
    expect(statuses(await adapter.sendChunk(ctx, numbers(2, 13914000000)))).toEqual(['retry']);
    expect(statuses(await adapter.sendChunk(ctx, numbers(2, 13914000000)))).toEqual(['retry']);
    expect(statuses(await adapter.sendChunk(ctx, numbers(2, 13914000000)))).toEqual(['failed']);
  });

  it('stops the whole delivery on an invalid template', async () => {
    const bad = new SmsAdapter(channel('aliyun', aliyun.url, { templateCode: 'SMS_UNKNOWN' }), {} as PushFanout);
    const e = await abortOf(bad.sendChunk(ctx, numbers(2)));
    expect(e.message).toMatch(/^aliyun isv\.SMS_TEMPLATE_ILLEGAL/);
  });

  it('fails a batch the gateway refuses for its numbers', async () => {
    const rs = await adapter.sendChunk(ctx, [{ subscriberId: 1, address: '+86123', unsubscribeToken: 'x'.repeat(24) }]);
    expect(rs).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/MOBILE_NUMBER_ILLEGAL/) })]);
  });

  it('marks numbers unknown after a timeout, a proxy 5xx or an unreadable answer, and never resends them', async () => {
    aliyun.script({ kind: 'hang', ms: 2000 });
    const hung = await adapter.sendChunk(ctx, numbers(2, 13920000000));
    expect(hung.map((r) => r.status)).toEqual(['unknown', 'unknown']);
    expect(hung[0].status === 'unknown' && hung[0].error).toMatch(/timed out/);
    expect(aliyun.to('+8613920000001')).toHaveLength(1); // the gateway did send it
    aliyun.script({ kind: 'status', status: 502 });
    expect(statuses(await adapter.sendChunk(ctx, numbers(1, 13930000000)))).toEqual(['unknown']);
    aliyun.script({ kind: 'malformed' });
    expect(statuses(await adapter.sendChunk(ctx, numbers(1, 13940000000)))).toEqual(['unknown']);
    expect(aliyun.to('+8613940000001')).toHaveLength(1);
    aliyun.script({ kind: 'status', status: 400, body: 'bad request' });
    expect(statuses(await adapter.sendChunk(ctx, numbers(1, 13950000000)))).toEqual(['failed']);
  });

  it('retries when the gateway cannot be reached at all (nothing was sent)', async () => {
    const down = new SmsAdapter(channel('aliyun', `http://127.0.0.1:${await freePort()}/`), {} as PushFanout);
    expect(statuses(await down.sendChunk(ctx, numbers(2)))).toEqual(['retry']);
  });

  it('names what is wrong with its settings', () => {
    const bad = new SmsAdapter({ ...channel('aliyun', 'not a url'), settings: { provider: 'aliyun', endpoint: 'nope', batchSize: 5000, templateText: '{nope}' } }, {} as PushFanout);
    const problems = bad.checkConfig().join('\n');
    for (const key of ['settings.endpoint', 'settings.accessKeyId', 'settings.accessKeySecret', 'settings.signName', 'settings.templateCode', '{nope}', 'settings.batchSize must be an integer from 1 to 1000']) {
      expect(problems).toContain(key);
    }
    expect(new SmsAdapter({ ...channel('aliyun', 'x'), settings: { provider: 'yunpian' } }, {} as PushFanout).checkConfig()).toEqual([
      'channel sms-aliyun: settings.provider must be aliyun or tencent',
    ]);
  });
});

describe('Tencent SendSms against its fake', () => {
  const { tencent } = fakes();
  let adapter: SmsAdapter;
  beforeAll(async () => {
    await tencent.listen();
    adapter = new SmsAdapter(channel('tencent', tencent.url), {} as PushFanout);
    expect(adapter.checkConfig()).toEqual([]);
  });
  afterAll(() => tencent.close());

  it('sends a TC3-signed request and records each number with its SerialNo and Fee', async () => {
    const rs = await adapter.sendChunk(ctx, numbers(2));
    expect(rs).toEqual([
      expect.objectContaining({ subscriberId: 1, status: 'sent', parts: 1, remoteId: expect.stringMatching(/:0$/) }),
      expect.objectContaining({ subscriberId: 2, status: 'sent', parts: 1, remoteId: expect.stringMatching(/:1$/) }),
    ]);
    expect(tencent.requests.at(-1)).toEqual(expect.objectContaining({ signatureValid: true, answered: 'Ok' }));
    expect(tencent.to('+8613900000001')[0].text).toBe(adapter.message(ctx).text);
  });

  it('fails only the number that hit its daily limit', async () => {
    tencent.numberCode('+8613960000002', 'LimitExceeded.PhoneNumberDailyLimit');
    const rs = await adapter.sendChunk(ctx, numbers(3, 13960000000));
    expect(rs.map((r) => r.status)).toEqual(['sent', 'failed', 'sent']);
    expect(rs[1].status === 'failed' && rs[1].error).toMatch(/LimitExceeded\.PhoneNumberDailyLimit/);
    tencent.numberCode('+8613960000002', null);
  });

  it('is refused with a wrong key, stops on an unapproved template, retries a rate limit, and treats InternalError as unknown', async () => {
    const wrong = new SmsAdapter(channel('tencent', tencent.url, { secretKey: 'wrong' }), {} as PushFanout);
    expect((await abortOf(wrong.sendChunk(ctx, numbers(1)))).message).toMatch(/^tencent AuthFailure\.SignatureFailure/);
    expect(tencent.requests.at(-1)!.signatureValid).toBe(false);
    const bad = new SmsAdapter(channel('tencent', tencent.url, { templateCode: '999999' }), {} as PushFanout);
    expect((await abortOf(bad.sendChunk(ctx, numbers(1)))).message).toMatch(/TemplateIncorrectOrUnapproved/);
    tencent.script({ kind: 'code', code: 'RequestLimitExceeded' }, { kind: 'code', code: 'InternalError.Timeout' });
    expect(statuses(await adapter.sendChunk(ctx, numbers(1)))).toEqual(['retry']);
    expect(statuses(await adapter.sendChunk(ctx, numbers(1)))).toEqual(['unknown']);
  });

  it('never mixes mainland and foreign numbers in one request (UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber)', async () => {
    const intl = new SmsAdapter(channel('tencent', tencent.url, { international: { templateCode: '200001', templateText: INTL_TEXT } }), {} as PushFanout);
    const before = tencent.requests.length;
    const rs = await intl.sendChunk(ctx, mixed());
    expect(rs.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(tencent.requests.slice(before).map((q) => [q.numbers.length, q.answered])).toEqual([[3, 'Ok'], [2, 'Ok']]);
    expect(tencent.to('+6581234567')).toHaveLength(1);
    // what the adapter sent before it split by region: Tencent (and its fake) refuses the whole request
    const all = await new TencentSmsGateway(intl.settings).send(ctx, mixed(), intl.route(ctx, 'mainland')!);
    expect(all.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(all[0].status === 'failed' && all[0].error).toMatch(/UnsupportedOperation\.ContainDomesticAndInternationalPhoneNumber/);
    expect(tencent.to('+8613800000001')).toHaveLength(1);
  });

  it('stops the send once on the app\'s daily limit (LimitExceeded.AppDailyLimit …) instead of retrying it within minutes', async () => {
    for (const code of ['LimitExceeded.AppDailyLimit', 'LimitExceeded.AppMainlandChinaDailyLimit']) {
      tencent.script({ kind: 'code', code });
      const e = await abortOf(adapter.sendChunk(ctx, numbers(2, 13976000000)));
      expect(e.message).toContain(code);
      expect(e.results.map((r) => r.status)).toEqual(['failed', 'failed']);
    }
    expect(tencent.to('+8613976000001')).toHaveLength(0);
  });

  it('the fake takes a request signed the way Tencent\'s SDKs sign it (SignedHeaders content-type;host)', async () => {
    const payload = JSON.stringify({ PhoneNumberSet: ['+8613977000001'], SmsSdkAppId: SDK_APP, TemplateId: '100001', SignName: '根河政务', TemplateParamSet: ['办公室', '通知'] });
    const host = new URL(tencent.url).host;
    const timestamp = Math.floor(Date.now() / 1000);
    const { authorization } = tc3Signature({
      secretId: 'AKIDtestsecretid', secretKey: TENCENT_KEYS.AKIDtestsecretid, service: 'sms', host, action: 'SendSms', timestamp, payload, signedHeaders: ['content-type', 'host'],
    });
    const res = await fetch(tencent.url, {
      method: 'POST', body: payload,
      headers: { Authorization: authorization, 'Content-Type': TC3_CONTENT_TYPE, 'X-TC-Action': 'SendSms', 'X-TC-Timestamp': String(timestamp), 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou' },
    });
    const body = (await res.json()) as { Response: { SendStatusSet?: { Code: string }[]; Error?: unknown } };
    expect(body.Response.Error).toBeUndefined();
    expect(body.Response.SendStatusSet?.map((x) => x.Code)).toEqual(['Ok']);
    expect(tencent.requests.at(-1)!.signatureValid).toBe(true);
  });

  it('treats signature and endpoint errors Tencent names InternalError as refusals before sending: the send stops once', async () => {
    for (const code of ['InternalError.SigVerificationFail', 'InternalError.SigFieldMissing', 'InternalError.RestApiInterfaceNotExist']) {
      tencent.script({ kind: 'code', code });
      const e = await abortOf(adapter.sendChunk(ctx, numbers(2, 13975000000)));
      expect(e.message).toContain(code);
      expect(e.results.map((r) => r.status)).toEqual(['failed', 'failed']);
    }
  });

  it('marks numbers unknown after a timeout or an unreadable answer', async () => {
    tencent.script({ kind: 'hang', ms: 2000 }, { kind: 'malformed' }, { kind: 'status', status: 503 });
    expect(statuses(await adapter.sendChunk(ctx, numbers(2, 13970000000)))).toEqual(['unknown']);
    expect(tencent.to('+8613970000001')).toHaveLength(1);
    expect(statuses(await adapter.sendChunk(ctx, numbers(1, 13980000000)))).toEqual(['unknown']);
    expect(statuses(await adapter.sendChunk(ctx, numbers(1, 13990000000)))).toEqual(['unknown']);
  });
});

/** Both gateways through the real pipeline: publish → fan-out → batch jobs within each gateway's limit. */
describe('SMS targeted push through the pipeline', () => {
  const { aliyun, tencent } = fakes();
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    await aliyun.listen();
    await tencent.listen();
    const yaml = (c: ChannelConfig, extra = '') => `
  - name: ${c.name}
    type: sms
    label: ${c.label}
    carriers: [targeted_push]
    settings: ${JSON.stringify({ ...c.settings, ...(extra ? JSON.parse(extra) : {}) })}
    queue: { attempts: 3, backoffMs: 50 }`;
    s = await startStack({
      channels: () =>
        `channels:${yaml(channel('aliyun', aliyun.url), '{"timeoutMs": 1500}')}${yaml(channel('tencent', tencent.url), '{"timeoutMs": 1500, "batchConcurrency": 1}')}\n`,
    });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await aliyun.close();
    await tencent.close();
  });

  it('texts 1,200 verified followers once per gateway: Aliyun in requests of ≤1000, Tencent of ≤200', async () => {
    await seedSubscribers(s.db, { count: 1200, prefix: 'p', topics: ['item:genhe-zwfw:01-01'], medium: 'sms', phoneBase: 13800000000 });
    await seedSubscribers(s.db, { count: 3, prefix: 'u', topics: ['item:genhe-zwfw:01-01'], medium: 'sms', verified: false, phoneBase: 13700000000 });
    await seedSubscribers(s.db, { count: 3, prefix: 'o', topics: ['item:genhe-zwfw:01-01'], medium: 'sms', unsubscribed: true, phoneBase: 13600000000 });
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '关于2026年度规范性文件清理结果的公告' }) });
    expect(r.status).toBe(201);
    const ali = await waitChannel(s, admin, r.body.id, 'sms-aliyun');
    const ten = await waitChannel(s, admin, r.body.id, 'sms-tencent');
    expect(ali).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'numbers:1200' }));
    expect(ten).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'numbers:1200' }));
    expect(aliyun.requests.filter((q) => q.answered === 'OK').map((q) => q.numbers.length).sort((a, b) => b - a)).toEqual([1000, 200]);
    expect(tencent.requests.filter((q) => q.answered === 'Ok').map((q) => q.numbers.length)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const fake of [aliyun, tencent]) {
      expect(fake.delivered).toHaveLength(1200);
      expect(new Set(fake.delivered.map((m) => m.number)).size).toBe(1200);
      expect(fake.delivered.some((m) => /^\+86(137|136)/.test(m.number))).toBe(false);
    }
    const { rows } = await s.db.query(`SELECT count(*)::int AS n, sum(parts)::int AS parts, count(DISTINCT remote_id)::int AS ids FROM push_recipients WHERE delivery_id = $1 AND status = 'sent'`, [ten.id]);
    expect(rows[0]).toEqual({ n: 1200, parts: 1200, ids: 1200 });
  }, 180_000);

  it('rides out throttling, leaves a timed-out batch unknown without resending it, and fails a daily-limited number alone', async () => {
    aliyun.delivered.length = 0;
    tencent.delivered.length = 0;
    const ids = await seedSubscribers(s.db, { count: 250, prefix: 'q', topics: ['item:genhe-zwfw:05-01'], medium: 'sms', phoneBase: 13500000000 });
    expect(ids).toHaveLength(250);
    aliyun.script({ kind: 'code', code: 'Throttling.User' });
    tencent.script({ kind: 'hang', ms: 4000 }); // batches run one at a time: the first 200 numbers
    tencent.numberCode('+8613500000240', 'LimitExceeded.PhoneNumberDailyLimit');
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:05-01') });
    const ali = await waitChannel(s, admin, r.body.id, 'sms-aliyun');
    const ten = await waitChannel(s, admin, r.body.id, 'sms-tencent');

    expect(ali).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'numbers:250' }));
    expect(aliyun.delivered).toHaveLength(250);
    expect(new Set(aliyun.delivered.map((m) => m.number)).size).toBe(250);

    expect(ten.status).toBe('failed');
    expect(ten.lastError).toBe(
      "49 of 250 numbers sent; 1 failed (a retry sends to those only); outcome unknown for 200 numbers; check the gateway's QuerySendDetails (Aliyun) or PullSmsSendStatus (Tencent) before resending, then record the result",
    );
    expect(await recipientCounts(s.db, ten.id)).toEqual({ sent: 49, failed: 1, unknown: 200 });
    expect(tencent.delivered).toHaveLength(249); // the hung batch did go out
    const requestsBefore = tencent.requests.length;

    // a person's retry resends the refused number only, never the 200 whose outcome is unknown
    await s.call('POST', `/api/deliveries/${ten.id}/retry`, { token: admin });
    const again = await deliveryWhen(s, admin, ten.id, (d) => d.status === 'failed' && d.attempts === 2);
    expect(again.lastError).toContain('outcome unknown for 200 numbers');
    expect(tencent.requests.slice(requestsBefore).map((q) => q.numbers)).toEqual([['+8613500000240']]);
    expect(tencent.delivered).toHaveLength(249);
    tencent.numberCode('+8613500000240', null);
  }, 120_000);

  it('stops every batch of a delivery whose template the gateway refuses', async () => {
    await seedSubscribers(s.db, { count: 30, prefix: 'r', topics: ['item:genhe-zwfw:01-02'], medium: 'sms', phoneBase: 13300000000 });
    aliyun.script({ kind: 'code', code: 'isv.SMS_TEMPLATE_ILLEGAL' });
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-02') });
    const ali = await waitChannel(s, admin, r.body.id, 'sms-aliyun');
    expect(ali.status).toBe('failed');
    expect(ali.lastError).toBe('0 of 30 numbers sent; 30 failed (a retry sends to those only)');
    const { rows } = await s.db.query(`SELECT DISTINCT error FROM push_recipients WHERE delivery_id = $1`, [ali.id]);
    expect(rows).toEqual([{ error: expect.stringMatching(/^aliyun isv\.SMS_TEMPLATE_ILLEGAL/) }]);
  });
});

async function waitChannel(s: Stack, token: string, disclosureId: string, channel: string) {
  const d = await settled(s, token, disclosureId, channel, 150_000);
  if (!d) throw new Error(`${channel}: delivery did not settle`);
  return d;
}
