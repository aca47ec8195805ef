import type { PublishedAttachment } from '../../attachments/src/index.js';
import type { Carrier } from '../../catalogue/src/index.js';

/** What an adapter sees of one delivery: ids and the content to publish, never queue internals. */
export interface DeliveryContext {
  delivery: {
    id: string;
    carrier: Carrier;
    channel: string;
    attempt: number;
    /** what this job does: the first publish, a re-publish of changed content, or a take-down */
    operation: 'publish' | 'update' | 'withdraw';
    /** a previous attempt started and never reported back (the worker died mid-send) */
    interrupted: boolean;
    remoteId: string | null;
    remoteUrl: string | null;
    state: Record<string, unknown>;
  };
  disclosure: {
    id: string;
    title: string;
    body: string;
    metadata: Record<string, unknown>;
    generatedAt: string;
    dueAt: string | null;
    /** bumped by every update, so a receiver can tell versions apart */
    revision: number;
    catalogueCode: string;
    itemId: string;
    itemPath: string[];
    publisher: string;
    office: string;
    departmentCode: string;
    /** 附件, each with the public address readers download it from (PUBLIC_BASE_URL); absent or empty: none */
    attachments?: PublishedAttachment[];
  };
  /** persist a step's result at once (e.g. a WeChat draft's media_id) so a retry resumes after it */
  saveState(patch: Record<string, unknown>): Promise<void>;
}

export type SendOutcome =
  | { status: 'delivered'; remoteId?: string; remoteUrl?: string }
  /** a person must act (manual task) before the carrier counts as done */
  | { status: 'awaiting_confirmation'; remoteId?: string; remoteUrl?: string }
  /**
   * accepted, result later (WeChat's asynchronous publish, the next gazette issue, screens acknowledging): the
   * delivery stays in_progress and awaiting_remote until a callback, the adapter's poll(), or a person settles it
   * through DeliveriesService.completeRemote()
   */
  | {
      status: 'pending';
      remoteId?: string;
      remoteUrl?: string;
      note?: string;
      /** 'person': the result waits for a person's act (publishing the gazette issue): shown as awaiting_confirmation */
      awaiting?: 'remote' | 'person';
    };

/** What poll() finds out about a pending delivery. */
export type PollOutcome =
  | { status: 'pending' }
  | { status: 'delivered'; remoteId?: string; remoteUrl?: string }
  | { status: 'failed'; error: string };

export type FailureKind =
  /** transient (5xx, network, rate limit): the queue retries with backoff */
  | 'retryable'
  /** the remote refused the content or the request (4xx): retrying cannot help */
  | 'permanent'
  /** sent, but whether it arrived is unknown (timeout on a non-idempotent remote): a person decides */
  | 'unknown_outcome';

/**
 * `details.retryAt` (ISO time) on a retryable error: the remote said when trying again can work (a daily quota
 * resets at midnight); the job waits until then without spending one of the channel's attempts.
 */
export class AdapterError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AdapterError';
  }
}

export interface ChannelAdapter {
  readonly type: string;
  /** true when the remote side deduplicates repeated sends (e.g. by Idempotency-Key) */
  readonly idempotent: boolean;
  /**
   * true when the adapter itself decides what to do after an interrupted attempt (ctx.delivery.interrupted),
   * from the steps it saved in ctx.delivery.state. Otherwise an interrupted attempt on a non-idempotent remote
   * ends `unconfirmed` without calling the adapter again.
   */
  readonly resumable?: boolean;
  send(ctx: DeliveryContext): Promise<SendOutcome>;
  /**
   * Re-publishes changed content in place (ctx.delivery.remoteId names what was published). Adapters whose
   * remote cannot change what it published leave this out: an update then becomes a manual follow-up task.
   */
  update?(ctx: DeliveryContext): Promise<SendOutcome>;
  /** Takes the publication down. Left out where that is impossible (an SMS already sent): a manual follow-up. */
  withdraw?(ctx: DeliveryContext): Promise<void>;
  /** Asks the remote about a `pending` delivery; the worker calls it every POLL_INTERVAL_MS until it settles. */
  poll?(ctx: DeliveryContext): Promise<PollOutcome>;
  /** problems with this channel's settings, each naming the setting; checked at boot */
  checkConfig(): string[];
}

/** Builds adapters of one type from a channel's settings; registered through DI, keyed by `type`. */
export interface AdapterFactory {
  readonly type: string;
  create(channel: ChannelConfig): ChannelAdapter;
}

export interface ChannelConfig {
  name: string;
  type: string;
  label: string;
  carriers: Carrier[];
  settings: Record<string, unknown>;
  queue: QueueSettings;
}

export interface QueueSettings {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  rateLimit?: { max: number; durationMs: number };
}

export const ADAPTER_FACTORIES = Symbol('ADAPTER_FACTORIES');
