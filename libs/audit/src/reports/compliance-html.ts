import type { ComplianceReport, DeliveryLine } from './compliance.service.js';
import { DELIVERY_STATUS_ZH, DISCLOSURE_STATUS_ZH } from '../timeline/describe.js';
import { beijingMinute, zhDuration } from './zh-time.js';

/** Everything that reaches the page goes through here: titles and errors come from users and remote systems. */
export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const t = (v: string | null) => (v ? beijingMinute(v) : '—');
const status = (s: string) => DELIVERY_STATUS_ZH[s] ?? s;
/** A time cell: kept on one line so dates do not break mid-number. */
class Time {
  constructor(readonly text: string) {}
}
const time = (v: string | null) => new Time(t(v));

function table(headers: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => (c instanceof Time ? `<td class="time">${escapeHtml(c.text)}</td>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const deliveryCells = (l: DeliveryLine) => [l.title, l.carrierLabel, l.channel, status(l.status), time(l.dueAt)];

/** A printable zh-CN page (A4, no scripts, no external resources). */
export function complianceHtml(r: ComplianceReport): string {
  const scope = r.period.department ? `部门：${r.period.department}` : '全部部门';
  const title = `政务公开分发合规报告（${r.period.from} 至 ${r.period.to}）`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
  h2 { font-size: 13pt; border-bottom: 1px solid #000; margin: 6mm 0 2mm; page-break-after: avoid; }
  .meta { text-align: center; font-size: 10pt; margin-bottom: 4mm; }
  table { width: 100%; border-collapse: collapse; font-size: 9.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #eee; }
  td.num, th.num { text-align: right; }
  td.time { white-space: nowrap; }
  .empty { font-style: italic; }
  @media print { a { color: #000; text-decoration: none; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(scope)}　生成时间：${escapeHtml(beijingMinute(r.period.generatedAt))}（北京时间）</p>

<h2>一、本期发布情况</h2>
<p>本期共发布信息 ${escapeHtml(r.published.count)} 条${r.published.truncated ? `（下表列出前 ${escapeHtml(r.published.items.length)} 条）` : ''}。</p>
${table(['发布时间', '标题', '目录事项', '公开时限', '状态'], r.published.items.map((i) => [time(i.publishedAt), i.title, i.catalogueItemId, time(i.dueAt), DISCLOSURE_STATUS_ZH[i.status] ?? i.status]), '本期没有发布信息。')}

<h2>二、各载体送达情况</h2>
<table><thead><tr><th>载体</th><th class="num">应送达</th><th class="num">按时送达</th><th class="num">逾期送达</th><th class="num">未送达</th><th class="num">处理中</th></tr></thead><tbody>
${r.carriers
  .map((c) => `<tr><td>${escapeHtml(c.label)}</td>${[c.total, c.onTime, c.late, c.missing, c.waiting].map((n) => `<td class="num">${escapeHtml(n)}</td>`).join('')}</tr>`)
  .join('\n')}
<tr><th>合计</th>${[r.totals.total, r.totals.onTime, r.totals.late, r.totals.missing, r.totals.waiting].map((n) => `<th class="num">${escapeHtml(n)}</th>`).join('')}</tr>
</tbody></table>
<p>说明：“未送达”指投递失败、结果不明或在送达前撤回；“处理中”指排队、投递中或等待人工确认。</p>

<h2>三、逾期送达明细及原因</h2>
${table(['标题', '载体', '渠道', '公开时限', '送达时间', '逾期', '原因'], r.late.map((l) => [l.title, l.carrierLabel, l.channel, time(l.dueAt), time(l.deliveredAt), zhDuration(l.lateByMs), l.reasons.join('；')]), '本期没有逾期送达。')}

<h2>四、未送达明细</h2>
${table(['标题', '载体', '渠道', '状态', '公开时限', '尝试次数', '最近错误'], r.missing.map((l) => [...deliveryCells(l), l.attempts, l.lastError ?? '']), '本期没有未送达的投递。')}

<h2>五、当前已超过公开时限尚未送达</h2>
<p>截至生成时共 ${escapeHtml(r.overdueNow.count)} 项${r.overdueNow.truncated ? `（下表列出前 ${escapeHtml(r.overdueNow.items.length)} 项）` : ''}。</p>
${table(['标题', '载体', '渠道', '状态', '公开时限', '已超期', '最近错误'], r.overdueNow.items.map((l) => [...deliveryCells(l), zhDuration(l.overdueByMs), l.lastError ?? '']), '目前没有超期未送达的投递。')}
</body>
</html>
`;
}
