// The API's shapes as the back office uses them (see libs/dispatch/src/views.ts, libs/review/src/draft.view.ts).

export type Role = 'editor' | 'reviewer' | 'publisher' | 'auditor' | 'admin';

export interface User {
  id: string;
  username: string;
  roles: Role[];
  departmentCode: string | null;
}

export interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export type TimeLimit =
  | { kind: 'working_days'; days: number; text?: string }
  | { kind: 'immediate'; text?: string }
  | { kind: 'days_after_approval'; days: number; text?: string }
  | { kind: 'after_notice_period'; months: number; text?: string }
  | { kind: 'with_policy'; text?: string }
  | { kind: 'after_review'; text?: string }
  | { kind: 'annual_report'; month: number; day: number; text?: string };

export interface ResolvedChannel {
  carrier: string;
  channel: string;
  type: string;
  label: string;
}

export interface CatalogueItem {
  id: string;
  itemId: string;
  catalogue: string;
  path: string[];
  content: string;
  timeLimit: TimeLimit;
  publisher: string;
  carriers: string[];
  office: string;
  channels: ResolvedChannel[];
}

export interface CatalogueSummary {
  code: string;
  name: string;
  department: string;
  publisher: string;
  version: number;
  itemCount: number;
}

export interface ItemPreview {
  catalogue: string;
  version: number;
  itemId: string;
  timeLimit: TimeLimit;
  channels: ResolvedChannel[];
  due: { dueAt: string | null; dueDate: string | null; provisional: boolean; waiting: string | null; warning: string | null };
}

export interface Metadata {
  indexNo?: string;
  docNo?: string;
  writtenAt?: string;
  summary?: string;
  subject?: string;
  keywords?: string[];
  category?: string;
  validity?: string;
  [key: string]: unknown;
}

export interface Delivery {
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
  operation: string;
  followUpOf: string | null;
  purpose: string;
  onTime: boolean | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  /** the adapter's progress record; for electronic screens, which screens show the notice */
  state: { screens?: ScreensProgress; [key: string]: unknown };
}

/** One screen in a screens delivery's progress (libs/screens/src/notices/delivery-progress.ts). */
export interface ScreenRef {
  id: string;
  name: string;
  group: string;
  location: string;
  lastSeenAt?: string | null;
  acknowledgedAt?: string | null;
}

/** state.screens of a delivery on a pull-feed screens channel: "shown on N of M screens" and who is missing. */
export interface ScreensProgress {
  groups: string[];
  acknowledgedCount: number;
  total: number;
  online: number;
  summary: string;
  acknowledged: ScreenRef[];
  waiting: ScreenRef[];
  offline: ScreenRef[];
  liveSince: string | null;
  checkedAt: string;
  /** how the wait ended: every online screen acknowledged, the timeout, taken down, or no screen online */
  settled?: 'acknowledged' | 'timeout' | 'taken_down' | 'no_online_screens';
  timeoutAt?: string | null;
  /** online screens that had not acknowledged when the timeout came */
  missing?: ScreenRef[];
  note?: string;
  withdrawnAt?: string;
}

/** 附件 as the API lists it on a draft or a disclosure */
export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface Disclosure {
  id: string;
  catalogueCode: string;
  catalogueItemId: string;
  itemId: string;
  departmentCode: string;
  title: string;
  body: string;
  metadata: Metadata & { itemPath?: string[]; office?: string; publisher?: string };
  attachments?: Attachment[];
  generatedAt: string;
  dueAt: string | null;
  dueProvisional: boolean;
  status: string;
  revision: number;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  createdAt: string;
  updatedAt: string;
  deliveries?: Delivery[];
}

export interface Draft {
  id: string;
  catalogueItemId: string;
  departmentCode: string;
  title: string;
  body: string;
  metadata: Metadata;
  generatedAt: string;
  inputs: { approvalDate?: string; noticeEndDate?: string; attachmentIds?: string[] };
  attachments?: Attachment[];
  status: string;
  createdBy: string;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  review: { decision: 'approve' | 'return'; checks: Record<'secrecy' | 'political' | 'legal' | 'wording', boolean>; comments: string } | null;
  scheduledAt: string | null;
  disclosureId: string | null;
  publishError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Channel {
  name: string;
  type: string;
  label: string;
  carriers: string[];
  idempotent: boolean;
  [key: string]: unknown;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ChannelPreview {
  website: { title: string; html: string };
  wechat: { title: string; titleChars: number; titleLimit: number; digest: string; html: string; contentChars: number; contentLimit: number; problems: { field: string; message: string }[] };
  weibo: { text: string; limit: number };
  sms: { text: string; chars: number; parts: number; singleLimit: number };
  screen: { title: string; text: string; html: string; indexNo: string | null; publisher: string };
}

/** One finding of the pre-publish content check (POST /api/content-check, or a 422 from a publish step). */
export interface ContentFinding {
  field: string; // title | body | attachments[n]
  kind: 'id_card' | 'mobile' | 'bank_card' | 'email' | 'expression';
  severity: 'block' | 'warning';
  text: string;
  fix: string;
  message: string;
  start: number;
  context: string;
  source?: string;
  filename?: string;
}

export interface ContentCheckResult {
  findings: ContentFinding[];
  blocked: boolean;
  unchecked: string[];
}

/** POST /api/import/docx */
export interface ImportedDocument {
  title?: string;
  docNo?: string;
  html: string;
  notes: string[];
}
