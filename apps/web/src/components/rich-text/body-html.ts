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
