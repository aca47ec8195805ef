import { Injectable } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import {
  PushAbort, PushFanout, type PushSender, type Recipient, type RecipientResult, type VerificationSender,
} from '../../../subscribers/src/index.js';
import type { AdapterFactory, ChannelAdapter, ChannelConfig, DeliveryContext, PollOutcome, SendOutcome } from '../adapter.contract.js';
import { escapeHtml } from '../render/render.js';
import { composeEmailBody, personalize, unsubscribeUrl, type EmailBody } from './email.message.js';
import { checkEmailSettings, emailSettings, type EmailSettings } from './email.settings.js';
import { EmailTemplate } from './email.template.js';
import { fanoutToSendOutcome, pushPollOutcome } from './push-outcome.js';

const UNIT = 'recipients';
const UNKNOWN_HINT = "the SMTP transaction timed out or broke off after the message was handed over; check the mail server's log before resending";

/**
 * Targeted push by email. send() only fixes the audience and queues batch jobs (so it is safe to run twice:
 * hence `idempotent`); the push workers then call sendChunk with recipients they have claimed, one message per
 * recipient through a pooled SMTP transport, each with its own RFC 8058 one-click unsubscribe link.
 */
export class EmailAdapter implements ChannelAdapter, PushSender, VerificationSender {
  readonly type = 'email';
  readonly idempotent = true;
  readonly medium = 'email' as const;
  readonly unknownHint = UNKNOWN_HINT;
  readonly settings: EmailSettings;
  private transport?: Transporter<SMTPPool.SentMessageInfo>;
  private cached?: { key: string; body: EmailBody; template: Promise<EmailTemplate> };

  constructor(
    private readonly channel: ChannelConfig,
    private readonly fanout: PushFanout,
  ) {
    this.settings = emailSettings(channel);
  }

  get batchSize(): number {
    return this.settings.batchSize;
  }

  /**
   * Five messages per pooled connection. Each chunk costs two statements (claim, record) whatever its size, and at
   * twice the pool's width those were a third of PostgreSQL's work in a 100,000 push (docs/benchmarks.md, 2026-12-05);
   * a crash mid-chunk still leaves at most this many recipients `unknown` per batch job.
   */
  get chunkSize(): number {
    return Math.min(this.settings.batchSize, this.settings.poolSize * 5);
  }

  get publicBaseUrl(): string {
    return this.settings.publicBaseUrl;
  }

  checkConfig(): string[] {
    return checkEmailSettings(this.channel.name, this.settings);
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    const start = await this.fanout.start(ctx, {
      medium: 'email', channel: this.channel.name, batchSize: this.settings.batchSize, unit: UNIT, unknownHint: UNKNOWN_HINT,
      staleMs: this.settings.staleMs, policy: { attempts: this.channel.queue.attempts, backoffMs: this.channel.queue.backoffMs },
    });
    return fanoutToSendOutcome(start, UNIT);
  }

  async poll(ctx: DeliveryContext): Promise<PollOutcome> {
    return pushPollOutcome(await this.fanout.recipients.outcome(ctx.delivery.id, UNIT, UNKNOWN_HINT, this.settings.staleMs));
  }

  async sendChunk(ctx: DeliveryContext, recipients: Recipient[]): Promise<RecipientResult[]> {
    const { body, template } = this.prepared(ctx);
    // should the template fail to build, each message is composed in full as before: no recipient is left claimed
    // and unsent over it
    const t = await template.catch(() => null);
    const date = new Date();
    const results = await Promise.all(recipients.map((r) => this.sendOne(ctx, body, t, date, r)));
    const auth = results.find((r) => r.status === 'failed' && r.error.startsWith('EAUTH'));
    // wrong SMTP credentials fail every recipient alike: stop the whole delivery instead of trying 100,000 times
    if (auth && auth.status === 'failed') throw new PushAbort(`SMTP authentication failed: ${auth.error}`, results);
    return results;
  }

  async sendVerification(to: { address: string; name: string }, link: string): Promise<void> {
    const hello = to.name ? `${to.name}，您好：` : '您好：';
    await this.smtp().sendMail({
      from: this.settings.from,
      replyTo: this.settings.replyTo ?? undefined,
      to: to.address,
      subject: '请确认订阅政务公开信息推送',
      text: `${hello}\n\n请打开以下链接确认您的邮箱，确认后才会向您推送政务公开信息：\n${link}\n\n链接7天内有效。如果您没有申请订阅，请忽略本邮件。\n`,
      html:
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body style="font-family:sans-serif;line-height:1.7">` +
        `<p>${escapeHtml(hello)}</p><p>请点击下面的链接确认您的邮箱，确认后才会向您推送政务公开信息：</p>` +
        `<p><a href="${escapeHtml(link)}">确认订阅</a></p><p style="color:#888;font-size:12px">链接7天内有效。如果您没有申请订阅，请忽略本邮件。</p></body></html>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  private async sendOne(ctx: DeliveryContext, body: EmailBody, template: EmailTemplate | null, date: Date, r: Recipient): Promise<RecipientResult> {
    const url = unsubscribeUrl(this.settings.publicBaseUrl, r.unsubscribeToken);
    // stable per (delivery, recipient): the receiving side and our records name the same message
    const messageIdLocal = `${ctx.delivery.id}.${r.subscriberId}`;
    const messageId = `<${messageIdLocal}@${this.domain()}>`;
    const raw = template?.render({ address: r.address, messageIdLocal, unsubscribeUrl: url }, date) ?? null;
    try {
      if (template && raw !== null) {
        await this.smtp().sendMail({ envelope: { from: template.envelopeFrom, to: [r.address] }, raw, messageId });
      } else {
        // no template, or a value it cannot carry as it is: nodemailer composes (and encodes) this one in full
        const mail = personalize(body, url, { 'X-Gongkai-Delivery': ctx.delivery.id });
        await this.smtp().sendMail({
          from: this.settings.from,
          replyTo: this.settings.replyTo ?? undefined,
          to: r.address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          messageId,
        });
      }
      return { subscriberId: r.subscriberId, status: 'sent', remoteId: messageId };
    } catch (err) {
      return { subscriberId: r.subscriberId, ...classifySmtpError(err) };
    }
  }

  /** The shared body and the raw-message template, built once per delivery and revision (and shared by its batches). */
  private prepared(ctx: DeliveryContext): { body: EmailBody; template: Promise<EmailTemplate> } {
    const key = `${ctx.delivery.id}:${ctx.disclosure.id}:${ctx.disclosure.revision}`;
    if (this.cached?.key !== key) {
      const body = composeEmailBody(ctx);
      const template = EmailTemplate.build({
        from: this.settings.from,
        replyTo: this.settings.replyTo,
        body,
        headers: { 'X-Gongkai-Delivery': ctx.delivery.id },
        messageIdDomain: this.domain(),
      });
      // a failed build is not kept: the next chunk tries again
      template.catch(() => (this.cached?.template === template ? (this.cached = undefined) : undefined));
      this.cached = { key, body, template };
    }
    return this.cached;
  }

  private domain(): string {
    return /@([^>\s]+)/.exec(this.settings.from)?.[1] ?? 'localhost';
  }

  /** One pooled transport per channel, opened on first use (the API process never mails). */
  private smtp(): Transporter<SMTPPool.SentMessageInfo> {
    if (!this.transport) {
      const u = new URL(this.settings.smtpUrl);
      const secure = u.protocol === 'smtps:';
      this.transport = nodemailer.createTransport({
        pool: true,
        host: u.hostname,
        port: Number(u.port || (secure ? 465 : 587)),
        secure,
        ignoreTLS: this.settings.ignoreTls,
        auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
        maxConnections: this.settings.poolSize,
        maxMessages: 500,
        connectionTimeout: this.settings.timeoutMs,
        greetingTimeout: this.settings.timeoutMs,
        socketTimeout: this.settings.timeoutMs,
        // nodemailer's pool puts a message back in its queue when the connection closes mid-send (5 times by
        // default), even after the server took the DATA: that is a second mail. A close is reported instead, and
        // classifySmtpError leaves such a recipient unknown.
        maxRequeues: 0,
        dkim: this.settings.dkim ? { ...this.settings.dkim, headerFieldNames: DKIM_HEADER_FIELDS } : undefined,
      });
    }
    return this.transport;
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}

/**
 * nodemailer's default list of signed headers (dkim/sign.js) plus List-Unsubscribe-Post, which it leaves out:
 * RFC 8058 §4 wants both one-click headers covered by the DKIM signature, or receivers ignore one-click.
 */
export const DKIM_HEADER_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:Content-ID:' +
  'Content-Description:Resent-Date:Resent-From:Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:' +
  'List-Id:List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:List-Archive:OTP-Token';

type SmtpError = { code?: string; responseCode?: number; command?: string; message?: string };

/** The connection was never made (or the pool was already closed): nothing of the message left this process. */
const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Connection pool was closed/;

/**
 * A reply code is the server's decision: 4xx means "not taken, try later", 5xx "refused". Without a reply, only a
 * connection that never opened proves nothing was handed over. nodemailer 10 uses ECONNECTION also for "Connection
 * closed unexpectedly" after DATA and for "Reached maximum number of retries after connection was closed", and
 * reports a timeout with command CONN even mid-DATA: the server may have taken the message, so it is unknown.
 */
export function classifySmtpError(err: unknown): { status: 'retry' | 'failed' | 'unknown'; error: string } {
  const e = (err ?? {}) as SmtpError;
  const error = `${e.code ?? 'ERROR'}: ${String(e.message ?? err).slice(0, 300)}`;
  if (e.code === 'EAUTH') return { status: 'failed', error };
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return { status: 'failed', error };
    if (e.responseCode >= 400) return { status: 'retry', error };
  }
  if (NEVER_CONNECTED.test(e.message ?? '')) return { status: 'retry', error };
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { status: 'failed', error };
  return { status: 'unknown', error };
}

@Injectable()
export class EmailAdapterFactory implements AdapterFactory {
  readonly type = 'email';
  constructor(private readonly fanout: PushFanout) {}
  create(channel: ChannelConfig): ChannelAdapter {
    return new EmailAdapter(channel, this.fanout);
  }
}
