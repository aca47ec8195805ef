import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH } from './audit-hash.js';
import { recordFromRow, type AuditRow } from './chain/audit-row.js';
import { inScopeSql, scopeParams, unsealedScope } from './chain/unsealed.js';

export interface AuditInput {
  actor: string;
  action: string;
  disclosureId?: string | null;
  deliveryId?: string | null;
  catalogueCode?: string | null;
  screenId?: string | null;
  departmentCode?: string | null;
  channel?: string | null;
  outcome?: string | null;
  details?: Record<string, unknown>;
}

/** The columns a writer inserts: the hashed fields but `seq`, which the sealer gives. */
const INSERT_COLUMNS = 11;

/**
 * The INSERT of audit entries, its parameters numbered from `$first`: for append(), and for a statement that
 * writes its entry in a CTE beside the change it records (one statement and one commit, e.g. a publish), which
 * is as good as the same transaction.
 */
export function auditInsert(inputs: AuditInput[], first: number): { sql: string; params: unknown[] } {
  // millisecond precision, as hashed: the ISO string read back from timestamptz is the same one
  const at = new Date().toISOString();
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const input of inputs) {
    const base = first + params.length;
    rows.push(`(${Array.from({ length: INSERT_COLUMNS }, (_, i) => `$${base + i}`).join(',')})`);
    params.push(at, input.actor, input.action, input.disclosureId ?? null, input.deliveryId ?? null, input.catalogueCode ?? null,
      input.screenId ?? null, input.departmentCode ?? null, input.channel ?? null, input.outcome ?? null, JSON.stringify(input.details ?? {}));
  }
  // id and writer_xid come from their column defaults (a sequence and pg_current_xact_id())
  return {
    sql: `INSERT INTO audit_entries (at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code,
        channel, outcome, details) VALUES ${rows.join(',')}`,
    params,
  };
}

/**
 * Writes audit entries inside the caller's transaction, so an entry exists exactly when the change it describes
 * was committed. Writers take no lock: an entry is inserted unsealed (an `id` from a sequence, the writer's
 * transaction id, no `seq` or hashes) and the sealer (chain/audit-sealer.ts) chains committed entries shortly
 * after commit. See docs/audit.md §1 for why nothing can be lost, reordered or forged.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async append(m: EntityManager, ...inputs: AuditInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const { sql, params } = auditInsert(inputs, 1);
    await m.query(sql, params);
  }

  /**
   * Appends outside any other work (login events, exports, settled dispatches …). Concurrent calls share one
   * transaction (group commit): each waits for the one running, and the commit is paid once for all of them
   * instead of once each. Resolves once its entries are committed; if a shared commit fails,
   * each call is retried on its own so a failure stays with the call it belongs to.
   */
  record(...inputs: AuditInput[]): Promise<void> {
    if (inputs.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ inputs, resolve, reject });
      if (!this.recording) void this.recordWaiting();
    });
  }

  private waiting: { inputs: AuditInput[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private recording = false;

  private async recordWaiting(): Promise<void> {
    this.recording = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, 500);
        try {
          await this.db.transaction((m) => this.append(m, ...batch.flatMap((b) => b.inputs)));
          batch.forEach((b) => b.resolve());
        } catch (err) {
          if (batch.length === 1) batch[0].reject(err);
          else for (const b of batch) await this.db.transaction((m) => this.append(m, ...b.inputs)).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.recording = false;
    }
  }

  /**
   * Walks the sealed chain in seq order, one keyset page at a time, so memory stays flat for any log size.
   * Anchored heads (published outside the system) are checked on the way: the stored entry at an anchor's seq
   * must still have the anchored hash, which catches a rewrite that recomputed every hash after the change.
   * Then the unsealed tail: its entries are not chained yet, and none may lie where the sealer never looks
   * (`unsealed` counts them).
   */
  verify(opts: { anchors?: AuditAnchorRef[]; pageSize?: number } = {}): Promise<VerifyResult> {
    // One REPEATABLE READ transaction: every page and the unsealed tail are read from the same snapshot, so a batch
    // the sealer commits meanwhile is wholly in or wholly out of what is checked. It is read-only, so it takes no
    // transaction id and holds back no sealing. No parallel plans: a page is an index walk of 5,000 rows, and
    // launching workers for each cost more than the page.
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      return this.verifyIn(m, opts);
    });
  }

  private async verifyIn(m: EntityManager, opts: { anchors?: AuditAnchorRef[]; pageSize?: number }): Promise<VerifyResult> {
    const pageSize = opts.pageSize ?? 5000;
    const anchors = new Map<number, AuditAnchorRef[]>();
    for (const a of opts.anchors ?? []) anchors.set(a.seq, [...(anchors.get(a.seq) ?? []), a]);
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let anchorsChecked = 0;
    let head: { seq: number; hash: string } | null = null;
    // bigint's minimum: rows a tamperer slipped in before seq 1 are read too, and fail
    let after = '-9223372036854775808';
    let unsealed = 0;
    const broken = (firstBrokenSeq: number, reason: string): VerifyResult => ({ valid: false, checked, firstBrokenSeq, head, reason, anchorsChecked, unsealed });
    const page = (from: string): Promise<AuditRow[]> => {
      // seq > x leaves the unsealed (seq NULL) rows out: they are checked below
      const p: Promise<AuditRow[]> = m.query(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [from, pageSize]);
      p.catch(() => undefined); // handled where it is awaited; a break found first may leave it unawaited
      return p;
    };
    let next = page(after);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      after = String(rows[rows.length - 1].seq);
      // the next page is read while this one is hashed (keyset: it starts after this page's last seq)
      next = page(after);
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq < expectedSeq) return broken(seq, `entry ${seq} is not part of the chain (the chain starts at 1)`);
        if (seq > expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing`);
        if (r.prev_hash !== prev || r.hash === null) return broken(seq, `entry ${seq} does not link to the entry before it`);
        if (entryHash(prev, recordFromRow(r)) !== r.hash) return broken(seq, `entry ${seq} was changed after it was written`);
        for (const a of anchors.get(seq) ?? []) {
          anchorsChecked += 1;
          if (a.hash !== r.hash) return broken(seq, `entry ${seq} does not match the anchored hash${a.source ? ` (${a.source})` : ''}`);
        }
        anchors.delete(seq);
        prev = r.hash;
        head = { seq, hash: r.hash };
        checked += 1;
        expectedSeq += 1;
      }
    }
    if (anchors.size > 0) {
      const missing = Math.min(...anchors.keys());
      return broken(expectedSeq, `anchored entry ${missing} is missing: the log ends at ${expectedSeq - 1}`);
    }
    // The tail the sealer has not reached, counted in full (verify reads everything anyway). An unsealed entry
    // outside the head's scope would never be looked for (chain/unsealed.ts): its writer had ended by the head's
    // snapshot and its id is not past the batch's last. Only a writer_xid forged at insert or a sealer bug puts
    // one there, and it would stay out of the chain for good.
    const [tail] = await m.query(
      `SELECT count(*)::int AS n,
              min(e.id) FILTER (WHERE h.snapshot IS NOT NULL AND (h.resume_after IS NULL OR e.id <= h.resume_after)
                                  AND (e.writer_xid IS NULL OR pg_visible_in_snapshot(e.writer_xid, h.snapshot))) AS hidden
         FROM audit_entries e
         LEFT JOIN LATERAL (SELECT snapshot, resume_after FROM audit_seals ORDER BY seq DESC LIMIT 1) h ON true
        WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.id = e.id)`,
    );
    unsealed = tail.n;
    if (tail.hidden !== null) return broken(expectedSeq, `unsealed entry id ${tail.hidden} is outside where the sealer looks and would never be sealed`);
    return { valid: true, checked, firstBrokenSeq: null, head, anchorsChecked, unsealed };
  }

  /** The newest sealed entry: what a daily anchor publishes (unsealed entries have no hash to publish yet). */
  async head(): Promise<{ seq: number; hash: string; at: string } | null> {
    const [r] = await this.db.query(`SELECT s.seq, s.hash, e.at FROM audit_seals s JOIN audit_entries e ON e.id = s.id ORDER BY s.seq DESC LIMIT 1`);
    return r ? { seq: Number(r.seq), hash: r.hash, at: new Date(r.at).toISOString() } : null;
  }

  /** How far the sealer has come: the back office's "已封存至第 N 条，待封存 M 条" and the lag gauges. */
  async sealStatus(): Promise<SealStatus> {
    // only entries in the head's scope can be unsealed (chain/unsealed.ts; verify checks that none is outside it),
    // passed as values so the planner sees how few they are and uses the index
    const [head] = await this.db.query(`SELECT seq, snapshot::text AS snapshot, resume_after FROM audit_seals ORDER BY seq DESC LIMIT 1`);
    const [tail] = await this.db.query(
      `SELECT count(*)::int AS n, min(at) AS oldest FROM audit_entries e
        WHERE ${inScopeSql('e', 1)} AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.id = e.id)`,
      scopeParams(unsealedScope(head)),
    );
    return {
      sealedSeq: head ? Number(head.seq) : 0,
      unsealedCount: tail.n,
      oldestUnsealedAt: tail.oldest ? new Date(tail.oldest).toISOString() : null,
    };
  }
}

export interface SealStatus {
  /** the last sealed seq (0 when nothing is sealed yet) */
  sealedSeq: number;
  unsealedCount: number;
  oldestUnsealedAt: string | null;
}

/** A head published outside the system: the entry at `seq` must have `hash`. */
export interface AuditAnchorRef {
  seq: number;
  hash: string;
  /** where the anchor came from, named in the reason when it does not match */
  source?: string;
}

export interface VerifyResult {
  valid: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  head: { seq: number; hash: string } | null;
  reason?: string;
  anchorsChecked: number;
  /** entries written but not sealed yet: outside the chain checked, well-formed */
  unsealed: number;
}
