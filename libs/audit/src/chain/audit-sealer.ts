import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH } from '../audit-hash.js';
import { recordFromRow, type AuditRow } from './audit-row.js';
import { scopeParams, unsealedScope } from './unsealed.js';

/**
 * The lock a sealing batch holds until it commits. Taken with try: a second sealer skips its turn instead of
 * queueing. It is the id writers of earlier releases took for every append, so an old process still appending
 * sealed rows right after the migration never interleaves with a sealer (docs/audit.md, upgrading).
 */
export const CHAIN_LOCK = 7_310_442_001;

/** NOTIFY channel: after each committed batch, with the new head seq as payload (what tests and tools wait on). */
export const SEALED_CHANNEL = 'audit_sealed';

export const SEAL_BATCH = 5000;

export interface SealBatchResult {
  /** entries sealed by this batch */
  sealed: number;
  /** the sealed head after it */
  headSeq: number;
}

/**
 * Chains committed entries: in one transaction, the unsealed entries committed so far, in id order, get
 * seq = head + 1 … and their hashes as rows of audit_seals, through audit_log_seal() (which checks the batch
 * starts at the head and links each entry to the one before). Entries themselves are never updated. A batch is
 * all or nothing: a sealer killed mid-batch leaves nothing half-sealed, and the next one redoes the batch. docs/audit.md §1 has the argument.
 */
@Injectable()
export class AuditSealer {
  constructor(private readonly db: DataSource) {}

  /** One batch; null when another sealer holds the chain lock (it is doing the work). */
  sealBatch(limit = SEAL_BATCH): Promise<SealBatchResult | null> {
    return this.db.transaction(async (m) => {
      // No parallel plans in this transaction: its reads are a few index probes, and launching parallel workers (which
      // an estimate from stale statistics invites) costs 10-20 ms a batch.
      const [{ locked }] = await m.query(
        `SELECT pg_try_advisory_xact_lock($1) AS locked, set_config('max_parallel_workers_per_gather', '0', true)`,
        [CHAIN_LOCK],
      );
      if (!locked) return null;
      // The head, and the snapshot this batch works under: taken before the read below, so every transaction it
      // does not list as running has committed (and is seen by that read) or never will.
      const [head] = await m.query(
        `SELECT h.seq, h.hash, h.snapshot::text AS snapshot, h.resume_after, pg_current_snapshot()::text AS now
           FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash, snapshot, resume_after FROM audit_seals ORDER BY seq DESC LIMIT 1) h ON true`,
      );
      const headSeq = head.seq === null ? 0 : Number(head.seq);
      const scope = unsealedScope(head);
      // Every committed entry this statement sees that has no seal, oldest first, among those the last batch left
      // (chain/unsealed.ts). Two index-shaped parts: the entries after the last full batch's id, in id order and
      // no more than a batch, and the entries of the transactions the last snapshot had running or not begun.
      // An entry whose transaction commits later (even with a smaller id) is simply sealed by a later batch, after
      // these: the chain's order is the order of sealing, and nothing is waited for. A rolled-back transaction
      // left no row to seal.
      const rows: AuditRow[] = await m.query(
        `WITH c AS MATERIALIZED (
           (SELECT e.id FROM audit_entries e WHERE e.id > $3::bigint AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.id = e.id)
             ORDER BY e.id LIMIT $4)
           UNION
           SELECT e.id FROM audit_entries e WHERE (e.writer_xid >= $1::xid8 OR e.writer_xid = ANY($2::xid8[]))
             AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.id = e.id))
         SELECT e.id, e.at, e.actor, e.action, e.disclosure_id, e.delivery_id, e.catalogue_code, e.screen_id, e.department_code,
                e.channel, e.outcome, e.details
           FROM (SELECT id FROM c ORDER BY id LIMIT $4) x JOIN audit_entries e ON e.id = x.id ORDER BY e.id`,
        [...scopeParams(scope), limit],
      );
      if (rows.length === 0) return { sealed: 0, headSeq };
      let prev: string = head.hash ?? GENESIS_HASH;
      const hashes = rows.map((r, i) => (prev = entryHash(prev, recordFromRow(r, headSeq + i + 1))));
      // a full batch may have left entries behind, all after the last id it took (it read in id order)
      const resumeAfter = rows.length < limit ? null : String(rows[rows.length - 1].id);
      await m.query(`SELECT audit_log_seal($1::bigint[], $2::bigint, $3::text, $4::text[], $5::pg_snapshot, $6::bigint)`, [
        rows.map((r) => String(r.id)), headSeq + 1, head.hash ?? GENESIS_HASH, hashes, head.now, resumeAfter,
      ]);
      const newHead = headSeq + rows.length;
      await m.query(`SELECT pg_notify($1, $2)`, [SEALED_CHANNEL, String(newHead)]);
      return { sealed: rows.length, headSeq: newHead };
    });
  }

  /** Seals until nothing eligible is left (or another sealer has the lock); the number sealed. */
  async sealAll(limit = SEAL_BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.sealBatch(limit);
      if (!r) return total;
      total += r.sealed;
      if (r.sealed < limit) return total;
    }
  }
}
