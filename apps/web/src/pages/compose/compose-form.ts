import type { Attachment, Draft, Metadata } from '../../api/types';
import { fromLocalInput, toLocalInput } from '../../lib/format';
import { isBlankHtml, storedHtml } from '../../components/rich-text/body-html';

/** What the compose form holds: plain data (strings, and the uploaded files' ids and names), so it can sit in
 * sessionStorage as typed. */
export interface ComposeForm {
  catalogueItemId: string;
  title: string;
  /** the rich-text editor's HTML, the format the API stores */
  bodyHtml: string;
  generatedAt: string; // DateTimeField value: Beijing wall-clock time, 2026-11-24T09:00
  approvalDate: string;
  noticeEndDate: string;
  indexNo: string;
  docNo: string;
  writtenAt: string;
  subject: string;
  summary: string;
  category: string;
  validity: string;
  keywords: string;
  /** uploaded already (POST /api/attachments); the draft links them by id */
  attachments: Attachment[];
}

export function emptyForm(): ComposeForm {
  return {
    catalogueItemId: '', title: '', bodyHtml: '', generatedAt: toLocalInput(new Date()), approvalDate: '', noticeEndDate: '',
    indexNo: '', docNo: '', writtenAt: '', subject: '', summary: '', category: '', validity: '', keywords: '', attachments: [],
  };
}

export function formFromDraft(d: Draft): ComposeForm {
  const m = d.metadata ?? {};
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    catalogueItemId: d.catalogueItemId, title: d.title, bodyHtml: d.body, generatedAt: toLocalInput(d.generatedAt),
    approvalDate: s(d.inputs?.approvalDate), noticeEndDate: s(d.inputs?.noticeEndDate),
    indexNo: s(m.indexNo), docNo: s(m.docNo), writtenAt: s(m.writtenAt), subject: s(m.subject), summary: s(m.summary),
    category: s(m.category), validity: s(m.validity), keywords: Array.isArray(m.keywords) ? m.keywords.join('，') : '',
    attachments: d.attachments ?? [],
  };
}

export function metadataOf(f: ComposeForm): Metadata {
  const m: Metadata = {};
  const put = (k: keyof Metadata, v: string) => {
    if (v.trim()) (m as Record<string, unknown>)[k] = v.trim();
  };
  put('indexNo', f.indexNo);
  put('docNo', f.docNo);
  put('writtenAt', f.writtenAt);
  put('subject', f.subject);
  put('summary', f.summary);
  put('category', f.category);
  put('validity', f.validity);
  const keywords = f.keywords.split(/[,，、;；\s]+/).map((k) => k.trim()).filter(Boolean);
  if (keywords.length) m.keywords = keywords;
  return m;
}

/** What the API gets; the body is the editor's HTML as is (the server sanitizes it again for each channel). */
export function payloadOf(f: ComposeForm) {
  return {
    catalogueItemId: f.catalogueItemId,
    title: f.title.trim(),
    body: storedHtml(f.bodyHtml ?? ''),
    generatedAt: fromLocalInput(f.generatedAt) ?? f.generatedAt,
    metadata: metadataOf(f),
    attachmentIds: (f.attachments ?? []).map((a) => a.id),
    ...(f.approvalDate ? { approvalDate: f.approvalDate } : {}),
    ...(f.noticeEndDate ? { noticeEndDate: f.noticeEndDate } : {}),
  };
}

/** Checks made before sending, in the same words the server's answers are put in. */
export function localProblems(f: ComposeForm): Record<string, string> {
  const p: Record<string, string> = {};
  if (!f.catalogueItemId) p.catalogueItemId = '请从目录中选择公开事项';
  if (!f.title.trim()) p.title = '请填写标题';
  else if (Array.from(f.title.trim()).length > 300) p.title = '标题最多 300 字';
  if (isBlankHtml(f.bodyHtml ?? '')) p.body = '请填写正文';
  if (!fromLocalInput(f.generatedAt)) p.generatedAt = '请填写信息形成的日期和时间';
  return p;
}
