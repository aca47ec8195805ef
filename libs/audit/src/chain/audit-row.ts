import type { AuditRecord } from '../audit-hash.js';

/**
 * One audit_log row as Postgres returns it (snake_case, bigints as strings). `seq`, `prev_hash` and `hash` are
 * null until the sealer has chained the entry (docs/audit.md §1).
 */
export interface AuditRow {
  id: string | number;
  seq: string | number | null;
  at: Date | string;
  actor: string;
  action: string;
  disclosure_id: string | null;
  delivery_id: string | null;
  catalogue_code: string | null;
  screen_id: string | null;
  department_code: string | null;
  channel: string | null;
  outcome: string | null;
  details: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
  sealed_at?: Date | string | null;
}

/**
 * An entry as the API and the exports show it: the hashed fields, plus the two hashes. `id` orders entries as
 * they were written; `seq` (null while unsealed) is their place in the chain.
 */
export interface AuditEntry extends Omit<AuditRecord, 'seq'> {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

/** The fields the hash covers, rebuilt from a stored row the same way the sealer built them. */
export function recordFromRow(r: AuditRow, seq: number = Number(r.seq)): AuditRecord {
  return {
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
}

export function entryFromRow(r: AuditRow): AuditEntry {
  const { seq: _seq, ...record } = recordFromRow(r);
  return { id: Number(r.id), ...record, seq: r.seq === null ? null : Number(r.seq), prevHash: r.prev_hash, hash: r.hash };
}
