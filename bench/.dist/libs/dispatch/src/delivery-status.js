export const DELIVERY_STATUSES = ['queued', 'in_progress', 'delivered', 'failed', 'awaiting_confirmation', 'confirmed', 'unconfirmed', 'withdrawn'];
/** Statuses a worker may still act on; every other status is left alone by a re-run job. */
export const OPEN_STATUSES = ['queued', 'in_progress'];
/**
 * The disclosure's status follows from its deliveries; computed in SQL inside the transaction that changes a
 * delivery, so the two never disagree.
 */
export const RECOMPUTE_DISCLOSURE_STATUS = `
  UPDATE disclosures d SET updated_at = now(), status = CASE
    WHEN d.status = 'withdrawn' THEN 'withdrawn'
    WHEN s.open > 0 THEN 'dispatching'
    WHEN s.bad = 0 THEN 'delivered'
    WHEN s.good = 0 THEN 'failed'
    ELSE 'partially_delivered' END
  FROM (
    SELECT count(*) FILTER (WHERE status IN ('queued','in_progress','awaiting_confirmation')) AS open,
           count(*) FILTER (WHERE status IN ('failed','unconfirmed')) AS bad,
           count(*) FILTER (WHERE status IN ('delivered','confirmed')) AS good
    FROM deliveries WHERE disclosure_id = $1
  ) s
  WHERE d.id = $1`;
/**
 * Locks the disclosure row first: concurrent workers finishing sibling deliveries then recompute one after
 * another, each seeing the others' committed rows, so the last one always sets the final status.
 */
export async function recomputeDisclosureStatus(m, disclosureId) {
    await m.query(`SELECT 1 FROM disclosures WHERE id = $1 FOR UPDATE`, [disclosureId]);
    await m.query(RECOMPUTE_DISCLOSURE_STATUS, [disclosureId]);
}
/** RECOMPUTE_DISCLOSURE_STATUS for many disclosures in one statement ($1 = uuid[]). */
export const RECOMPUTE_DISCLOSURE_STATUSES = `
  UPDATE disclosures d SET updated_at = now(), status = CASE
    WHEN d.status = 'withdrawn' THEN 'withdrawn'
    WHEN s.open > 0 THEN 'dispatching'
    WHEN s.bad = 0 THEN 'delivered'
    WHEN s.good = 0 THEN 'failed'
    ELSE 'partially_delivered' END
  FROM (
    SELECT disclosure_id,
           count(*) FILTER (WHERE status IN ('queued','in_progress','awaiting_confirmation')) AS open,
           count(*) FILTER (WHERE status IN ('failed','unconfirmed')) AS bad,
           count(*) FILTER (WHERE status IN ('delivered','confirmed')) AS good
    FROM deliveries WHERE disclosure_id = ANY($1::uuid[]) GROUP BY disclosure_id
  ) s
  WHERE d.id = s.disclosure_id`;
/**
 * recomputeDisclosureStatus for the disclosures of a batch of finished deliveries: the rows are locked in id
 * order, so two batches sharing disclosures queue behind each other instead of deadlocking.
 */
export async function recomputeDisclosureStatuses(m, disclosureIds) {
    const ids = [...new Set(disclosureIds)];
    if (ids.length === 1)
        return recomputeDisclosureStatus(m, ids[0]);
    await m.query(`SELECT 1 FROM disclosures WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    await m.query(RECOMPUTE_DISCLOSURE_STATUSES, [ids]);
}
