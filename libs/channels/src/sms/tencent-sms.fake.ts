import type http from 'node:http';
import { SmsFakeBase } from './sms-fake.base.js';
import { verifyTc3 } from './tencent.signature.js';
import { smsParts } from './sms.text.js';

/**
 * A local Tencent Cloud SMS (API 3.0, SendSms 2021-01-11) that checks the TC3-HMAC-SHA256 signature and the
 * timestamp, the app, sign and template ({1}…{n} placeholders, approved for 国内 or 国际/港澳台 numbers), and the
 * number set (E.164, ≤200, never both kinds in one request); answers one
 * SendStatusSet entry per number. Scripts: request-level error codes, per-number codes
 * (LimitExceeded.PhoneNumberDailyLimit), hanging past the client's timeout, unreadable answers.
 */
export class TencentSmsFake extends SmsFakeBase {
  protected readonly title = '本地腾讯云短信网关';
  private readonly numberCodes = new Map<string, string>();

  constructor(
    private readonly keys: Record<string, string>,
    private readonly sdkAppId: string,
  ) {
    super();
  }

  /** Every request for this number answers this per-number code until cleared (daily limits do not lift in a test). */
  numberCode(number: string, code: string | null): void {
    if (code) this.numberCodes.set(number, code);
    else this.numberCodes.delete(number);
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const requestId = this.requestId();
    const h = (k: string) => String(req.headers[k] ?? '');
    let numbers: string[] = [];
    const error = (code: string, message: string, signatureValid = true) => {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid, answered: code, sent: false });
      this.json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    };
    if (req.method !== 'POST') return error('InvalidParameter', 'only POST is supported here');
    const timestamp = Number(h('x-tc-timestamp'));
    const auth = verifyTc3(h('authorization'), (id) => this.keys[id], {
      service: 'sms', host: h('host'), action: h('x-tc-action'), timestamp, payload: body, contentType: h('content-type'),
    });
    if (!auth.ok) return error(auth.code, auth.message, false);
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return error('AuthFailure.SignatureExpire', 'Signature expired');
    if (h('x-tc-action') !== 'SendSms' || h('x-tc-version') !== '2021-01-11') return error('InvalidAction', 'unknown action or version');
    let p: Record<string, any>;
    try {
      p = JSON.parse(body);
    } catch {
      return error('InvalidParameter', 'body is not JSON');
    }
    numbers = Array.isArray(p.PhoneNumberSet) ? p.PhoneNumberSet.map(String) : [];

    const scripted = this.scripts.shift();
    if (scripted?.kind === 'code') return error(scripted.code, `scripted ${scripted.code}`);
    if (scripted?.kind === 'status') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: `HTTP ${scripted.status}`, sent: false });
      res.writeHead(scripted.status, { 'content-type': 'text/html' }).end(scripted.body ?? '<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (String(p.SmsSdkAppId) !== this.sdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist');
    if (numbers.length === 0 || numbers.length > 200) return error('LimitExceeded.PhoneNumberCountLimit', 'at most 200 numbers per request');
    if (!this.signs.has(String(p.SignName ?? ''))) return error('FailedOperation.SignatureIncorrectOrUnapproved', 'sign not approved');
    const template = this.templates.get(String(p.TemplateId ?? ''));
    if (!template) return error('FailedOperation.TemplateIncorrectOrUnapproved', 'template not approved');
    const regions = new Set(numbers.map((n) => (n.startsWith('+86') ? 'mainland' : 'international')));
    if (regions.size > 1) {
      return error('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber', 'There are both Mainland China and international/HK/Macao/Taiwan phone numbers in the request');
    }
    if (!regions.has(this.templateRegions.get(String(p.TemplateId)) ?? 'mainland')) {
      return error('FailedOperation.TemplateIncorrectOrUnapproved', 'the template is not approved for these numbers (domestic and international templates are separate)');
    }
    const params: string[] = Array.isArray(p.TemplateParamSet) ? p.TemplateParamSet.map(String) : [];
    const wanted = new Set([...template.matchAll(/\{(\d+)\}/g)].map((m) => m[1])).size;
    if (params.length !== wanted) return error('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'TemplateParamSet does not match the template');

    const text = `【${p.SignName}】${template.replace(/\{(\d+)\}/g, (_m, i: string) => params[Number(i) - 1] ?? '')}`;
    const fee = smsParts(Array.from(text).length);
    const statuses = numbers.map((n, i) => {
      const code = !/^\+[1-9]\d{6,14}$/.test(n) ? 'InvalidParameterValue.IncorrectPhoneNumber' : this.numberCodes.get(n) ?? 'Ok';
      return {
        SerialNo: code === 'Ok' ? `${requestId}:${i}` : '', PhoneNumber: n, Fee: code === 'Ok' ? fee : 0, SessionContext: String(p.SessionContext ?? ''),
        Code: code, Message: code === 'Ok' ? 'send success' : code, IsoCode: n.startsWith('+86') ? 'CN' : 'XX',
      };
    });
    this.deliver(statuses.filter((s) => s.Code === 'Ok').map((s) => s.PhoneNumber), text, requestId);
    if (scripted?.kind === 'hang') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'hang', sent: true });
      return this.hang(res, scripted.ms);
    }
    if (scripted?.kind === 'malformed') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'malformed', sent: true });
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>upstream reset</html>');
      return;
    }
    if (scripted?.kind === 'drop') {
      this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'drop', sent: true });
      return this.drop(res);
    }
    this.requests.push({ at: new Date().toISOString(), numbers, signatureValid: true, answered: 'Ok', sent: true });
    this.json(res, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
  }
}
