import type { ChannelConfig } from '../adapter.contract.js';
import { placeholders, SMS_VARIABLES } from './sms.text.js';

export const SMS_LIMITS = { aliyun: 1000, tencent: 200 } as const;
export type SmsProvider = keyof typeof SMS_LIMITS;

export interface SmsSettings {
  provider: SmsProvider;
  endpoint: string;
  /** Aliyun AccessKeyId / Tencent SecretId */
  keyId: string;
  /** Aliyun AccessKeySecret / Tencent SecretKey */
  keySecret: string;
  /** Tencent SmsSdkAppId */
  sdkAppId: string;
  region: string;
  signName: string;
  /** Aliyun TemplateCode / Tencent TemplateId */
  templateCode: string;
  templateText: string;
  /**
   * numbers outside the mainland (+86) go out in requests of their own with this template: Tencent refuses a
   * request mixing them (UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber) and both gateways approve
   * 国际/港澳台 templates separately. null: such numbers fail with a message saying so, the rest are sent.
   */
  international: { templateCode: string; templateText: string; signName: string } | null;
  maxLength: number;
  maxParamLength: number;
  batchSize: number;
  timeoutMs: number;
  staleMs: number;
  allowPrivateNetwork: boolean;
}

const DEFAULT_ENDPOINT: Record<SmsProvider, string> = {
  aliyun: 'https://dysmsapi.aliyuncs.com/',
  tencent: 'https://sms.tencentcloudapi.com/',
};

export function smsSettings(channel: ChannelConfig): SmsSettings {
  const s = channel.settings;
  const provider = (String(s.provider ?? '') as SmsProvider) in SMS_LIMITS ? (String(s.provider) as SmsProvider) : ('' as SmsProvider);
  return {
    provider,
    endpoint: String(s.endpoint ?? (provider ? DEFAULT_ENDPOINT[provider] : '')),
    keyId: String(s.accessKeyId ?? s.secretId ?? ''),
    keySecret: String(s.accessKeySecret ?? s.secretKey ?? ''),
    sdkAppId: String(s.sdkAppId ?? ''),
    region: String(s.region || (provider === 'tencent' ? 'ap-guangzhou' : 'cn-hangzhou')),
    signName: String(s.signName ?? ''),
    templateCode: String(s.templateCode ?? s.templateId ?? ''),
    templateText: String(s.templateText ?? ''),
    international: internationalSettings(s.international, String(s.signName ?? '')),
    maxLength: Number(s.maxLength ?? 70),
    maxParamLength: Number(s.maxParamLength ?? 35),
    batchSize: Number(s.batchSize ?? (provider ? SMS_LIMITS[provider] : 200)),
    timeoutMs: Number(s.timeoutMs ?? 10000),
    staleMs: Number(s.staleMs ?? 10 * 60 * 1000),
    allowPrivateNetwork: s.allowPrivateNetwork === true,
  };
}

function internationalSettings(raw: unknown, signName: string): SmsSettings['international'] {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  return { templateCode: String(r.templateCode ?? r.templateId ?? ''), templateText: String(r.templateText ?? ''), signName: String(r.signName ?? signName) };
}

export function checkSmsSettings(name: string, raw: Record<string, unknown>, s: SmsSettings): string[] {
  const where = `channel ${name}`;
  const problems: string[] = [];
  if (!(String(raw.provider ?? '') in SMS_LIMITS)) return [`${where}: settings.provider must be aliyun or tencent`];
  try {
    if (!/^https?:$/.test(new URL(s.endpoint).protocol)) throw new Error();
  } catch {
    problems.push(`${where}: settings.endpoint must be an http(s) URL`);
  }
  const idKey = s.provider === 'aliyun' ? 'accessKeyId' : 'secretId';
  const secretKey = s.provider === 'aliyun' ? 'accessKeySecret' : 'secretKey';
  if (!s.keyId) problems.push(`${where}: settings.${idKey} is required`);
  if (!s.keySecret) problems.push(`${where}: settings.${secretKey} is required`);
  if (s.provider === 'tencent' && !s.sdkAppId) problems.push(`${where}: settings.sdkAppId is required (Tencent SmsSdkAppId)`);
  if (!s.signName) problems.push(`${where}: settings.signName is required (the approved SMS sign, without 【】)`);
  for (const [key, sign] of [['signName', s.signName], ['international.signName', s.international?.signName ?? '']] as const) {
    if (!sign) continue;
    // the gateway puts the sign in 【】 itself; Tencent: "签名只能由中英文、数字组成，要求2 - 12个字" (SendSms error codes)
    if (/[【】\[\]]/.test(sign)) problems.push(`${where}: settings.${key} must be the sign without 【】 (the gateway adds them)`);
    else if (s.provider === 'tencent' && !/^[\u4e00-\u9fa5A-Za-z0-9]{2,12}$/.test(sign)) {
      problems.push(`${where}: settings.${key} must be 2-12 Chinese characters, letters or digits (Tencent's rule for SMS signs)`);
    }
  }
  if (!s.templateCode) problems.push(`${where}: settings.templateCode is required (${s.provider === 'aliyun' ? 'Aliyun TemplateCode' : 'Tencent TemplateId'})`);
  if (!s.templateText) problems.push(`${where}: settings.templateText is required: the approved template's text with {title} etc., to fit the message`);
  for (const p of placeholders(s.templateText)) {
    if (!(SMS_VARIABLES as readonly string[]).includes(p)) problems.push(`${where}: settings.templateText: unknown variable {${p}} (known: ${SMS_VARIABLES.join(', ')})`);
  }
  if (s.international) {
    if (!s.international.templateCode) problems.push(`${where}: settings.international.templateCode is required (the approved 国际/港澳台 template)`);
    if (!s.international.templateText) problems.push(`${where}: settings.international.templateText is required: that template's text with {title} etc.`);
    for (const p of placeholders(s.international.templateText)) {
      if (!(SMS_VARIABLES as readonly string[]).includes(p)) problems.push(`${where}: settings.international.templateText: unknown variable {${p}} (known: ${SMS_VARIABLES.join(', ')})`);
    }
  }
  const limit = SMS_LIMITS[s.provider];
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > limit) problems.push(`${where}: settings.batchSize must be an integer from 1 to ${limit} (${s.provider}'s limit per request)`);
  if (!Number.isInteger(s.maxLength) || s.maxLength < 20) problems.push(`${where}: settings.maxLength must be an integer of at least 20`);
  if (!Number.isInteger(s.maxParamLength) || s.maxParamLength < 5) problems.push(`${where}: settings.maxParamLength must be an integer of at least 5`);
  if (!(s.timeoutMs > 0)) problems.push(`${where}: settings.timeoutMs must be positive`);
  if (!(s.staleMs > s.timeoutMs)) problems.push(`${where}: settings.staleMs must be longer than settings.timeoutMs`);
  return problems;
}
