import { attachmentsHtml, escapeHtml, renderHtml, type AttachmentLine } from '../render/render.js';

export interface GazetteIssueInfo {
  title: string;
  publisher: string;
  year: number;
  number: number;
  /** YYYY-MM-DD, Asia/Shanghai */
  date: string;
}

export interface GazetteEntry {
  title: string;
  body: string;
  publisher: string;
  metadata: Record<string, unknown>;
  itemPath: string[];
  generatedAt: string;
  /** printed as a list of names: paper carries no links, and the files themselves are on the website */
  attachments?: AttachmentLine[];
}

/**
 * One gazette issue as a printable zh-CN HTML document: masthead, table of contents, then each disclosure with its
 * 目录 metadata. Titles and metadata are escaped, bodies pass the shared sanitizer: no script, no remote frame.
 * The same document is printed to PDF, so the CSS is written for A4 paper first.
 */
export function renderGazetteIssue(issue: GazetteIssueInfo, entries: GazetteEntry[]): string {
  const label = `${issue.year}年第${issue.number}期`;
  const toc = entries.map((e, i) => `<li><a href="#a${i + 1}">${escapeHtml(e.title)}</a></li>`).join('');
  const articles = entries
    .map((e, i) => {
      const meta = metadataRows(e)
        .map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`)
        .join('');
      return (
        `<article id="a${i + 1}">` +
        `<h2>${escapeHtml(e.title)}</h2>` +
        (meta ? `<table class="meta">${meta}</table>` : '') +
        `<div class="body">${renderHtml(e.body)}</div>` +
        (e.attachments?.length ? `<div class="attachments">${attachmentsHtml(e.attachments, { links: false })}</div>` : '') +
        `</article>`
      );
    })
    .join('');
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(issue.title)} ${label}</title><style>${CSS}</style></head><body>` +
    `<header class="masthead"><h1>${escapeHtml(issue.title)}</h1>` +
    `<p class="issue">${label}</p>` +
    (issue.publisher ? `<p class="publisher">${escapeHtml(issue.publisher)} 主办</p>` : '') +
    `<p class="date">${escapeHtml(chineseDate(issue.date))}出版</p></header>` +
    `<nav class="toc"><h2>目　录</h2><ol>${toc}</ol></nav>` +
    `<main>${articles}</main>` +
    `<footer><p>${escapeHtml(issue.title)} ${label} · 本刊所载文件与正式文件具有同等效力</p></footer>` +
    `</body></html>`
  );
}

function metadataRows(e: GazetteEntry): [string, string][] {
  const m = e.metadata;
  const rows: [string, unknown][] = [
    ['索引号', m.indexNo],
    ['文号', m.docNo],
    ['发布机构', e.publisher],
    ['成文日期', m.writtenAt],
    ['公开事项', e.itemPath.join(' / ')],
  ];
  return rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1].trim() !== '').map(([k, v]) => [k, v.trim()]);
}

export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #111; }
body { max-width: 190mm; margin: 0 auto; padding: 8mm 0; line-height: 1.8; font-size: 12pt; }
.masthead { text-align: center; border-bottom: 3px double #b00; padding-bottom: 6mm; margin-bottom: 8mm; }
.masthead h1 { color: #b00; font-size: 30pt; letter-spacing: 0.3em; margin: 0 0 3mm; }
.masthead p { margin: 1mm 0; }
.toc { page-break-after: always; }
.toc h2 { text-align: center; font-size: 16pt; }
.toc ol { padding-left: 1.5em; }
.toc a { color: inherit; text-decoration: none; }
article { page-break-before: always; }
article h2 { text-align: center; font-size: 16pt; margin: 0 0 4mm; }
table.meta { margin: 0 auto 6mm; border-collapse: collapse; font-size: 10pt; color: #444; }
table.meta th { font-weight: normal; color: #777; text-align: right; padding: 0 3mm 0 0; white-space: nowrap; }
table.meta td { padding: 0; }
.body p { text-indent: 2em; margin: 0 0 2mm; }
.body table { border-collapse: collapse; margin: 3mm 0; }
.body td, .body th { border: 1px solid #999; padding: 1mm 2mm; }
.body img { max-width: 100%; }
h1, h2, h3 { page-break-after: avoid; }
footer { margin-top: 10mm; border-top: 1px solid #ccc; font-size: 9pt; color: #777; text-align: center; }
@media screen { body { padding: 16px; } }
`;
