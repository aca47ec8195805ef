import type { DataSource, EntityManager } from 'typeorm';
import type { AuditInput, AuditService } from '../../../audit/src/index.js';
import { returning } from '../../../database/src/index.js';
import { isDatabaseUnavailable } from '../database-errors.js';
import { recomputeDisclosureStatuses } from '../delivery-status.js';
import { followChangeMadeInFlight, type CanFollowUp } from '../in-flight-change.js';
import { MicroBatcher, type Settled } from './micro-batcher.js';

/** A claimed delivery row (deliveries.*), the status it had before (prev_status) and its disclosure row (as JSON). */
export type ClaimedDelivery = Record<string, any>;

export interface FinishItem {
  row: ClaimedDelivery;
  /** the status to store ('pending' stores in_progress with awaiting_remote) */
  status: string;
  /** what the audit entry's details carry besides operation, attempt, carrier and duration */
  info: { error?: string; remoteId?: string; remoteUrl?: string; [k: string]: unknown };
  started: number;
}

const ACTOR = 'system:worker';

/** The revision of the disclosure the claim read, which is what the attempt sent. */
function sentRevision(row: ClaimedDelivery): number | null {
  const r = (row.disclosure as Record<string, unknown> | undefined)?.revision;
  return r === undefined || r === null ? null : Number(r);
}

/** What the job must do next: queue the delivery again under this generation (a withdrawal or an update that
 * arrived while the attempt was in flight), or nothing. */
export interface FinishResult {
  requeue: number | null;
}

/**
 * The database side of delivery attempts, batched across the jobs a worker runs at once. Every claim and every
 * finish keeps its meaning — a claim locks and re-checks the row; a finish stores the outcome, recomputes the
 * disclosure and appends the audit entry in one transaction, committed before the job hears of it — but many
 * ride one statement and one commit. Profiles showed the worker's time going to one database round trip after
 * another (socket writes), and (until the sealer, docs/audit.md §1) every finish queueing on the audit chain's lock.
 */
export class DeliveryBatches {
  private readonly claims: MicroBatcher<string, ClaimedDelivery | undefined>;
  private readonly finishes: MicroBatcher<FinishItem, FinishResult>;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    /** whether a channel's adapter can update or withdraw what it published (else a person gets a task) */
    private readonly can: CanFollowUp,
  ) {
    this.claims = new MicroBatcher((ids) => this.claimMany(ids), { maxBatch: 200, maxInFlight: 2 });
    this.finishes = new MicroBatcher((items) => this.finishMany(items), { maxBatch: 500, maxInFlight: 1 });
  }

  /** Marks the delivery in progress (one more attempt) if it is still open; undefined when it is not. */
  claim(deliveryId: string): Promise<ClaimedDelivery | undefined> {
    return this.claims.submit(deliveryId);
  }

  /** Row, disclosure status and audit entry change together or not at all. */
  finish(item: FinishItem): Promise<FinishResult> {
    return this.finishes.submit(item);
  }

  private async claimMany(ids: string[]): Promise<Settled<ClaimedDelivery | undefined>[]> {
    // The same delivery twice (a duplicated job) is claimed twice, one after the other, as separate jobs always
    // were: the second then sees the first's in_progress and knows it may be a repeat.
    const first = ids.filter((id, i) => ids.indexOf(id) === i);
    let rows: Map<string, ClaimedDelivery>;
    try {
      rows = await this.claimRows(first);
    } catch (err) {
      // one bad id (not a uuid) must not fail its neighbours; an unreachable database fails them all at once
      if (first.length === 1 || isDatabaseUnavailable(err)) return ids.map(() => ({ ok: false, error: err }));
      return Promise.all(ids.map((id) => this.claimRows([id]).then((r) => ({ ok: true as const, value: r.get(id) }), (error: unknown) => ({ ok: false as const, error }))));
    }
    const out: Settled<ClaimedDelivery | undefined>[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      if (!seen.has(id)) {
        seen.add(id);
        out.push({ ok: true, value: rows.get(id) });
      } else {
        out.push(await this.claimRows([id]).then((r) => ({ ok: true as const, value: r.get(id) }), (error: unknown) => ({ ok: false as const, error })));
      }
    }
    return out;
  }

  /** One statement: lock the rows (in id order), claim the open ones, and bring each one's disclosure along. */
  private async claimRows(ids: string[]): Promise<Map<string, ClaimedDelivery>> {
    const rows = returning(await this.db.query(
      `WITH cur AS (SELECT id, status FROM deliveries WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
       UPDATE deliveries x SET status = 'in_progress', attempts = x.attempts + 1, updated_at = now()
       FROM cur, disclosures d
       WHERE x.id = cur.id AND cur.status IN ('queued','in_progress') AND NOT x.awaiting_remote AND d.id = x.disclosure_id
       RETURNING x.*, cur.status AS prev_status, to_jsonb(d.*) AS disclosure`,
      [ids],
    ));
    return new Map(rows.map((r) => [r.id as string, r]));
  }

  private async finishMany(items: FinishItem[]): Promise<Settled<FinishResult>[]> {
    const distinct = new Set(items.map((i) => i.row.id)).size === items.length;
    if (items.length > 1 && distinct) {
      try {
        const results = await this.db.transaction((m) => this.store(m, items));
        return results.map((value) => ({ ok: true, value }));
      } catch (err) {
        if (isDatabaseUnavailable(err)) return items.map(() => ({ ok: false, error: err }));
        // a deadlock with an API transaction, one row that breaks a constraint …: each on its own, so the
        // failure stays with the item it belongs to
      }
    }
    const out: Settled<FinishResult>[] = [];
    for (const item of items) {
      out.push(await this.db.transaction((m) => this.store(m, [item])).then(([value]) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })));
    }
    return out;
  }

  private async store(m: EntityManager, items: FinishItem[]): Promise<FinishResult[]> {
    const col = <T>(f: (i: FinishItem) => T) => items.map(f);
    // Lock order disclosure → delivery, as the API's update, withdraw, retry and confirm take them. Taking the
    // delivery row first (by updating it) and the disclosure second (recomputing its status) deadlocked with a
    // withdrawal arriving while the attempt was in flight.
    await m.query(`SELECT 1 FROM disclosures WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(col((i) => i.row.disclosure_id))]]);
    // withdraw_requested and the disclosure's revision are read here, under the locks, not from the claim: a
    // withdrawal or an update committed while the remote was being called is only visible now
    const current = new Map<string, { withdraw_requested: boolean; revision: number }>(returning(await m.query(
      `UPDATE deliveries x SET status = v.status, awaiting_remote = v.pending, last_error = COALESCE(v.error, x.last_error),
         remote_id = COALESCE(v.remote_id, x.remote_id), remote_url = COALESCE(v.remote_url, x.remote_url), updated_at = now(),
         delivered_at = CASE WHEN v.done THEN now() ELSE x.delivered_at END,
         on_time = CASE WHEN v.done THEN (d.due_at IS NULL OR now() <= d.due_at) ELSE x.on_time END,
         sent_revision = v.sent_revision
       FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::integer[])
              AS v(id, status, pending, error, remote_id, remote_url, done, sent_revision),
            disclosures d
       WHERE x.id = v.id AND d.id = x.disclosure_id
       RETURNING x.id, x.withdraw_requested, d.revision`,
      [
        col((i) => i.row.id),
        // 'pending_person': the remote waits for a person (an editor publishing the gazette issue) — shown as
        // awaiting confirmation, still settled once by completeRemote
        col((i) => (i.status === 'pending' ? 'in_progress' : i.status === 'pending_person' ? 'awaiting_confirmation' : i.status)),
        col((i) => i.status === 'pending' || i.status === 'pending_person'),
        col((i) => i.info.error ?? null),
        col((i) => i.info.remoteId ?? null),
        col((i) => i.info.remoteUrl ?? null),
        col((i) => i.status === 'delivered'),
        // what the remote got (or is still working on): completeRemote compares it with the revision then. None
        // when a person takes the content later from the disclosure itself (the gazette prints the text as it is
        // at printing), so an update made before then needs nothing more
        col((i) => (i.status === 'pending_person' ? null : sentRevision(i.row))),
      ],
    )).map((r) => [r.id as string, r as { withdraw_requested: boolean; revision: number }]));
    const results: FinishResult[] = [];
    for (const { row, status } of items) {
      const now = current.get(row.id);
      // only an arrival can be out of date; a withdrawal that went through needs nothing more
      if (status !== 'delivered' || row.operation === 'withdraw' || !now) results.push({ requeue: null });
      else results.push({ requeue: await followChangeMadeInFlight(m, row as never, now, sentRevision(row), this.can) });
    }
    await recomputeDisclosureStatuses(m, items.map((i) => i.row.disclosure_id));
    const now = Date.now();
    await this.audit.append(
      m,
      ...items.map(({ row, status, info, started }): AuditInput => ({
        actor: ACTOR,
        action: 'delivery.attempt',
        disclosureId: row.disclosure_id,
        deliveryId: row.id,
        departmentCode: null,
        channel: row.channel,
        outcome: status,
        details: { operation: row.operation, attempt: row.attempts, carrier: row.carrier, durationMs: now - started, ...stripUndefined(info) },
      })),
    );
    return results;
  }
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
