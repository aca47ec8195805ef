const iso = (v) => (v == null ? null : new Date(v).toISOString());
export function draftView(r) {
    return {
        id: r.id, catalogueItemId: r.catalogue_item_id, departmentCode: r.department_code, title: r.title, body: r.body,
        metadata: r.metadata, generatedAt: iso(r.generated_at), inputs: r.inputs, status: r.status, createdBy: r.created_by,
        submittedAt: iso(r.submitted_at), reviewedBy: r.reviewed_by, reviewedAt: iso(r.reviewed_at), review: r.review,
        scheduledAt: iso(r.scheduled_at), disclosureId: r.disclosure_id, publishError: r.publish_error,
        createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    };
}
