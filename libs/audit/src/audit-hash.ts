import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  disclosureId: string | null;
  deliveryId: string | null;
  catalogueCode: string | null;
  screenId: string | null;
  departmentCode: string | null;
  channel: string | null;
  outcome: string | null;
  details: Record<string, unknown>;
}

/**
 * hash = SHA-256(prevHash ‖ RFC 8785 canonical JSON of the entry). Canonical JSON (sorted keys, fixed number
 * format) makes the hash independent of how Postgres' jsonb reorders the stored details.
 */
export function entryHash(prevHash: string, r: AuditRecord): string {
  const canonical = canonicalize({ ...r, seq: String(r.seq) });
  return createHash('sha256').update(prevHash).update('\n').update(canonical ?? '').digest('hex');
}
