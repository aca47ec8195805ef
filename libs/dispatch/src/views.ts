import type { AttachmentMeta } from '../../attachments/src/index.js';

/** Rows → API shapes. One place, so the API, the worker's logs and the exports agree on field names. */
export interface DeliveryView {
  id: string;
  disclosureId: string;
  carrier: string;
  channel: string;
  adapter: string;
  status: string;
  attempts: number;
  lastError: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  confirmation: Record<string, unknown> | null;
  /** publish, update or withdraw: what the latest job did or will do */
  operation: string;
  /** a follow-up manual task: the delivery it follows up, and why (update or withdraw) */
  followUpOf: string | null;
  purpose: string;
  onTime: boolean | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  /** the adapter's progress record (e.g. which screens acknowledged a screens delivery) */
  state: Record<string, unknown>;
}

export interface DisclosureView {
  id: string;
  catalogueCode: string;
  catalogueVersionId: number;
  catalogueItemId: string;
  itemId: string;
  departmentCode: string;
  title: string;
  body: string;
  metadata: Record<string, unknown>;
  /** 附件, in the editor's order; each file is downloadable at /api/public/attachments/:id/:filename while published */
  attachments: AttachmentMeta[];
  generatedAt: string;
  dueAt: string | null;
  dueProvisional: boolean;
  status: string;
  revision: number;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deliveries?: DeliveryView[];
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export function deliveryView(r: Record<string, unknown>): DeliveryView {
  return {
    id: r.id as string,
    disclosureId: r.disclosure_id as string,
    carrier: r.carrier as string,
    channel: r.channel as string,
    adapter: r.adapter as string,
    status: r.status as string,
    attempts: r.attempts as number,
    lastError: (r.last_error as string) ?? null,
    remoteId: (r.remote_id as string) ?? null,
    remoteUrl: (r.remote_url as string) ?? null,
    confirmation: (r.confirmation as Record<string, unknown>) ?? null,
    operation: r.operation as string,
    followUpOf: (r.follow_up_of as string) ?? null,
    purpose: r.purpose as string,
    onTime: (r.on_time as boolean) ?? null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    deliveredAt: iso(r.delivered_at),
    state: (r.state as Record<string, unknown>) ?? {},
  };
}

export function disclosureView(r: Record<string, unknown>): DisclosureView {
  return {
    id: r.id as string,
    catalogueCode: r.catalogue_code as string,
    catalogueVersionId: r.catalogue_version_id as number,
    catalogueItemId: `${r.catalogue_code}:${r.item_id}`,
    itemId: r.item_id as string,
    departmentCode: r.department_code as string,
    title: r.title as string,
    body: r.body as string,
    metadata: r.metadata as Record<string, unknown>,
    attachments: (r.attachments as AttachmentMeta[]) ?? [],
    generatedAt: iso(r.generated_at)!,
    dueAt: iso(r.due_at),
    dueProvisional: r.due_provisional as boolean,
    status: r.status as string,
    revision: r.revision as number,
    withdrawnAt: iso(r.withdrawn_at),
    withdrawReason: (r.withdraw_reason as string) ?? null,
    createdBy: r.created_by as string,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
