import { Injectable } from '@nestjs/common';
import { PushAbort, PushFanout, type PushSender, type Recipient, type RecipientResult } from '../../../subscribers/src/index.js';
import type { AdapterFactory, ChannelAdapter, ChannelConfig, DeliveryContext, PollOutcome, SendOutcome } from '../adapter.contract.js';
import { fanoutToSendOutcome, pushPollOutcome } from '../email/push-outcome.js';
import { AliyunSmsGateway } from './aliyun.gateway.js';
import { allAs, smsRegion, type SmsGateway, type SmsRegion, type SmsRoute } from './sms.gateway.js';
import { checkSmsSettings, smsSettings, type SmsSettings } from './sms.settings.js';
import { smsMessage, type SmsMessage } from './sms.text.js';
import { TencentSmsGateway } from './tencent.gateway.js';

const UNIT = 'numbers';
const NO_INTERNATIONAL = 'a number outside the mainland (国际/港澳台) needs its own approved template: set settings.international (templateCode, templateText) or remove the number; not sent';
const UNKNOWN_HINT = "check the gateway's QuerySendDetails (Aliyun) or PullSmsSendStatus (Tencent) before resending, then record the result";

/**
 * Targeted push by SMS through Aliyun or Tencent (settings.provider). Like email, send() fixes the audience and
 * queues batch jobs; each batch is one SendSms request of up to the gateway's limit. SMS gateways do not
 * deduplicate, so a request that timed out leaves its numbers `unknown` and nothing is resent by itself.
 * A sent SMS cannot be changed or recalled: update and withdraw are left out (manual follow-ups).
 */
export class SmsAdapter implements ChannelAdapter, PushSender {
  readonly type = 'sms';
  readonly idempotent = true;
  readonly medium = 'sms' as const;
  readonly unknownHint = UNKNOWN_HINT;
  readonly settings: SmsSettings;
  private readonly gateway: SmsGateway;
  private cached?: { key: string; mainland: SmsMessage; international: SmsMessage | null };

  constructor(
    private readonly channel: ChannelConfig,
    private readonly fanout: PushFanout,
  ) {
    this.settings = smsSettings(channel);
    this.gateway = this.settings.provider === 'tencent' ? new TencentSmsGateway(this.settings) : new AliyunSmsGateway(this.settings);
  }

  get batchSize(): number {
    return this.settings.batchSize;
  }

  /** a batch is one request: it is claimed and sent as one */
  get chunkSize(): number {
    return this.settings.batchSize;
  }

  checkConfig(): string[] {
    return checkSmsSettings(this.channel.name, this.channel.settings, this.settings);
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    const start = await this.fanout.start(ctx, {
      medium: 'sms', channel: this.channel.name, batchSize: this.settings.batchSize, unit: UNIT, unknownHint: UNKNOWN_HINT,
      staleMs: this.settings.staleMs, policy: { attempts: this.channel.queue.attempts, backoffMs: this.channel.queue.backoffMs },
    });
    return fanoutToSendOutcome(start, UNIT);
  }

  async poll(ctx: DeliveryContext): Promise<PollOutcome> {
    return pushPollOutcome(await this.fanout.recipients.outcome(ctx.delivery.id, UNIT, UNKNOWN_HINT, this.settings.staleMs));
  }

  /**
   * One request per region: a chunk the fan-out claimed may hold mainland and foreign numbers, and one foreign
   * number in a mainland request would fail the whole request (Tencent refuses the mix; the template is approved
   * for one region). A PushAbort in the second request still carries the first request's results.
   */
  async sendChunk(ctx: DeliveryContext, recipients: Recipient[]): Promise<RecipientResult[]> {
    const results: RecipientResult[] = [];
    for (const region of ['mainland', 'international'] as const) {
      const group = recipients.filter((r) => smsRegion(r.address) === region);
      if (group.length === 0) continue;
      const route = this.route(ctx, region);
      if (!route) {
        results.push(...allAs(group, { status: 'failed', error: NO_INTERNATIONAL }));
        continue;
      }
      try {
        results.push(...(await this.gateway.send(ctx, group, route)));
      } catch (err) {
        if (err instanceof PushAbort) throw new PushAbort(err.message, [...results, ...err.results]);
        throw err;
      }
    }
    return results;
  }

  /** The text every mainland number gets, with the title cut to fit; the same for the whole delivery. */
  message(ctx: DeliveryContext): SmsMessage {
    return this.messages(ctx).mainland;
  }

  /** The request settings for a region; null for foreign numbers when no international template is configured. */
  route(ctx: DeliveryContext, region: SmsRegion): SmsRoute | null {
    const s = this.settings;
    if (region === 'mainland') return { region, templateCode: s.templateCode, signName: s.signName, message: this.messages(ctx).mainland };
    const intl = this.messages(ctx).international;
    return s.international && intl ? { region, templateCode: s.international.templateCode, signName: s.international.signName, message: intl } : null;
  }

  private messages(ctx: DeliveryContext): { mainland: SmsMessage; international: SmsMessage | null } {
    const key = `${ctx.disclosure.id}:${ctx.disclosure.revision}`;
    if (this.cached?.key !== key) {
      const s = this.settings;
      const limits = { maxLength: s.maxLength, maxParamLength: s.maxParamLength };
      this.cached = {
        key,
        mainland: smsMessage(ctx, { signName: s.signName, text: s.templateText, ...limits }),
        international: s.international ? smsMessage(ctx, { signName: s.international.signName, text: s.international.templateText, ...limits }) : null,
      };
    }
    return this.cached;
  }
}

@Injectable()
export class SmsAdapterFactory implements AdapterFactory {
  readonly type = 'sms';
  constructor(private readonly fanout: PushFanout) {}
  create(channel: ChannelConfig): ChannelAdapter {
    return new SmsAdapter(channel, this.fanout);
  }
}
