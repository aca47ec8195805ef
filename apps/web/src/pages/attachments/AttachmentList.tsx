import { useState } from 'react';
import { ApiError, download } from '../../api/client';
import type { Attachment } from '../../api/types';
import { ErrorBanner } from '../../components/ui';
import { fileSize } from './file-size';

/**
 * The files of a draft or disclosure. Staff download through the API with their token; a published disclosure
 * also shows each file's public address, the one the channels sent out.
 */
export function AttachmentList({ items, published = false }: { items: Attachment[] | undefined; published?: boolean }) {
  const [error, setError] = useState<ApiError | null>(null);
  if (!items?.length) return null;
  const get = (a: Attachment) => {
    setError(null);
    download(`/api/attachments/${a.id}`, a.filename).catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  };
  return (
    <section className="attachments" aria-label="附件">
      <h2>附件（{items.length}）</h2>
      <ol>
        {items.map((a) => (
          <li key={a.id} data-attachment={a.filename}>
            <button type="button" className="link-button" onClick={() => get(a)}>
              {a.filename}
            </button>
            <span className="muted">（{fileSize(a.sizeBytes)}）</span>
            {published && (
              <a className="small" href={`/api/public/attachments/${a.id}/${encodeURIComponent(a.filename)}`} target="_blank" rel="noopener noreferrer">
                公开下载地址
              </a>
            )}
          </li>
        ))}
      </ol>
      <ErrorBanner error={error} />
    </section>
  );
}
