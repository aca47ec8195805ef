import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH } from '../audit-hash.js';
import { recordFromRow, type AuditRow } from './audit-row.js';

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
 * Chains committed entries: in one transaction, the oldest unsealed entries whose writing transactions have all
 * ended, in id order, get seq = head + 1 … and their hashes, through audit_log_seal() (which checks the batch
 * starts at the head and links each entry to the one before). A batch is all or nothing: a sealer killed
 * mid-batch leaves nothing half-sealed, and the next one redoes the batch. docs/audit.md §1 has the argument.
 */
@Injectable()
export class AuditSealer {
  constructor(private readonly db: DataSource) {}

  /** One batch; null when another sealer holds the chain lock (it is doing the work). */
  sealBatch(limit = SEAL_BATCH): Promise<SealBatchResult | null> {
    return this.db.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [CHAIN_LOCK]);
      if (!locked) return null;
      const [head] = await m.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
      const headSeq = head ? Number(head.seq) : 0;
      // Below the snapshot's xmin every transaction has ended: one that committed is visible to this statement,
      // one that rolled back left no row, and no new row can get such a writer_xid. So nothing below the
      // horizon is still to come, and within it id order is kept. (One statement: xmin and rows, one snapshot.)
      const rows: AuditRow[] = await m.query(
        `SELECT id, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code, channel, outcome, details
         FROM audit_log WHERE seq IS NULL AND writer_xid < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY id LIMIT $1`,
        [limit],
      );
      if (rows.length === 0) return { sealed: 0, headSeq };
      let prev: string = head?.hash ?? GENESIS_HASH;
      const hashes = rows.map((r, i) => (prev = entryHash(prev, recordFromRow(r, headSeq + i + 1))));
      await m.query(`SELECT audit_log_seal($1::bigint[], $2::bigint, $3::text, $4::text[])`, [
        rows.map((r) => String(r.id)), headSeq + 1, head?.hash ?? GENESIS_HASH, hashes,
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
