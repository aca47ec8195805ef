import { useChannelPreview } from '../compose/ChannelPreviews';

/** A stored body shown as the website will show it: sanitized by the server, never inserted raw. */
export function SanitizedBody({ title, body }: { title: string; body: string }) {
  const { preview, error } = useChannelPreview({ title, body });
  if (error) return <p className="field-error">正文预览加载失败：{error.message}</p>;
  if (!preview) return <p className="loading">正在加载正文……</p>;
  return <article className="doc" dangerouslySetInnerHTML={{ __html: preview.website.html }} />;
}
