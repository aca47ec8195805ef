import { createHash } from 'node:crypto';
import type { ChannelConfig, DeliveryContext } from '../adapter.contract.js';
import { checkSmsSettings, smsSettings } from './sms.settings.js';
import { aliyunSignature, percentEncode } from './aliyun.signature.js';
import { smsMessage, smsParts } from './sms.text.js';
import { tc3Signature, verifyTc3 } from './tencent.signature.js';

describe('Aliyun RPC signature', () => {
  it('matches the worked example of Aliyun\'s signature documentation', () => {
    const params = {
      AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
    };
    expect(aliyunSignature('testsecret', 'GET', params)).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('reproduces the signature Aliyun\'s signature-mechanism page publishes (testid/testsecret, DescribeRegions, TimeStamp)', () => {
    const params = {
      AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', TimeStamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
    };
    expect(aliyunSignature('testsecret', 'GET', params)).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('percent-encodes as RFC 3986 wants (space %20, * %2A, ~ kept)', () => {
    expect(percentEncode("a b*c~d'(!)")).toBe('a%20b%2Ac~d%27%28%21%29');
    expect(percentEncode('政务')).toBe('%E6%94%BF%E5%8A%A1');
  });
});

describe('Tencent TC3-HMAC-SHA256 signature', () => {
  /**
   * The worked example of Tencent Cloud's "签名方法 v3" page (DescribeInstances on cvm, SecretKey
   * Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, X-TC-Timestamp 1551113065, SignedHeaders content-type;host): its published
   * payload hash, CanonicalRequest hash and final Signature.
   */
  const docExample = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', service: 'cvm',
    host: 'cvm.tencentcloudapi.com', action: 'DescribeInstances', timestamp: 1551113065,
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  };

  it('reproduces the signature of Tencent\'s documented example (content-type;host signed)', () => {
    expect(createHash('sha256').update(docExample.payload).digest('hex')).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    const { authorization, credentialScope } = tc3Signature({ ...docExample, signedHeaders: ['content-type', 'host'] });
    expect(credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('the fake accepts any signed-header set with content-type and host, as the service does, and nothing less', () => {
    const keys = (id: string) => (id === docExample.secretId ? docExample.secretKey : undefined);
    const { secretId: _i, secretKey: _k, ...req } = docExample;
    const sdkStyle = tc3Signature({ ...docExample, signedHeaders: ['content-type', 'host'] }).authorization;
    expect(verifyTc3(sdkStyle, keys, req)).toEqual({ ok: true, secretId: docExample.secretId });
    expect(verifyTc3(tc3Signature(docExample).authorization, keys, req)).toEqual({ ok: true, secretId: docExample.secretId });
    const hostless = tc3Signature({ ...docExample, signedHeaders: ['content-type', 'x-tc-action'] }).authorization;
    expect(verifyTc3(hostless, keys, req)).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  const base = { secretId: 'AKIDtest', secretKey: 'secret-key', service: 'sms', host: 'sms.tencentcloudapi.com', action: 'SendSms', timestamp: 1764000000, payload: '{"a":1}' };

  it('builds the Authorization header and verifies only the exact request', () => {
    const { authorization, credentialScope } = tc3Signature(base);
    expect(credentialScope).toBe('2025-11-24/sms/tc3_request');
    expect(authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\/2025-11-24\/sms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/);
    const keys = (id: string) => (id === 'AKIDtest' ? 'secret-key' : undefined);
    const { secretId: _i, secretKey: _k, ...req } = base;
    expect(verifyTc3(authorization, keys, req)).toEqual({ ok: true, secretId: 'AKIDtest' });
    expect(verifyTc3(authorization, keys, { ...req, payload: '{"a":2}' })).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
    expect(verifyTc3(authorization, keys, { ...req, timestamp: req.timestamp + 1 })).toMatchObject({ ok: false });
    expect(verifyTc3(authorization, () => 'other', req)).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });
});

describe('SMS settings', () => {
  const channel = (provider: string, settings: Record<string, unknown>): ChannelConfig => ({
    name: 'sms', type: 'sms', label: 'sms', carriers: ['targeted_push'], queue: { concurrency: 1, attempts: 1, backoffMs: 10 },
    settings: { provider, accessKeyId: 'k', accessKeySecret: 's', secretId: 'k', secretKey: 's', sdkAppId: '1400000001', templateCode: 'T1', templateText: '《{title}》', ...settings },
  });
  const problems = (provider: string, settings: Record<string, unknown>) => {
    const c = channel(provider, settings);
    return checkSmsSettings(c.name, c.settings, smsSettings(c));
  };

  it('refuses a sign written with 【】 (the gateway adds them) and, for Tencent, one outside 2-12 Chinese characters, letters or digits', () => {
    expect(problems('aliyun', { signName: '根河政务' })).toEqual([]);
    expect(problems('aliyun', { signName: '【根河政务】' })).toEqual(['channel sms: settings.signName must be the sign without 【】 (the gateway adds them)']);
    expect(problems('tencent', { signName: '根河政务' })).toEqual([]);
    expect(problems('tencent', { signName: '根河市政务服务与数据管理局' })).toEqual([
      'channel sms: settings.signName must be 2-12 Chinese characters, letters or digits (Tencent\'s rule for SMS signs)',
    ]);
    expect(problems('tencent', { signName: '根河政务', international: { templateCode: 'T2', templateText: '《{title}》', signName: 'Genhe Gov' } })).toEqual([
      'channel sms: settings.international.signName must be 2-12 Chinese characters, letters or digits (Tencent\'s rule for SMS signs)',
    ]);
  });
});

describe('SMS text', () => {
  const ctx = (title: string) =>
    ({
      delivery: {} as DeliveryContext['delivery'],
      disclosure: {
        id: 'd1', title, body: '', metadata: {}, generatedAt: '2026-11-24T01:00:00Z', dueAt: null, revision: 1, catalogueCode: 'c', itemId: '01-01',
        itemPath: ['履职依据', '规范性文件'], publisher: '根河市政务服务与数据管理局', office: '办公室', departmentCode: 'c',
      },
      saveState: async () => undefined,
    }) as DeliveryContext;
  const template = { signName: '根河政务', text: '{office}发布了《{title}》，详见政府网站。', maxLength: 70, maxParamLength: 35 };

  it('counts parts: ≤70 characters is one, longer ones per 67', () => {
    expect([smsParts(70), smsParts(71), smsParts(134), smsParts(135)]).toEqual([1, 2, 2, 3]);
  });

  it('cuts the title so the whole message fits one part', () => {
    const m = smsMessage(ctx('关于进一步优化政务服务事项办理流程、压缩办理时限并全面推行告知承诺制的实施意见'), template);
    expect(m.chars).toBeLessThanOrEqual(70);
    expect(m.parts).toBe(1);
    expect(m.params.title.endsWith('…')).toBe(true);
    expect(m.text).toBe(`【根河政务】根河市政务服务与数据管理局发布了《${m.params.title}》，详见政府网站。`);
    expect(m.ordered).toEqual([m.params.office, m.params.title]);
  });

  it('keeps a short title whole', () => {
    const m = smsMessage(ctx('年度报告'), template);
    expect(m.params).toEqual({ office: '根河市政务服务与数据管理局', title: '年度报告' });
    expect(m.parts).toBe(1);
  });
});
