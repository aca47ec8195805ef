const iso = (v) => (v == null ? null : new Date(v).toISOString());
export function deliveryView(r) {
    return {
        id: r.id,
        disclosureId: r.disclosure_id,
        carrier: r.carrier,
        channel: r.channel,
        adapter: r.adapter,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error ?? null,
        remoteId: r.remote_id ?? null,
        remoteUrl: r.remote_url ?? null,
        confirmation: r.confirmation ?? null,
        operation: r.operation,
        followUpOf: r.follow_up_of ?? null,
        purpose: r.purpose,
        onTime: r.on_time ?? null,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
        deliveredAt: iso(r.delivered_at),
        state: r.state ?? {},
    };
}
export function disclosureView(r) {
    return {
        id: r.id,
        catalogueCode: r.catalogue_code,
        catalogueVersionId: r.catalogue_version_id,
        catalogueItemId: `${r.catalogue_code}:${r.item_id}`,
        itemId: r.item_id,
        departmentCode: r.department_code,
        title: r.title,
        body: r.body,
        metadata: r.metadata,
        generatedAt: iso(r.generated_at),
        dueAt: iso(r.due_at),
        dueProvisional: r.due_provisional,
        status: r.status,
        revision: r.revision,
        withdrawnAt: iso(r.withdrawn_at),
        withdrawReason: r.withdraw_reason ?? null,
        createdBy: r.created_by,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
    };
}
