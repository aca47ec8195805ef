import type { AttachmentMeta } from '../../attachments/src/index.js';

export interface ReviewRecord {
  decision: 'approve' | 'return';
  /** the four checks of 先审后发: 保密关, 政治关, 法律关, 文字关 */
  checks: { secrecy: boolean; political: boolean; legal: boolean; wording: boolean };
  comments: string;
}

export interface DraftView {
  id: string;
  catalogueItemId: string;
  departmentCode: string;
  title: string;
  body: string;
  metadata: Record<string, unknown>;
  generatedAt: string;
  inputs: Record<string, unknown>;
  /** the files `inputs.attachmentIds` names, as the reviewer sees them (single-draft answers only) */
  attachments?: AttachmentMeta[];
  status: string;
  createdBy: string;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  review: ReviewRecord | null;
  scheduledAt: string | null;
  disclosureId: string | null;
  publishError: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

export function draftView(r: Record<string, any>): DraftView {
  return {
    id: r.id, catalogueItemId: r.catalogue_item_id, departmentCode: r.department_code, title: r.title, body: r.body,
    metadata: r.metadata, generatedAt: iso(r.generated_at)!, inputs: r.inputs, status: r.status, createdBy: r.created_by,
    submittedAt: iso(r.submitted_at), reviewedBy: r.reviewed_by, reviewedAt: iso(r.reviewed_at), review: r.review,
    scheduledAt: iso(r.scheduled_at), disclosureId: r.disclosure_id, publishError: r.publish_error,
    createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}
