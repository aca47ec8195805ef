import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ComplianceReport } from './compliance.service.js';
import { DELIVERY_STATUS_ZH, DISCLOSURE_STATUS_ZH } from '../timeline/describe.js';
import { beijingMinute, zhDuration } from './zh-time.js';

const t = (v: string | null) => (v ? beijingMinute(v) : '');
const status = (s: string) => DELIVERY_STATUS_ZH[s] ?? s;

/** One sheet per section of the printable report, streamed to `out`. */
/** A sheet another feature adds to the workbook (the freshness watchdog's inspection figures): libs/audit stays below it. */
export interface ExtraSheet {
  name: string;
  columns: [string, number][];
  rows: (string | number)[][];
}

export async function writeComplianceXlsx(r: ComplianceReport, out: Writable, extraSheets: readonly ExtraSheet[] = []): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = (name: string, columns: [string, number][], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = columns.map(([header, width], i) => ({ header, key: `c${i}`, width }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  };
  sheet('各载体送达情况', [['载体', 30], ['应送达', 10], ['按时送达', 10], ['逾期送达', 10], ['未送达', 10], ['处理中', 10]], [
    ...r.carriers.map((c) => [c.label, c.total, c.onTime, c.late, c.missing, c.waiting]),
    ['合计', r.totals.total, r.totals.onTime, r.totals.late, r.totals.missing, r.totals.waiting],
    [],
    ['期间', `${r.period.from} 至 ${r.period.to}`],
    ['部门', r.period.department ?? '全部部门'],
    ['本期发布信息', r.published.count],
    ['当前超期未送达', r.overdueNow.count],
    ['生成时间（北京时间）', beijingMinute(r.period.generatedAt)],
  ]);
  sheet('逾期送达', [['标题', 40], ['载体', 20], ['渠道', 14], ['公开时限', 18], ['送达时间', 18], ['逾期', 14], ['原因', 80]],
    r.late.map((l) => [l.title, l.carrierLabel, l.channel, t(l.dueAt), t(l.deliveredAt), zhDuration(l.lateByMs), l.reasons.join('；')]));
  sheet('未送达', [['标题', 40], ['载体', 20], ['渠道', 14], ['状态', 12], ['公开时限', 18], ['尝试次数', 10], ['最近错误', 60]],
    r.missing.map((l) => [l.title, l.carrierLabel, l.channel, status(l.status), t(l.dueAt), l.attempts, l.lastError ?? '']));
  sheet('当前超期', [['标题', 40], ['载体', 20], ['渠道', 14], ['状态', 12], ['公开时限', 18], ['已超期', 14], ['最近错误', 60]],
    r.overdueNow.items.map((l) => [l.title, l.carrierLabel, l.channel, status(l.status), t(l.dueAt), zhDuration(l.overdueByMs), l.lastError ?? '']));
  sheet('本期发布', [['发布时间', 18], ['标题', 40], ['目录事项', 22], ['公开时限', 18], ['状态', 16], ['信息ID', 38]],
    r.published.items.map((i) => [t(i.publishedAt), i.title, i.catalogueItemId, t(i.dueAt), DISCLOSURE_STATUS_ZH[i.status] ?? i.status, i.id]));
  for (const x of extraSheets) sheet(x.name, x.columns, x.rows);
  await wb.commit();
  if (!out.writableFinished) await finished(out);
}
