import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returning } from '../../database/src/index.js';
import type { PushMedium, Recipient, RecipientResult } from './push.contract.js';

export interface PushCounts {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  unknown: number;
  cancelled: number;
  parts: number;
}

export interface BatchRange {
  fromId: number;
  toId: number;
}

export type PushOutcome =
  | { status: 'pending'; counts: PushCounts }
  | { status: 'delivered'; counts: PushCounts; remoteId: string }
  | { status: 'failed'; counts: PushCounts; error: string };

/**
 * The per-recipient send records of push deliveries. Every state change is a conditional UPDATE, so two jobs
 * that hold the same range (a duplicated or re-driven job) can never both send to one recipient: whoever moves a
 * row from `pending` to `sending` owns it.
 */
@Injectable()
export class PushRecipients {
  constructor(private readonly db: DataSource) {}

  /**
   * Fixes a delivery's audience once: verified, subscribed to the item, its group or its catalogue, and not
   * unsubscribed at this moment. Runs in SQL, so 100,000 recipients never pass through the process.
   */
  async snapshot(deliveryId: string, medium: PushMedium, topics: string[]): Promise<number> {
    await this.db.query(
      `INSERT INTO push_recipients (delivery_id, subscriber_id, medium, address, status)
       SELECT $1, s.id, $2, CASE WHEN $2 = 'email' THEN s.email ELSE s.phone END, 'pending'
       FROM subscribers s
       WHERE s.erased_at IS NULL
         AND CASE WHEN $2 = 'email'
               THEN s.email IS NOT NULL AND s.email_verified_at IS NOT NULL AND s.email_unsubscribed_at IS NULL
               ELSE s.phone IS NOT NULL AND s.phone_verified_at IS NOT NULL AND s.phone_opted_out_at IS NULL END
         AND EXISTS (SELECT 1 FROM subscriptions t WHERE t.subscriber_id = s.id AND t.topic = ANY($3))
       ON CONFLICT DO NOTHING`,
      [deliveryId, medium, topics],
    );
    return (await this.counts(deliveryId)).total;
  }

  /** Pending recipients cut into id ranges of at most `size`: what batch jobs carry instead of addresses. */
  async ranges(deliveryId: string, size: number): Promise<BatchRange[]> {
    const rows: { from_id: string; to_id: string }[] = await this.db.query(
      `SELECT min(subscriber_id) AS from_id, max(subscriber_id) AS to_id FROM (
         SELECT subscriber_id, (row_number() OVER (ORDER BY subscriber_id) - 1) / $2 AS b
         FROM push_recipients WHERE delivery_id = $1 AND status = 'pending') x
       GROUP BY b ORDER BY b`,
      [deliveryId, size],
    );
    return rows.map((r) => ({ fromId: Number(r.from_id), toId: Number(r.to_id) }));
  }

  /** A person's retry: recipients that were refused get another chance; `unknown` ones never do by themselves. */
  async resetFailed(deliveryId: string): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'pending', claimed_by = NULL, updated_at = now()
       WHERE delivery_id = $1 AND status = 'failed' RETURNING subscriber_id`,
      [deliveryId],
    ));
    return rows.length;
  }

  /**
   * Rows of this range that this same job left `sending` (its previous run died mid-chunk) may have been sent:
   * they become `unknown`, never pending again.
   */
  async releaseInterrupted(deliveryId: string, range: BatchRange, claimant: string): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'unknown', error = 'the worker stopped while sending; whether it arrived is unknown', updated_at = now()
       WHERE delivery_id = $1 AND subscriber_id BETWEEN $2 AND $3 AND status = 'sending' AND claimed_by = $4 RETURNING subscriber_id`,
      [deliveryId, range.fromId, range.toId, claimant],
    ));
    return rows.length;
  }

  /** Next pending recipients of the range, moved to `sending` for this claimant; keyset-paged by subscriber id. */
  async claim(deliveryId: string, range: BatchRange, claimant: string, limit: number): Promise<Recipient[]> {
    const rows: { subscriber_id: string; address: string; unsubscribe_token: string }[] = returning(await this.db.query(
      `WITH next AS (
         SELECT subscriber_id FROM push_recipients
         WHERE delivery_id = $1 AND subscriber_id BETWEEN $2 AND $3 AND status = 'pending'
         ORDER BY subscriber_id LIMIT $5 FOR UPDATE SKIP LOCKED)
       UPDATE push_recipients p SET status = 'sending', claimed_by = $4, claimed_at = now(), attempts = p.attempts + 1, updated_at = now()
       FROM next, subscribers s
       WHERE p.delivery_id = $1 AND p.subscriber_id = next.subscriber_id AND s.id = p.subscriber_id
       RETURNING p.subscriber_id, p.address, s.unsubscribe_token`,
      [deliveryId, range.fromId, range.toId, claimant, limit],
    ));
    return rows
      .map((r) => ({ subscriberId: Number(r.subscriber_id), address: r.address, unsubscribeToken: r.unsubscribe_token }))
      .sort((a, b) => a.subscriberId - b.subscriberId);
  }

  /** Records a chunk's results; `retry` goes back to pending unless this was the batch's last attempt. */
  async record(deliveryId: string, claimant: string, results: RecipientResult[], lastAttempt: boolean): Promise<void> {
    if (results.length === 0) return;
    const status = results.map((r) => (r.status === 'retry' ? (lastAttempt ? 'failed' : 'pending') : r.status));
    await this.db.query(
      `UPDATE push_recipients p SET status = v.status, remote_id = COALESCE(v.remote_id, p.remote_id), parts = COALESCE(v.parts, p.parts),
         error = v.error, sent_at = CASE WHEN v.status = 'sent' THEN now() ELSE p.sent_at END,
         claimed_by = CASE WHEN v.status = 'pending' THEN NULL ELSE p.claimed_by END, updated_at = now()
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::int[], $7::text[]) AS v(subscriber_id, status, remote_id, parts, error)
       WHERE p.delivery_id = $1 AND p.subscriber_id = v.subscriber_id AND p.status = 'sending' AND p.claimed_by = $2`,
      [
        deliveryId,
        claimant,
        results.map((r) => r.subscriberId),
        status,
        results.map((r) => (r.status === 'sent' ? r.remoteId ?? null : null)),
        results.map((r) => (r.status === 'sent' || r.status === 'failed' ? r.parts ?? null : null)),
        results.map((r) => (r.status === 'sent' ? null : r.error.slice(0, 500))),
      ],
    );
  }

  /** Rows a failed chunk could not report on: whether they were sent is unknown. */
  async markClaimedUnknown(deliveryId: string, claimant: string, error: string): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'unknown', error = $3, updated_at = now()
       WHERE delivery_id = $1 AND status = 'sending' AND claimed_by = $2 RETURNING subscriber_id`,
      [deliveryId, claimant, error.slice(0, 500)],
    ));
    return rows.length;
  }

  /** No recipient can succeed (refused template, bad credentials): this claim and every pending row fail. */
  async abort(deliveryId: string, claimant: string, error: string): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'failed', error = $3, updated_at = now()
       WHERE delivery_id = $1 AND (status = 'pending' OR (status = 'sending' AND claimed_by = $2)) RETURNING subscriber_id`,
      [deliveryId, claimant, error.slice(0, 500)],
    ));
    return rows.length;
  }

  /** The disclosure was withdrawn mid-send: stop mailing the recipients not reached yet. */
  async cancelPending(deliveryId: string, reason: string): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'cancelled', error = $2, updated_at = now()
       WHERE delivery_id = $1 AND status = 'pending' RETURNING subscriber_id`,
      [deliveryId, reason],
    ));
    return rows.length;
  }

  /** A batch job that failed for good leaves its range pending: those recipients fail with its error. */
  async failRange(deliveryId: string, range: BatchRange, error: string): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'failed', error = $4, updated_at = now()
       WHERE delivery_id = $1 AND subscriber_id BETWEEN $2 AND $3 AND status = 'pending' RETURNING subscriber_id`,
      [deliveryId, range.fromId, range.toId, error.slice(0, 500)],
    ));
    return rows.length;
  }

  /** `sending` rows nobody finished in time (their worker died and its job did not come back) become unknown. */
  async expireStale(deliveryId: string, olderThanMs: number): Promise<number> {
    const rows = returning(await this.db.query(
      `UPDATE push_recipients SET status = 'unknown', error = 'no result recorded in time; whether it arrived is unknown', updated_at = now()
       WHERE delivery_id = $1 AND status = 'sending' AND claimed_at < now() - ($2 || ' milliseconds')::interval RETURNING subscriber_id`,
      [deliveryId, olderThanMs],
    ));
    return rows.length;
  }

  /**
   * Whether a recipient still waits to be claimed: the delivery is then open whatever else the rows say. An index
   * probe, where counts() reads every row of the delivery; each batch's end asks this first (200 times a 100,000
   * push, at 40+ ms a count).
   */
  async anyPending(deliveryId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM push_recipients WHERE delivery_id = $1 AND status = 'pending') AS open`,
      [deliveryId],
    );
    return row.open === true;
  }

  async counts(deliveryId: string): Promise<PushCounts> {
    const rows: { status: string; n: number; parts: number }[] = await this.db.query(
      `SELECT status, count(*)::int AS n, COALESCE(sum(parts) FILTER (WHERE status = 'sent'), 0)::int AS parts
       FROM push_recipients WHERE delivery_id = $1 GROUP BY status`,
      [deliveryId],
    );
    const c: PushCounts = { total: 0, pending: 0, sending: 0, sent: 0, failed: 0, unknown: 0, cancelled: 0, parts: 0 };
    for (const r of rows) {
      c[r.status as keyof PushCounts] = r.n;
      c.total += r.n;
      c.parts += r.parts;
    }
    return c;
  }

  /** Where a push delivery stands: still sending, done, or done with recipients failed or unknown. */
  async outcome(deliveryId: string, unit: string, unknownHint: string, staleMs: number): Promise<PushOutcome> {
    await this.expireStale(deliveryId, staleMs);
    const counts = await this.counts(deliveryId);
    return describeOutcome(counts, unit, unknownHint);
  }
}

/** Pure, so the wording people read in the delivery's last error is tested on its own. */
export function describeOutcome(counts: PushCounts, unit: string, unknownHint: string): PushOutcome {
  if (counts.pending + counts.sending > 0) return { status: 'pending', counts };
  if (counts.failed + counts.unknown + counts.cancelled === 0) return { status: 'delivered', counts, remoteId: `${unit}:${counts.sent}` };
  const parts = [`${counts.sent} of ${counts.total} ${unit} sent`];
  if (counts.failed) parts.push(`${counts.failed} failed (a retry sends to those only)`);
  if (counts.unknown) parts.push(`outcome unknown for ${counts.unknown} ${unit}; ${unknownHint}`);
  if (counts.cancelled) parts.push(`${counts.cancelled} not sent because the disclosure was withdrawn`);
  return { status: 'failed', counts, error: parts.join('; ') };
}
