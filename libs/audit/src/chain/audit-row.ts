import type { AuditRecord } from '../audit-hash.js';

/** One audit_log row as Postgres returns it (snake_case, bigint seq as a string). */
export interface AuditRow {
  seq: string | number;
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
  prev_hash: string;
  hash: string;
}

/** An entry as the API and the exports show it: exactly the hashed fields, plus the two hashes. */
export interface AuditEntry extends AuditRecord {
  prevHash: string;
  hash: string;
}

/** The fields the hash covers, rebuilt from a stored row the same way append built them. */
export function recordFromRow(r: AuditRow): AuditRecord {
  return {
    seq: Number(r.seq),
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
  return { ...recordFromRow(r), prevHash: r.prev_hash, hash: r.hash };
}
