/**
 * A small Markdown → HTML renderer for the compose page, with no dependency. It covers what official notices use:
 * headings (#, ##, ###), paragraphs, line breaks, **bold**, *italic*, lists, quotes, links, rules and pipe tables.
 * Every piece of text is escaped, and links are kept only for http(s) and mailto, so the output holds no script;
 * the server sanitizes again when it renders for each channel.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeUrl(url: string): string | null {
  const u = url.trim();
  return /^(https?:\/\/|mailto:)[^\s"'<>]+$/i.test(u) ? u : null;
}

/** Images: web addresses, or pictures imported from Word, kept inline as data: URIs of the formats browsers show. */
function safeImage(src: string): string | null {
  const u = src.trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(u) || /^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/=]+$/.test(u) ? u : null;
}

/** Inline marks on one run of text: escape first, then images and links, bold, italic. */
export function inline(text: string): string {
  const links: string[] = [];
  let s = text.replace(/!\[([^\]\n]*)\]\(([^)\s]+)\)/g, (whole, alt: string, src: string) => {
    const safe = safeImage(src);
    if (!safe) return whole;
    links.push(`<img src="${escapeHtml(safe)}" alt="${escapeHtml(alt)}">`);
    return `\u0000${links.length - 1}\u0000`;
  });
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
    const safe = safeUrl(url);
    if (!safe) return whole;
    links.push(`<a href="${escapeHtml(safe)}">${escapeHtml(label)}</a>`);
    return `\u0000${links.length - 1}\u0000`;
  });
  s = escapeHtml(s)
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1<em>$2</em>');
  // marks inside a link label were escaped with the label; restore the links last
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => links[Number(i)]);
}

const isTableRow = (l: string) => /^\s*\|.*\|\s*$/.test(l);
const isTableRule = (l: string) => /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(l);
const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

export function markdownToHtml(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1].length + 1; // the title is the page's h1
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (isTableRow(line) && i + 1 < lines.length && isTableRule(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && isTableRow(lines[i])) rows.push(cells(lines[i++]));
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${head.map((_, k) => `<td>${inline(r[k] ?? '')}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
      continue;
    }
    const list = /^\s*([-*+]|\d+[.、])\s+/.exec(line);
    if (list) {
      const ordered = /\d/.test(list[1]);
      const items: string[] = [];
      while (i < lines.length) {
        const m = /^\s*([-*+]|\d+[.、])\s+(.*)$/.exec(lines[i]);
        if (!m || /\d/.test(m[1]) !== ordered) break;
        items.push(`<li>${inline(m[2])}</li>`);
        i++;
      }
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''));
      out.push(`<blockquote>${markdownToHtml(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !/^(#{1,3})\s/.test(lines[i]) && !/^\s*([-*+]|\d+[.、])\s+/.test(lines[i]) && !/^\s*>/.test(lines[i]) && !(isTableRow(lines[i]) && isTableRule(lines[i + 1] ?? ''))) {
      para.push(lines[i++].trim());
    }
    out.push(`<p>${para.map(inline).join('<br>')}</p>`);
  }
  return out.join('\n');
}
