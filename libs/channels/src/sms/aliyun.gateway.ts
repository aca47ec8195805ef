import { randomUUID } from 'node:crypto';
import { aliyunNumber, PushAbort, type Recipient, type RecipientResult } from '../../../subscribers/src/index.js';
import type { DeliveryContext } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { aliyunSignature, canonicalQuery, percentEncode } from './aliyun.signature.js';
import { allAs, gatewayHttp, networkFailure, parseJson, type SmsGateway, type SmsRoute } from './sms.gateway.js';
import type { SmsSettings } from './sms.settings.js';

/** Aliyun asks to retry these later; nothing was sent. */
const RETRY = /^(Throttling.*|isp\.SYSTEM_ERROR|ServiceUnavailable|InternalError|isv\.SYSTEM_ERROR)$/;
/**
 * 业务限流 per number (same sign and template to one number; 短信通知 50 a day by default, counted over the 24 h
 * before the send): a day window fails the batch now and a person's retry (the next day) sends to those numbers
 * only; a minute or hour window (verification codes, or limits set in the console) is retried.
 */
const PER_NUMBER_DAILY = 'isv.BUSINESS_LIMIT_CONTROL';
/**
 * These fail every batch of the delivery alike (template, sign, credentials, account, the account's daily or
 * monthly volume, content refused): stop the whole send once instead of failing batch after batch.
 */
const ABORT =
  /^(isv\.DAY_LIMIT_CONTROL|isv\.MONTH_LIMIT_CONTROL|isv\.SIGN_STATE_ILLEGAL|isv\.SMS_SIGNATURE_SCENE_ILLEGAL|isv\.SMS_CONTENT_ILLEGAL|isv\.SMS_TEMPLATE_ILLEGAL|isv\.SMS_SIGNATURE_ILLEGAL|isv\.SMS_SIGN_ILLEGAL|isv\.TEMPLATE_MISSING_PARAMETERS|isv\.TEMPLATE_PARAMS_ILLEGAL|isv\.INVALID_JSON_PARAM|isv\.PARAM_LENGTH_LIMIT|isv\.AMOUNT_NOT_ENOUGH|isv\.OUT_OF_SERVICE|isv\.ACCOUNT_NOT_EXISTS|isv\.ACCOUNT_ABNORMAL|isv\.DENY_IP_RANGE|isv\.BLACK_KEY_CONTROL_LIMIT|isv\.PRODUCT_UN_SUBSCRIPT|isv\.PRODUCT_UNSUBSCRIBE|SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId.*|Forbidden.*|isp\.RAM_PERMISSION_DENY|InvalidTimeStamp.*|SignatureNonceUsed|MissingParameter|InvalidParameter)$/;

/**
 * dysmsapi 2017-05-25 SendSms, RPC style: form-encoded POST with the common parameters and an HMAC-SHA1
 * signature. One request carries up to 1000 numbers and answers once for all of them ({Code:"OK", BizId}).
 */
export class AliyunSmsGateway implements SmsGateway {
  private readonly http;

  constructor(private readonly s: SmsSettings) {
    this.http = gatewayHttp(s.timeoutMs);
  }

  async send(ctx: DeliveryContext, recipients: Recipient[], route: SmsRoute): Promise<RecipientResult[]> {
    const { message } = route;
    await assertPublicTarget(this.s.endpoint, this.s.allowPrivateNetwork);
    const params: Record<string, string> = {
      AccessKeyId: this.s.keyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.s.region,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      PhoneNumbers: recipients.map((r) => aliyunNumber(r.address)).join(','),
      SignName: route.signName,
      TemplateCode: route.templateCode,
      TemplateParam: JSON.stringify(message.params),
      OutId: ctx.delivery.id,
    };
    const body = `${canonicalQuery(params)}&Signature=${percentEncode(aliyunSignature(this.s.keySecret, 'POST', params))}`;
    let res;
    try {
      res = await this.http.post(this.s.endpoint, body, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    } catch (err) {
      return networkFailure(recipients, err, 'aliyun');
    }
    const reply = parseJson(res.data);
    const code = typeof reply?.Code === 'string' ? reply.Code : null;
    const detail = `aliyun ${code ?? `HTTP ${res.status}`}: ${String(reply?.Message ?? res.data ?? '').slice(0, 200)}`;
    if (!code) {
      // an answer we cannot read (a proxy's error page, a cut body): the gateway may have sent the batch
      if (res.status >= 400 && res.status < 500) return allAs(recipients, { status: 'failed', error: detail });
      return allAs(recipients, { status: 'unknown', error: `${detail} (unreadable answer; the gateway may have sent it)` });
    }
    if (code === 'OK') {
      const bizId = String(reply?.BizId ?? reply?.RequestId ?? '');
      return allAs(recipients, { status: 'sent', remoteId: bizId, parts: message.parts });
    }
    if (RETRY.test(code)) return allAs(recipients, { status: 'retry', error: detail });
    if (code === PER_NUMBER_DAILY) {
      // the Message names the window (触发分钟级流控 / 小时级 / 天级 Permits:n): a minute or hour window has passed
      // by the channel's next try, a day window (24 h from the send, 50 notifications a day by default) has not
      if (/分钟级|小时级/.test(String(reply?.Message ?? ''))) return allAs(recipients, { status: 'retry', error: `${detail} (a per-number minute/hour limit)` });
      return allAs(recipients, { status: 'failed', error: `${detail} (a per-number daily limit: retry tomorrow; a retry sends to these numbers only)` });
    }
    if (ABORT.test(code)) throw new PushAbort(detail, allAs(recipients, { status: 'failed', error: detail }));
    // isv.MOBILE_NUMBER_ILLEGAL, isv.MOBILE_COUNT_OVER_LIMIT, anything new: this batch was refused
    return allAs(recipients, { status: 'failed', error: detail });
  }
}
