import type { RedisOptions } from 'bullmq';

/**
 * Queue names live here and nowhere else. Renaming one strands the jobs waiting in the old queue, so a rename
 * needs a migration step that drains it first.
 */
export const DISCLOSURE_QUEUE = 'disclosures';
export const FLOW_PRODUCER = 'dispatch';

/** One queue per channel, so each has its own concurrency, rate limit and retry policy. */
export function channelQueue(channel: string): string {
  return `channel-${channel}`;
}

/**
 * Targeted push fans one delivery out to many recipients: batch jobs for a push channel (email, SMS) wait on a
 * queue of their own, so a 100,000-recipient send never sits in front of the channel's ordinary deliveries.
 */
export function pushQueue(channel: string): string {
  return `push-${channel}`;
}

/** The job names and their payloads: jobs carry ids only, Postgres holds the truth. */
export interface JobPayloads {
  'disclosure.settle': { disclosureId: string };
  'delivery.send': { deliveryId: string };
  /** one batch of a push delivery: recipients with subscriber ids in [fromId, toId], never their addresses */
  'push.batch': { deliveryId: string; channel: string; fromId: number; toId: number };
  /** settles a push delivery once its batches are done (re-tried while the delivery's first job still runs) */
  'push.settle': { deliveryId: string; channel: string };
  /** sends a subscriber the link that confirms their email address */
  'push.verify': { subscriberId: number; channel: string };
}
export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = JobPayloads[N];

export function disclosureJobId(disclosureId: string): string {
  return `disclosure-${disclosureId}`;
}

/** Deterministic: a re-driven outbox row finds the job already there instead of adding a second one. */
export function deliveryJobId(deliveryId: string, generation: number): string {
  return generation === 0 ? deliveryId : `${deliveryId}.g${generation}`;
}

export function redisOptions(url: string, overrides: RedisOptions = {}): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...overrides,
  };
}
