import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH, type AuditRecord } from './audit-hash.js';
import { recordFromRow, type AuditRow } from './chain/audit-row.js';

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

/** One lock id for the whole log: appends are serialized so concurrent writers extend one chain. */
const CHAIN_LOCK = 7_310_442_001;
/**
 * Lock, then read the head, in one round trip: a query without parameters goes as one simple-protocol message,
 * whose statements still run one after the other, each with a snapshot of its own (READ COMMITTED) — so the head
 * is read after the lock is held, exactly as with two separate queries. Every round trip saved here is taken
 * out of the time the chain lock is held, which all writers queue for.
 */
const LOCK_AND_HEAD = `SELECT pg_advisory_xact_lock(${CHAIN_LOCK}); SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;

/**
 * Appends to the hash-chained audit log inside the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. Call it last in a transaction: the chain lock is held until commit.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async append(m: EntityManager, ...inputs: AuditInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const head = await lockedHead(m);
    let seq = head ? Number(head.seq) : 0;
    let prev: string = head?.hash ?? GENESIS_HASH;
    const at = new Date().toISOString();
    const cols: unknown[] = [];
    const rows: string[] = [];
    for (const input of inputs) {
      seq += 1;
      const record: AuditRecord = {
        seq,
        at,
        actor: input.actor,
        action: input.action,
        disclosureId: input.disclosureId ?? null,
        deliveryId: input.deliveryId ?? null,
        catalogueCode: input.catalogueCode ?? null,
        screenId: input.screenId ?? null,
        departmentCode: input.departmentCode ?? null,
        channel: input.channel ?? null,
        outcome: input.outcome ?? null,
        details: input.details ?? {},
      };
      const hash = entryHash(prev, record);
      const base = cols.length;
      rows.push(`(${Array.from({ length: 14 }, (_, i) => `$${base + i + 1}`).join(',')})`);
      cols.push(seq, at, record.actor, record.action, record.disclosureId, record.deliveryId, record.catalogueCode, record.screenId,
        record.departmentCode, record.channel, record.outcome, JSON.stringify(record.details), prev, hash);
      prev = hash;
    }
    await m.query(
      `INSERT INTO audit_log (seq, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code,
        channel, outcome, details, prev_hash, hash) VALUES ${rows.join(',')}`,
      cols,
    );
  }

  /**
   * Appends outside any other work (login events, exports, settled dispatches …). Concurrent calls share one
   * transaction (group commit): each waits for the one running, and the chain lock and the commit are paid once
   * for all of them instead of once each. Resolves once its entries are committed; if a shared commit fails,
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
   * Walks the chain in seq order, one keyset page at a time, so memory stays flat for any log size. Anchored
   * heads (published outside the system) are checked on the way: the stored entry at an anchor's seq must still
   * have the anchored hash, which catches a rewrite that recomputed every hash after the change.
   */
  async verify(opts: { anchors?: AuditAnchorRef[]; pageSize?: number } = {}): Promise<VerifyResult> {
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
    const broken = (firstBrokenSeq: number, reason: string): VerifyResult => ({ valid: false, checked, firstBrokenSeq, head, reason, anchorsChecked });
    const page = (from: string): Promise<AuditRow[]> => {
      const p: Promise<AuditRow[]> = this.db.query(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [from, pageSize]);
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
        if (r.prev_hash !== prev) return broken(seq, `entry ${seq} does not link to the entry before it`);
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
    return { valid: true, checked, firstBrokenSeq: null, head, anchorsChecked };
  }

  /** The newest entry: what a daily anchor publishes. */
  async head(): Promise<{ seq: number; hash: string; at: string } | null> {
    const [r] = await this.db.query(`SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1`);
    return r ? { seq: Number(r.seq), hash: r.hash, at: new Date(r.at).toISOString() } : null;
  }
}

/** Takes the chain lock and reads the head, in one round trip when the transaction's pg client is at hand. */
async function lockedHead(m: EntityManager): Promise<{ seq: string | number; hash: string } | undefined> {
  const runner = m.queryRunner as { connect?: () => Promise<unknown> } | undefined;
  const client = (await runner?.connect?.()) as { query?: (sql: string) => Promise<unknown> } | undefined;
  if (typeof client?.query === 'function') {
    // node-postgres answers a multi-statement query with one result per statement
    const results = (await client.query(LOCK_AND_HEAD)) as { rows: { seq: string; hash: string }[] }[];
    if (Array.isArray(results) && results.length === 2) return results[1].rows[0];
  }
  await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const [head] = await m.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  return head;
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
}
