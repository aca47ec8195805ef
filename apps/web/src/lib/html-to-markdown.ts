/**
 * The reverse of markdown.ts for editing a saved draft: the server keeps the HTML the compose page sent, so the
 * editor turns it back into Markdown. Tags outside the subset keep their text, so nothing typed is lost.
 */
export function htmlToMarkdown(html: string): string {
  if (!/<[a-z][\s\S]*>/i.test(html)) return html; // a body saved as plain text
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return blocks(doc.body).replace(/\n{3,}/g, '\n\n').trim();
}

function blocks(el: Element): string {
  const parts: string[] = [];
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node.textContent?.trim();
      if (t) parts.push(t);
      continue;
    }
    if (!(node instanceof Element)) continue;
    const tag = node.tagName.toLowerCase();
    if (tag === 'style' || tag === 'script' || tag === 'title' || tag === 'meta' || tag === 'link' || tag === 'xml') continue;
    if (/^h[1-6]$/.test(tag)) parts.push(`${'#'.repeat(Math.max(1, Math.min(3, Number(tag[1]) - 1)))} ${inline(node)}`);
    else if (tag === 'p' || tag === 'div') parts.push(inline(node));
    else if (tag === 'hr') parts.push('---');
    else if (tag === 'ul' || tag === 'ol') {
      const items = Array.from(node.children).filter((c) => c.tagName.toLowerCase() === 'li');
      parts.push(items.map((li, k) => `${tag === 'ol' ? `${k + 1}.` : '-'} ${inline(li)}`).join('\n'));
    } else if (tag === 'blockquote') parts.push(blocks(node).split('\n').map((l) => `> ${l}`.trimEnd()).join('\n'));
    else if (tag === 'table') parts.push(table(node));
    else parts.push(inline(node));
  }
  return parts.filter(Boolean).join('\n\n');
}

function inline(el: Node): string {
  let s = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) s += (node.textContent ?? '').replace(/\s*\n\s*/g, ' ');
    else if (node instanceof Element) {
      const tag = node.tagName.toLowerCase();
      if (tag === 'br') s += '\n';
      else if (tag === 'strong' || tag === 'b') s += `**${inline(node)}**`;
      else if (tag === 'em' || tag === 'i') s += `*${inline(node)}*`;
      else if (tag === 'img' && node.getAttribute('src')) s += `![${(node.getAttribute('alt') ?? '').replace(/[\[\]\n]/g, '')}](${node.getAttribute('src')})`;
      else if (tag === 'style' || tag === 'script' || tag === 'title') continue; // Word's pasted HTML carries a style sheet
      else if (tag === 'a' && node.getAttribute('href')) s += `[${inline(node)}](${node.getAttribute('href')})`;
      else s += inline(node);
    }
  }
  return s;
}

function table(el: Element): string {
  const rows = Array.from(el.querySelectorAll('tr')).map((tr) => Array.from(tr.children).map((c) => inline(c).replace(/\|/g, '｜').replace(/\n/g, ' ')));
  if (!rows.length) return '';
  const [head, ...rest] = rows;
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rest.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
