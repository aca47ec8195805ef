import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
export const GENESIS_HASH = '0'.repeat(64);
/**
 * hash = SHA-256(prevHash ‖ RFC 8785 canonical JSON of the entry). Canonical JSON (sorted keys, fixed number
 * format) makes the hash independent of how Postgres' jsonb reorders the stored details.
 */
export function entryHash(prevHash, r) {
    const canonical = canonicalize({ ...r, seq: String(r.seq) });
    return createHash('sha256').update(prevHash).update('\n').update(canonical ?? '').digest('hex');
}
