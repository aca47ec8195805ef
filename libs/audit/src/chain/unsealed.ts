/**
 * Where unsealed entries can be, without scanning the log. The last seal of each batch stores the snapshot the
 * batch was taken under (`pg_current_snapshot()` before it read) and, when the batch was full, the last id it
 * took. Every entry it did not seal was written by a transaction still running then (in the snapshot's list) or
 * begun after (a transaction id at or above its xmax), or, for a full batch, has a larger id than those it took
 * (it read in id order). So unsealed entries are among
 * `writer_xid >= xmax OR writer_xid = ANY(running) OR id > resume_after`, which the writer_xid and id indexes
 * answer with a few entries, however long the log, however long a transaction elsewhere stays open, and however
 * large a backlog is being worked through. docs/audit.md §1 has the argument.
 */
export interface UnsealedScope {
  /** entries of transactions begun after the snapshot (null: none by this rule) */
  from: string | null;
  /** entries of transactions running at the snapshot */
  running: string[];
  /** entries with a larger id ('0' when there is no snapshot: every entry; null: none by this rule) */
  after: string | null;
}

/** The scope a head seal gives: its snapshot, as text `xmin:xmax:xip,xip,…`, and its resume_after. */
export function unsealedScope(head: { snapshot?: string | null; resume_after?: string | number | null } | undefined): UnsealedScope {
  if (!head?.snapshot) return { from: null, running: [], after: String(head?.resume_after ?? 0) };
  const [, xmax, xip] = head.snapshot.split(':');
  return { from: xmax, running: xip ? xip.split(',') : [], after: head.resume_after == null ? null : String(head.resume_after) };
}

/**
 * Entries of a scope, as a SQL condition on `audit_entries` aliased `alias`, with its three parameters from
 * `$first`: what the seal status counts.
 */
export function inScopeSql(alias: string, first: number): string {
  return `(${alias}.writer_xid >= $${first}::xid8 OR ${alias}.writer_xid = ANY($${first + 1}::xid8[]) OR ${alias}.id > $${first + 2}::bigint)`;
}

export const scopeParams = (scope: UnsealedScope): unknown[] => [scope.from, scope.running, scope.after];
