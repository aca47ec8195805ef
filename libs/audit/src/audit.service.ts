import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH, type AuditRecord } from './audit-hash.js';

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
 * Appends to the hash-chained audit log inside the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. Call it last in a transaction: the chain lock is held until commit.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async append(m: EntityManager, ...inputs: AuditInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [head] = await m.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
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

  /** Appends outside any other work (login events, exports …). */
  async record(...inputs: AuditInput[]): Promise<void> {
    await this.db.transaction((m) => this.append(m, ...inputs));
  }

  /**
   * Walks the chain in seq order, in pages, so memory stays flat for any log size. With an anchored head
   * (published outside the system) it also checks that the stored entry at that seq still has that hash.
   */
  async verify(anchor?: { seq: number; hash: string }): Promise<{ valid: boolean; checked: number; firstBrokenSeq: number | null; head: { seq: number; hash: string } | null; reason?: string }> {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let head: { seq: number; hash: string } | null = null;
    let anchorSeen = false;
    for (;;) {
      const rows = await this.db.query(
        `SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT 5000`,
        [expectedSeq],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        const broken = (reason: string) => ({ valid: false, checked, firstBrokenSeq: seq === expectedSeq ? seq : expectedSeq, head, reason });
        if (seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
        if (r.prev_hash !== prev) return broken(`entry ${seq} does not link to the entry before it`);
        const record: AuditRecord = {
          seq,
          at: new Date(r.at).toISOString(),
          actor: r.actor,
          action: r.action,
          disclosureId: r.disclosure_id,
          deliveryId: r.delivery_id,
          catalogueCode: r.catalogue_code,
          screenId: r.screen_id,
          departmentCode: r.department_code,
          channel: r.channel,
          outcome: r.outcome,
          details: r.details,
        };
        if (entryHash(prev, record) !== r.hash) return broken(`entry ${seq} was changed after it was written`);
        if (anchor && anchor.seq === seq) {
          anchorSeen = true;
          if (anchor.hash !== r.hash) return broken(`entry ${seq} does not match the anchored hash`);
        }
        prev = r.hash;
        head = { seq, hash: r.hash };
        checked += 1;
        expectedSeq += 1;
      }
    }
    if (anchor && !anchorSeen) {
      return { valid: false, checked, firstBrokenSeq: Math.min(anchor.seq, expectedSeq), head, reason: `anchored entry ${anchor.seq} is missing` };
    }
    return { valid: true, checked, firstBrokenSeq: null, head };
  }
}
