// Plain functions on the body's HTML, free of the editor's imports so the unit tests load them in Node.

/** True when the editor's HTML holds no text, picture or table: an empty body (the editor's own is <p></p>). */
export function isBlankHtml(html: string): boolean {
  if (/<(img|table)\b/i.test(html)) return false;
  return !html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim();
}

/** The body as stored: the editor's HTML without the empty paragraphs left by pressing Enter twice. */
export function storedHtml(html: string): string {
  return html.replace(/<p><\/p>/g, '').trim();
}

/** Word's pasted HTML: headings above the body's own levels move down to h2 (Word's 标题 1 is a section head). */
export function fromWordHtml(html: string): string {
  return html.replace(/<(\/?)h1(\s|>)/gi, '<$1h2$2');
}

/**
 * Text typed before the rich-text editor (the old page kept the body as Markdown in sessionStorage) as paragraphs,
 * so a form restored across the upgrade keeps its words; the Markdown marks stay as typed characters.
 */
export function plainToHtml(text: string): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
