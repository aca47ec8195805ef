/** What a disclosure or draft keeps of each file: enough to list it and to check the bytes served are these. */
export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** An attachment as a channel sees it: with the public address a reader can download it from. */
export interface PublishedAttachment extends AttachmentMeta {
  url: string;
}

/** Most a disclosure links; more is a sign of a mistake (or of a file archive, which belongs on the website). */
export const MAX_ATTACHMENTS = 20;

/** The public address of one file of a published disclosure; the name is in the path so saved files keep it. */
export function publicAttachmentUrl(baseUrl: string, a: Pick<AttachmentMeta, 'id' | 'filename'>): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/public/attachments/${a.id}/${encodeURIComponent(a.filename)}`;
}

export function attachmentMeta(r: Record<string, any>): AttachmentMeta {
  return { id: r.id, filename: r.filename, contentType: r.content_type, sizeBytes: Number(r.size_bytes), sha256: r.sha256 };
}
