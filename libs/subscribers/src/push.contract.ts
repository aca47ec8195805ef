import type { DeliveryContext } from '../../channels/src/adapter.contract.js';

export type PushMedium = 'email' | 'sms';

/** One claimed recipient of a push delivery; the address is read from Postgres, never carried in a job. */
export interface Recipient {
  subscriberId: number;
  address: string;
  /** for the one-click unsubscribe link (email) */
  unsubscribeToken: string;
}

export type RecipientResult =
  | { subscriberId: number; status: 'sent'; remoteId?: string; parts?: number }
  /** refused for good (a 5xx reply, an invalid number): a person's retry may send to it again */
  | { subscriberId: number; status: 'failed'; error: string; parts?: number }
  /** not accepted and provably not delivered (a 4xx reply, a throttled request): the batch job tries again */
  | { subscriberId: number; status: 'retry'; error: string }
  /** sent, but whether it arrived is unknown (a timeout mid-transaction): never resent automatically */
  | { subscriberId: number; status: 'unknown'; error: string };

/**
 * A channel that fans one delivery out to subscribers. The worker claims recipients a chunk at a time, calls
 * sendChunk, and records each result at once, so a crash costs at most one chunk marked `unknown`.
 */
export interface PushSender {
  readonly medium: PushMedium;
  /** recipients per batch job (≤ the gateway's limit per request) */
  readonly batchSize: number;
  /** recipients claimed and sent together inside a batch (SMTP: the pool's width; SMS: one request) */
  readonly chunkSize: number;
  /** must report every recipient it was given; throws PushAbort when no recipient of the delivery can succeed */
  sendChunk(ctx: DeliveryContext, recipients: Recipient[]): Promise<RecipientResult[]>;
  /** what a person should do about `unknown` recipients, for the delivery's last error */
  readonly unknownHint: string;
}

/**
 * The whole delivery cannot succeed (template refused, bad credentials): every recipient not yet sent fails.
 * `results` reports what the chunk did before it stopped, so a recipient already sent is never marked failed.
 */
export class PushAbort extends Error {
  constructor(
    message: string,
    readonly results: RecipientResult[] = [],
  ) {
    super(message);
    this.name = 'PushAbort';
  }
}

export function isPushSender(adapter: unknown): adapter is PushSender {
  const a = adapter as Partial<PushSender> | null;
  return !!a && typeof a.sendChunk === 'function' && (a.medium === 'email' || a.medium === 'sms');
}

/** Adapters that can mail a subscriber the link that confirms their address. */
export interface VerificationSender {
  sendVerification(to: { address: string; name: string }, link: string): Promise<void>;
  readonly publicBaseUrl: string;
}

export function isVerificationSender(adapter: unknown): adapter is VerificationSender {
  return typeof (adapter as Partial<VerificationSender> | null)?.sendVerification === 'function';
}
