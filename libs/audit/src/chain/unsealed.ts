/**
 * Where unsealed entries can be, without scanning the log. The last seal of each batch stores the snapshot the
 * batch was taken under (`pg_current_snapshot()` before it read): every entry it did not seal was written by a
 * transaction still running then (in the snapshot's list) or by one begun after (id at or above its xmax).
 * So unsealed entries are among `writer_xid >= xmax OR writer_xid = ANY(running)`, which the writer_xid index
 * answers with a few entries, however long the log and however long a transaction elsewhere stays open.
 * docs/audit.md §1 has the argument.
 */
export interface UnsealedScope {
  /** entries of transactions begun after the snapshot ('0' when there is none: every entry with a writer) */
  from: string;
  /** entries of transactions running at the snapshot */
  running: string[];
}

/** The scope a stored snapshot gives, parsed from its text form `xmin:xmax:xip,xip,…`. */
export function unsealedScope(snapshot: string | null | undefined): UnsealedScope {
  if (!snapshot) return { from: '0', running: [] };
  const [, xmax, xip] = snapshot.split(':');
  return { from: xmax, running: xip ? xip.split(',') : [] };
}

/**
 * The entries of a scope, as a SQL condition on `audit_entries` aliased `alias`, with its two parameters at
 * `$first` and `$first + 1`: what the sealer and the seal status read.
 */
export function inScopeSql(alias: string, first: number): string {
  return `(${alias}.writer_xid >= $${first}::xid8 OR ${alias}.writer_xid = ANY($${first + 1}::xid8[]))`;
}

export const scopeParams = (scope: UnsealedScope): unknown[] => [scope.from, scope.running];
