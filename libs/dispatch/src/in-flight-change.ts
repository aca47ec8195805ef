import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { MANUAL_CHANNEL } from '../../channels/src/index.js';
import { returning } from '../../database/src/index.js';

export type FollowUpOperation = 'update' | 'withdraw';

/** Whether a channel's adapter can do the operation itself (else a person gets a task). */
export type CanFollowUp = (channel: string, operation: FollowUpOperation) => boolean;

/**
 * A withdrawal or an update committed while a delivery was out — its attempt in flight in the worker, or left
 * waiting on the remote (WeChat until PUBLISHJOBFINISH) — is seen only once the delivery is known to have arrived:
 * the remote then holds what it was sent, the revision read when the attempt began. This queues what the change
 * would have queued had the delivery already been delivered: the channel's withdraw or update as a new generation
 * of the delivery (returned, for the caller to enqueue after its commit), or a manual follow-up task for a person
 * where the channel cannot do it. Called under the disclosure's row lock, with `current` read under it.
 */
export async function followChangeMadeInFlight(
  m: EntityManager,
  row: { id: string; disclosure_id: string; carrier: string; channel: string },
  current: { withdraw_requested: boolean; revision: number },
  sentRevision: number | null,
  can: CanFollowUp,
): Promise<number | null> {
  const operation: FollowUpOperation | null = current.withdraw_requested
    ? 'withdraw'
    : sentRevision !== null && Number(current.revision) > sentRevision
      ? 'update'
      : null;
  if (!operation) return null;
  if (row.channel !== MANUAL_CHANNEL && can(row.channel, operation)) {
    const [r] = returning(await m.query(
      `UPDATE deliveries SET status = 'queued', operation = $2, generation = generation + 1, updated_at = now()
       WHERE id = $1 RETURNING generation`,
      [row.id, operation],
    ));
    return r.generation;
  }
  // the same follow-up task DisclosuresService.update and withdraw create for a channel that cannot do it
  await m.query(
    `INSERT INTO deliveries (id, disclosure_id, carrier, channel, adapter, status, follow_up_of, purpose)
     VALUES ($1, $2, $3, $4, 'manual', 'awaiting_confirmation', $5, $6)`,
    [randomUUID(), row.disclosure_id, row.carrier, MANUAL_CHANNEL, row.id, operation],
  );
  return null;
}
