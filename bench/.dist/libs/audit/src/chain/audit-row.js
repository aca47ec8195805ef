/** The fields the hash covers, rebuilt from a stored row the same way append built them. */
export function recordFromRow(r) {
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
export function entryFromRow(r) {
    return { ...recordFromRow(r), prevHash: r.prev_hash, hash: r.hash };
}
