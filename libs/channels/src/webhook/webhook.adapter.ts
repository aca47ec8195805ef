import { Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { AdapterError, type AdapterFactory, type ChannelAdapter, type ChannelConfig, type DeliveryContext, type SendOutcome } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { retryAfterMs } from '../retry-after.js';
import { sign, standardSignatures, standardSecretProblem } from './webhook.signature.js';

interface WebhookSettings {
  url: string;
  secret: string;
  /** secrets a rotation still accepts: every request is signed with each too, so receivers can switch at leisure */
  previousSecrets: string[];
  timeoutMs: number;
  /** the receiver deduplicates by webhook-id: a timeout is resent. Off by default: a CMS must be known to do it */
  idempotent: boolean;
  /** also send the pre-Standard-Webhooks headers (Idempotency-Key, X-Gongkai-Timestamp/-Signature) this release */
  legacyHeaders: boolean;
  allowPrivateNetwork: boolean;
}

/** Status codes worth another try: the request may succeed later unchanged. */
const RETRYABLE_STATUS = new Set([408, 425, 429]);
/** Only the start of a reply is ever used (its id and url, or an error snippet). */
const MAX_REPLY_BYTES = 1024 * 1024;

class RequestTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * A generic signed HTTP channel: POSTs the disclosure as JSON signed the Standard Webhooks way (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature` over id.timestamp.body), the id being the delivery's idempotency key,
 * so a receiver can drop the repeats a retry produces and a replay under another id does not verify.
 */
export class WebhookAdapter implements ChannelAdapter {
  readonly type = 'webhook';
  readonly idempotent: boolean;
  private readonly settings: WebhookSettings;
  private readonly agent: http.Agent;

  constructor(private readonly channel: ChannelConfig) {
    const s = channel.settings;
    this.settings = {
      url: String(s.url ?? ''),
      secret: String(s.secret ?? ''),
      previousSecrets: Array.isArray(s.previousSecrets) ? s.previousSecrets.map(String) : s.previousSecrets ? [String(s.previousSecrets)] : [],
      timeoutMs: Number(s.timeoutMs ?? 10000),
      // a third-party CMS is not known to deduplicate: a deployment says so explicitly when it does
      idempotent: s.idempotent === true,
      legacyHeaders: s.legacyHeaders !== false,
      allowPrivateNetwork: s.allowPrivateNetwork === true,
    };
    this.idempotent = this.settings.idempotent;
    // a keep-alive agent: connections stay open across deliveries instead of a handshake each
    this.agent = this.settings.url.startsWith('https:') ? new https.Agent({ keepAlive: true, maxSockets: 64 }) : new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  checkConfig(): string[] {
    const problems: string[] = [];
    const where = `channel ${this.channel.name}`;
    try {
      const u = new URL(this.settings.url);
      if (!/^https?:$/.test(u.protocol)) problems.push(`${where}: settings.url must be http(s)`);
    } catch {
      problems.push(`${where}: settings.url is not a valid URL`);
    }
    if (this.settings.secret.length < 16) problems.push(`${where}: settings.secret must be at least 16 characters`);
    else if (standardSecretProblem(this.settings.secret)) problems.push(`${where}: settings.secret ${standardSecretProblem(this.settings.secret)}`);
    if (this.settings.previousSecrets.some((x) => x.length < 16)) problems.push(`${where}: settings.previousSecrets must each be at least 16 characters`);
    for (const x of this.settings.previousSecrets) {
      const problem = x.length >= 16 ? standardSecretProblem(x) : null;
      if (problem) problems.push(`${where}: settings.previousSecrets: ${problem}`);
    }
    if (!(this.settings.timeoutMs > 0)) problems.push(`${where}: settings.timeoutMs must be positive`);
    return problems;
  }

  send(ctx: DeliveryContext): Promise<SendOutcome> {
    return this.post('disclosure.publish', ctx.delivery.id, ctx);
  }

  /** Same delivery, new revision: the key changes with the revision so the receiver applies each one once. */
  update(ctx: DeliveryContext): Promise<SendOutcome> {
    return this.post('disclosure.update', `${ctx.delivery.id}:r${ctx.disclosure.revision}`, ctx);
  }

  async withdraw(ctx: DeliveryContext): Promise<void> {
    await this.post('disclosure.withdraw', `${ctx.delivery.id}:withdraw`, ctx);
  }

  private async post(event: string, idempotencyKey: string, ctx: DeliveryContext): Promise<SendOutcome> {
    await assertPublicTarget(this.settings.url, this.settings.allowPrivateNetwork);
    const { delivery, disclosure } = ctx;
    const body = JSON.stringify({
      event,
      deliveryId: delivery.id,
      remoteId: delivery.remoteId,
      carrier: delivery.carrier,
      channel: delivery.channel,
      disclosure,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const s = this.settings;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'webhook-id': idempotencyKey,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': standardSignatures([s.secret, ...s.previousSecrets], idempotencyKey, timestamp, body),
      'x-gongkai-event': event,
    };
    if (s.legacyHeaders) {
      // for receivers not yet on webhook-signature; this signature does not cover the key (deprecated)
      Object.assign(headers, { 'idempotency-key': idempotencyKey, 'x-gongkai-timestamp': String(timestamp), 'x-gongkai-signature': sign(s.secret, timestamp, body) });
    }
    let res: { status: number; data: string; retryAfter?: string | string[] };
    try {
      res = await this.request(body, headers);
    } catch (err) {
      throw classifyNetworkError(err, this.idempotent);
    }
    if (res.status >= 200 && res.status < 300) {
      const reply = parseJson(res.data);
      return {
        status: 'delivered',
        remoteId: typeof reply?.id === 'string' || typeof reply?.id === 'number' ? String(reply.id) : undefined,
        remoteUrl: typeof reply?.url === 'string' ? reply.url : undefined,
      };
    }
    const snippet = String(res.data ?? '').slice(0, 200);
    const details: Record<string, unknown> = { status: res.status, response: snippet };
    if (res.status >= 500 || RETRYABLE_STATUS.has(res.status)) {
      // Standard Webhooks: a Retry-After (e.g. with 429 or 503) "should be taken into consideration"; it is recorded
      // in the attempt's audit details, and the channel's backoff decides the next try, as for App push
      const wait = retryAfterMs(res.retryAfter);
      if (wait !== undefined) details.retryAfterMs = wait;
      throw new AdapterError(`HTTP ${res.status} from ${this.channel.name}`, 'retryable', details);
    }
    if (res.status === 410) {
      // Standard Webhooks: 410 Gone says the receiver no longer wants these webhooks; nothing is resent by itself
      throw new AdapterError(`HTTP 410 from ${this.channel.name}: the receiver says it no longer accepts these requests (410 Gone); check settings.url with the receiver's operator: ${snippet}`, 'permanent', details);
    }
    throw new AdapterError(`HTTP ${res.status} from ${this.channel.name}: ${snippet}`, 'permanent', details);
  }

  /**
   * One POST on node's own client: no redirects followed, any status answered, the whole exchange bounded by
   * timeoutMs. (axios did the same at several times the CPU per delivery, which profiles of the worker showed.)
   */
  private request(body: string, headers: Record<string, string>): Promise<{ status: number; data: string; retryAfter?: string | string[] }> {
    const url = new URL(this.settings.url);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const req = client.request(
        url,
        { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < MAX_REPLY_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () => settle(() => resolve({ status: res.statusCode ?? 0, data: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] })));
          res.on('error', (err) => settle(() => reject(err)));
          // the connection dropped mid-reply
          res.on('close', () => settle(() => reject(Object.assign(new Error('connection closed before the reply ended'), { code: 'ECONNRESET' }))));
        },
      );
      const timer = setTimeout(() => {
        const err = new RequestTimeout(`timeout of ${this.settings.timeoutMs} ms exceeded`);
        settle(() => reject(err));
        req.destroy(err);
      }, this.settings.timeoutMs);
      req.on('error', (err) => settle(() => reject(err)));
      req.end(body);
    });
  }
}

function classifyNetworkError(raw: unknown, idempotent: boolean): AdapterError {
  const err = raw as NodeJS.ErrnoException;
  // duck-typed: node's own errors may come from another realm (Jest's vm), where instanceof Error fails
  if (!err || typeof err !== 'object' || typeof err.message !== 'string') return new AdapterError(String(raw), 'retryable', {}, { cause: raw });
  const timedOut = err instanceof RequestTimeout || err.code === 'ETIMEDOUT' || err.code === 'ECONNABORTED';
  if (timedOut) {
    // The request may have arrived: only a receiver that deduplicates can safely get it again.
    return new AdapterError(`timeout: ${err.message}`, idempotent ? 'retryable' : 'unknown_outcome', { code: err.code }, { cause: err });
  }
  if (err.code === 'ECONNRESET' && !idempotent) {
    return new AdapterError(`connection reset mid-request: ${err.message}`, 'unknown_outcome', { code: err.code }, { cause: err });
  }
  return new AdapterError(`network error: ${err.code ?? ''} ${err.message}`.trim(), 'retryable', { code: err.code }, { cause: err });
}

function parseJson(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string' || !data) return null;
  try {
    const v = JSON.parse(data);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

@Injectable()
export class WebhookAdapterFactory implements AdapterFactory {
  readonly type = 'webhook';
  create(channel: ChannelConfig): ChannelAdapter {
    return new WebhookAdapter(channel);
  }
}
