const OPEN = new Set(['queued', 'in_progress']);
/**
 * The figures of one scenario, from the database (the truth), the sinks' receipts (what the outside world saw)
 * and the API answers. Definitions (docs/reliability.md):
 * - lost: a delivery still open at the end; with always-accepting sinks, one that did not end `delivered`; one
 *   marked delivered that its sink never accepted; a failed one without a reason; a publish the API accepted
 *   that is not in the database, or one it never accepted.
 * - duplicates: a delivery a sink received under two different Idempotency-Keys; a second request to a sink
 *   that cannot deduplicate after a request it accepted or left unanswered; any request after a delivery was
 *   marked unconfirmed; two deliveries (or disclosures) where one was asked for.
 */
export async function verdict(d, o) {
    const notes = [...(o.notes ?? [])];
    let lost = 0;
    let duplicates = 0;
    const { rows } = await d.db.query(`SELECT x.id, x.disclosure_id, x.channel, x.carrier, x.status, x.awaiting_remote, x.last_error
     FROM deliveries x WHERE x.follow_up_of IS NULL`);
    const receipts = new Map();
    for (const r of d.sink.receipts) {
        const id = String(r.body.deliveryId ?? '');
        receipts.set(id, [...(receipts.get(id) ?? []), r]);
    }
    const byStatus = new Map();
    const problems = [];
    const problem = (s) => problems.length < 8 && problems.push(s);
    for (const x of rows) {
        byStatus.set(x.status, (byStatus.get(x.status) ?? 0) + 1);
        const got = receipts.get(x.id) ?? [];
        if (OPEN.has(x.status) || x.awaiting_remote) {
            lost++;
            problem(`delivery ${x.id} (${x.channel}) still ${x.status}`);
        }
        else if (o.allDelivered && x.status !== 'delivered') {
            lost++;
            problem(`delivery ${x.id} (${x.channel}) ended ${x.status}: ${x.last_error ?? ''}`);
        }
        else if (x.status === 'delivered' && !got.some((r) => r.answered >= 200 && r.answered < 300)) {
            lost++;
            problem(`delivery ${x.id} (${x.channel}) marked delivered but its sink never accepted it`);
        }
        else if (x.status === 'failed' && !x.last_error) {
            lost++;
            problem(`delivery ${x.id} (${x.channel}) failed without a reason`);
        }
        const keys = new Set(got.map((r) => r.idempotencyKey));
        if (keys.size > 1) {
            duplicates++;
            problem(`delivery ${x.id} reached ${x.channel} under ${keys.size} Idempotency-Keys`);
        }
        if (o.nonIdempotentSinks?.includes(x.channel)) {
            const firstSettled = got.findIndex((r) => r.answered === 0 || (r.answered >= 200 && r.answered < 300));
            if (firstSettled >= 0 && firstSettled < got.length - 1) {
                duplicates++;
                problem(`delivery ${x.id} sent again to ${x.channel}, which cannot deduplicate, after a request it accepted or left unanswered`);
            }
        }
    }
    // nothing unconfirmed is resent by itself: no request after the attempt that marked it
    const marks = await d.db.query(`SELECT delivery_id, min(at) AS at FROM audit_log WHERE action = 'delivery.attempt' AND outcome = 'unconfirmed' GROUP BY delivery_id`);
    let unconfirmedResent = 0;
    for (const m of marks.rows) {
        const after = (receipts.get(m.delivery_id) ?? []).filter((r) => new Date(r.at).getTime() > new Date(m.at).getTime());
        if (after.length) {
            unconfirmedResent++;
            problem(`delivery ${m.delivery_id} was sent again after it was marked unconfirmed`);
        }
    }
    duplicates += unconfirmedResent;
    // one delivery per disclosure, channel and carrier, in the database and at the sinks
    const twice = await d.db.query(`SELECT disclosure_id, channel, carrier, count(*)::int AS n FROM deliveries WHERE follow_up_of IS NULL
     GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    duplicates += twice.rows.reduce((s, r) => s + r.n - 1, 0);
    const perTarget = new Map();
    for (const r of d.sink.receipts) {
        const disclosure = r.body.disclosure?.id;
        const k = `${disclosure}|${r.sink}|${r.body.carrier}`;
        perTarget.set(k, (perTarget.get(k) ?? new Set()).add(String(r.body.deliveryId)));
    }
    for (const [k, ids] of perTarget) {
        if (ids.size > 1) {
            duplicates += ids.size - 1;
            problem(`${k} received ${ids.size} different deliveries`);
        }
    }
    const sameKey = await d.db.query(`SELECT idempotency_key, count(*)::int AS n FROM disclosures WHERE idempotency_key IS NOT NULL GROUP BY 1 HAVING count(*) > 1`);
    duplicates += sameKey.rows.reduce((s, r) => s + r.n - 1, 0);
    // every publish the API accepted is in the database; every publish asked for was accepted
    const accepted = o.loads.flatMap((l) => [...l.accepted.values()]);
    const found = await d.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE id = ANY($1)`, [accepted]);
    const missing = new Set(accepted).size - found.rows[0].n;
    if (missing > 0) {
        lost += missing;
        problem(`${missing} accepted disclosures are not in the database`);
    }
    for (const l of o.loads) {
        lost += l.refused.length + l.abandoned.length;
        for (const r of [...l.refused, ...l.abandoned].slice(0, 3))
            problem(`publish not accepted: ${r}`);
    }
    const crashed = d.crashed();
    if (crashed.length)
        problem(`processes that died on their own: ${crashed.join(', ')}`);
    const chain = await d.client(0).call('GET', '/api/audit/verify', { timeoutMs: 120000 });
    const chainValid = chain.status === 200 && chain.body.valid === true;
    if (!chainValid)
        problem(`audit chain: ${chain.status} ${JSON.stringify(chain.body).slice(0, 200)}`);
    notes.push(`deliveries by status: ${[...byStatus.entries()].map(([s, n]) => `${s} ${n}`).join(', ')}`, `sink requests: ${d.sink.receipts.length}; API answers: ${d.responses.summary()}`, ...(marks.rows.length ? [`unconfirmed: ${marks.rows.length}, of which sent again: ${unconfirmedResent}`] : []), ...d.responses.serverErrorSamples.slice(0, 5).map((s) => `server error: ${s}`), ...problems);
    return { deliveries: rows.length, lost, duplicates, serverErrors: d.responses.serverErrors + crashed.length, chainValid, notes };
}
//# sourceMappingURL=verdict.js.map