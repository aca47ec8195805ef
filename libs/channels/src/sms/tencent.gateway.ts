import { PushAbort, type Recipient, type RecipientResult } from '../../../subscribers/src/index.js';
import type { DeliveryContext } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { allAs, gatewayHttp, networkFailure, parseJson, type SmsGateway, type SmsRoute } from './sms.gateway.js';
import type { SmsSettings } from './sms.settings.js';
import { TC3_CONTENT_TYPE, tc3Signature } from './tencent.signature.js';

/** 请求的次数超过了频率限制: a per-second API limit, nothing was sent; the channel's backoff retries. */
const RETRY = /^RequestLimitExceeded(\..*)?$/;
/**
 * The app's daily volume (业务短信日下发条数超过设定的上限, and its per-region variants): every further request of the
 * day meets it until someone raises it in the console, so like Aliyun's isv.DAY_LIMIT_CONTROL the send stops once
 * instead of retrying batch after batch within minutes.
 */
const DAILY = /^LimitExceeded\.(AppDailyLimit|DailyLimit|AppGlobalDailyLimit|AppMainlandChinaDailyLimit|AppCountryOrRegionDailyLimit)$/;
/** Tencent's own timeouts and internal failures: the SMS may have gone out. */
const UNKNOWN = /^InternalError(\..*)?$/;
/**
 * Refused before anything was sent, and alike for every batch: the signature check (InternalError.SigVerificationFail,
 * SigFieldMissing) and a wrong endpoint (RestApiInterfaceNotExist) are InternalError by name only.
 */
const ABORT =
  /^(InternalError\.(SigVerificationFail|SigFieldMissing|RestApiInterfaceNotExist)|AuthFailure.*|UnauthorizedOperation.*|FailedOperation\.(TemplateIncorrectOrUnapproved|SignatureIncorrectOrUnapproved|InsufficientBalanceInSmsPackage|ContainSensitiveWord|MissingTemplateToModify|MissingSignature|TemplateParamSetNotMatchApprovedTemplate|TemplateUnapprovedOrNotExist)|InvalidParameterValue\.(TemplateParameterFormatError|TemplateParameterLengthLimit|SdkAppIdNotExist|ProhibitedUseUrlInTemplateParameter)|InvalidParameter\.(InvalidSdkAppId|AppidAndBizId)|ResourceNotFound.*)$/;

/**
 * Tencent Cloud SMS SendSms (API 2021-01-11): a JSON POST signed with TC3-HMAC-SHA256. One request carries up to
 * 200 numbers and answers per number (SendStatusSet: Code "Ok", SerialNo, Fee = parts billed).
 */
export class TencentSmsGateway implements SmsGateway {
  private readonly http;

  constructor(private readonly s: SmsSettings) {
    this.http = gatewayHttp(s.timeoutMs);
  }

  async send(ctx: DeliveryContext, recipients: Recipient[], route: SmsRoute): Promise<RecipientResult[]> {
    const { message } = route;
    await assertPublicTarget(this.s.endpoint, this.s.allowPrivateNetwork);
    const payload = JSON.stringify({
      PhoneNumberSet: recipients.map((r) => r.address),
      SmsSdkAppId: this.s.sdkAppId,
      TemplateId: route.templateCode,
      SignName: route.signName,
      TemplateParamSet: message.ordered,
      SessionContext: ctx.delivery.id,
    });
    const host = new URL(this.s.endpoint).host;
    const timestamp = Math.floor(Date.now() / 1000);
    const { authorization } = tc3Signature({ secretId: this.s.keyId, secretKey: this.s.keySecret, service: 'sms', host, action: 'SendSms', timestamp, payload });
    let res;
    try {
      res = await this.http.post(this.s.endpoint, payload, {
        headers: {
          Authorization: authorization,
          'Content-Type': TC3_CONTENT_TYPE,
          Host: host,
          'X-TC-Action': 'SendSms',
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Version': '2021-01-11',
          'X-TC-Region': this.s.region,
        },
      });
    } catch (err) {
      return networkFailure(recipients, err, 'tencent');
    }
    const response = parseJson(res.data)?.Response as Record<string, any> | undefined;
    if (!response || typeof response !== 'object') {
      const detail = `tencent HTTP ${res.status}: ${String(res.data ?? '').slice(0, 200)}`;
      if (res.status >= 400 && res.status < 500) return allAs(recipients, { status: 'failed', error: detail });
      return allAs(recipients, { status: 'unknown', error: `${detail} (unreadable answer; the gateway may have sent it)` });
    }
    if (response.Error) {
      const code = String(response.Error.Code ?? '');
      const detail = `tencent ${code}: ${String(response.Error.Message ?? '').slice(0, 200)}`;
      if (RETRY.test(code)) return allAs(recipients, { status: 'retry', error: detail });
      if (DAILY.test(code)) {
        const why = `${detail} (the app's daily limit: raise it in the SMS console or retry tomorrow)`;
        throw new PushAbort(why, allAs(recipients, { status: 'failed', error: why }));
      }
      if (ABORT.test(code)) throw new PushAbort(detail, allAs(recipients, { status: 'failed', error: detail }));
      if (UNKNOWN.test(code)) return allAs(recipients, { status: 'unknown', error: `${detail} (the gateway may have sent it)` });
      return allAs(recipients, { status: 'failed', error: detail });
    }
    const statuses = Array.isArray(response.SendStatusSet) ? (response.SendStatusSet as Record<string, any>[]) : [];
    const byNumber = new Map(statuses.map((x) => [String(x.PhoneNumber ?? ''), x]));
    return recipients.map((r): RecipientResult => {
      const x = byNumber.get(r.address);
      if (!x) return { subscriberId: r.subscriberId, status: 'unknown', error: 'tencent: no status for this number in the answer' };
      const fee = Number(x.Fee);
      const parts = Number.isInteger(fee) && fee > 0 ? fee : message.parts;
      if (x.Code === 'Ok') return { subscriberId: r.subscriberId, status: 'sent', remoteId: String(x.SerialNo ?? ''), parts };
      // per-number refusals (LimitExceeded.PhoneNumberDailyLimit, FailedOperation.PhoneNumberInBlacklist …) are final for today
      return { subscriberId: r.subscriberId, status: 'failed', error: `tencent ${String(x.Code)}: ${String(x.Message ?? '').slice(0, 200)}` };
    });
  }
}
