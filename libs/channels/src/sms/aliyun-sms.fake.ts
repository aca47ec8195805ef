import type http from 'node:http';
import { SmsFakeBase } from './sms-fake.base.js';
import { verifyAliyunSignature } from './aliyun.signature.js';

/**
 * A local Aliyun dysmsapi that speaks SendSms as the real one does: it checks the common parameters, the
 * HMAC-SHA1 signature, a fresh SignatureNonce and the Timestamp, the sign and template (${name} variables), the
 * numbers (≤1000) and that they suit the template (国内 or 国际/港澳台, approved separately); answers {Code:"OK",
 * BizId} or the real error codes; and can be scripted to throttle (isv.BUSINESS_LIMIT_CONTROL), fail, hang past
 * the client's timeout, drop the connection after sending, or answer garbage.
 */
/** RPC signature V2: "Timestamp … 有效期为31分钟" (a request must be sent within 31 minutes of its timestamp). */
const TIMESTAMP_VALID_MS = 31 * 60 * 1000;

export class AliyunSmsFake extends SmsFakeBase {
  protected readonly title = '本地阿里云短信网关';
  private readonly nonces = new Set<string>();

  constructor(private readonly keys: Record<string, string>) {
    super();
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const method = req.method ?? 'GET';
    const query = new URL(req.url ?? '/', 'http://fake').searchParams;
    const params: Record<string, string> = Object.fromEntries(method === 'POST' && body ? new URLSearchParams(body) : query);
    const requestId = this.requestId();
    const fail = (status: number, code: string, message: string, signatureValid = true) => {
      this.requests.push({ at: new Date().toISOString(), numbers: [], signatureValid, answered: code, sent: false });
      this.json(res, status, { RequestId: requestId, Code: code, Message: message });
    };

    const secret = this.keys[params.AccessKeyId ?? ''];
    if (!secret) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.', false);
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') return fail(400, 'IncompleteSignature', 'SignatureMethod/SignatureVersion');
    if (!verifyAliyunSignature(secret, method, params)) {
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.', false);
    }
    const ts = Date.parse(params.Timestamp ?? '');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp ?? '') || Math.abs(Date.now() - ts) > TIMESTAMP_VALID_MS) {
      return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    if (!params.SignatureNonce || this.nonces.has(params.SignatureNonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(params.SignatureNonce);
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25') return fail(400, 'InvalidAction.NotFound', 'Specified api is not found.');

    const numbers = (params.PhoneNumbers ?? '').split(',').filter(Boolean);
    const scripted = this.scripts.shift();
    const answer = (code: string, extra: Record<string, unknown> = {}, sent = false, message?: string) => {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: code, sent });
      this.json(res, 200, { RequestId: requestId, Code: code, Message: message ?? (code === 'OK' ? 'OK' : messageFor(code)), ...extra });
    };
    if (scripted?.kind === 'code') return answer(scripted.code, {}, false, scripted.message);
    if (scripted?.kind === 'status') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: `HTTP ${scripted.status}`, sent: false });
      res.writeHead(scripted.status, { 'content-type': 'text/html' }).end(scripted.body ?? '<html><body>502 Bad Gateway</body></html>');
      return;
    }

    if (numbers.length === 0 || numbers.length > 1000) return answer('isv.MOBILE_COUNT_OVER_LIMIT');
    if (numbers.some((n) => !/^(1[3-9]\d{9}|[1-9]\d{7,14})$/.test(n))) return answer('isv.MOBILE_NUMBER_ILLEGAL');
    if (!this.signs.has(params.SignName ?? '')) return answer('isv.SMS_SIGNATURE_ILLEGAL');
    const template = this.templates.get(params.TemplateCode ?? '');
    if (!template) return answer('isv.SMS_TEMPLATE_ILLEGAL');
    // a template is approved for 国内 or for 国际/港澳台 numbers: a number of the other kind refuses the whole request.
    // An international template with a mainland number answers the documented isv.DOMESTIC_NUMBER_NOT_SUPPORTED;
    // the code for the reverse is not documented, and the fake answers isv.SMS_TEMPLATE_ILLEGAL.
    const region = this.templateRegions.get(params.TemplateCode ?? '');
    const regionOf = (n: string) => (/^1[3-9]\d{9}$/.test(n) ? 'mainland' : 'international');
    if (region === 'international' && numbers.some((n) => regionOf(n) === 'mainland')) return answer('isv.DOMESTIC_NUMBER_NOT_SUPPORTED');
    if (numbers.some((n) => regionOf(n) !== region)) return answer('isv.SMS_TEMPLATE_ILLEGAL');
    let vars: Record<string, unknown>;
    try {
      vars = JSON.parse(params.TemplateParam ?? '{}');
    } catch {
      return answer('isv.INVALID_JSON_PARAM');
    }
    const missing = [...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).filter((k) => typeof vars[k] !== 'string');
    if (missing.length) return answer('isv.TEMPLATE_MISSING_PARAMETERS');
    if (Object.values(vars).some((v) => Array.from(String(v)).length > 35)) return answer('isv.PARAM_LENGTH_LIMIT');

    const text = `【${params.SignName}】${template.replace(/\$\{(\w+)\}/g, (_m, k: string) => String(vars[k]))}`;
    const e164 = numbers.map((n) => (n.length === 11 && n.startsWith('1') ? `+86${n}` : `+${n}`));
    this.deliver(e164, text, requestId);
    const bizId = `${Date.now()}^${requestId}`;
    if (scripted?.kind === 'hang') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'hang', sent: true });
      return this.hang(res, scripted.ms);
    }
    if (scripted?.kind === 'malformed') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'malformed', sent: true });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId": "' + requestId + '", "Co');
      return;
    }
    if (scripted?.kind === 'drop') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'drop', sent: true });
      return this.drop(res);
    }
    answer('OK', { BizId: bizId }, true);
  }
}

function messageFor(code: string): string {
  const messages: Record<string, string> = {
    'isv.BUSINESS_LIMIT_CONTROL': '触发天级流控Permits:10',
    'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': '国际/港澳台消息模板不支持发送境内号码',
    'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
    'isv.SMS_SIGNATURE_ILLEGAL': '该账号下找不到对应签名',
    'isv.MOBILE_NUMBER_ILLEGAL': '手机号码格式错误',
    'isv.MOBILE_COUNT_OVER_LIMIT': '手机号码数量超过限制，最多支持1000条',
    'isv.TEMPLATE_MISSING_PARAMETERS': '模板变量中存在未赋值变量',
    'isv.INVALID_JSON_PARAM': 'JSON参数不合法，只接受字符串值',
    'isv.PARAM_LENGTH_LIMIT': '参数超过长度限制',
    'isv.DAY_LIMIT_CONTROL': '触发日发送限额',
    'isv.MONTH_LIMIT_CONTROL': '触发月发送限额',
    'isv.SIGN_STATE_ILLEGAL': '签名状态不合法',
    'isv.SMS_SIGNATURE_SCENE_ILLEGAL': '签名的适用场景与短信类型不匹配',
    'isv.SMS_CONTENT_ILLEGAL': '短信内容包含禁止发送内容',
    'isp.SYSTEM_ERROR': '系统错误',
  };
  return messages[code] ?? code;
}
