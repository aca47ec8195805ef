import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import canonicalize from 'canonicalize';
import { stringify } from 'csv-stringify';
import type { AuditListEntry } from '../query/audit-query.service.js';
import { beijingMinute } from '../reports/zh-time.js';
import { XlsxSheetStream } from './xlsx-sheet-stream.js';

/**
 * The columns of both exports. `at` (ISO, UTC) and `details` (RFC 8785 canonical JSON) are exactly the hashed
 * values, so anyone holding an export can recompute the chain without access to the system.
 */
const COLUMNS: { header: string; width: number; value: (e: AuditListEntry) => string | number }[] = [
  { header: '序号 seq', width: 10, value: (e) => e.seq ?? '' },
  { header: '时间 at (UTC)', width: 26, value: (e) => e.at },
  { header: '北京时间', width: 18, value: (e) => beijingMinute(e.at) },
  { header: '操作者 actor', width: 22, value: (e) => e.actor },
  { header: '动作 action', width: 28, value: (e) => e.action },
  { header: '结果 outcome', width: 14, value: (e) => e.outcome ?? '' },
  { header: '部门 department', width: 16, value: (e) => e.departmentCode ?? '' },
  { header: '信息所属部门', width: 16, value: (e) => e.disclosureDepartment ?? '' },
  { header: '信息 disclosure', width: 38, value: (e) => e.disclosureId ?? '' },
  { header: '投递 delivery', width: 38, value: (e) => e.deliveryId ?? '' },
  { header: '渠道 channel', width: 16, value: (e) => e.channel ?? '' },
  { header: '目录 catalogue', width: 16, value: (e) => e.catalogueCode ?? '' },
  { header: '屏幕 screen', width: 38, value: (e) => e.screenId ?? '' },
  { header: '详情 details', width: 60, value: (e) => canonicalize(e.details) ?? '{}' },
  { header: '前一哈希 prev_hash', width: 66, value: (e) => e.prevHash ?? '' },
  { header: '哈希 hash', width: 66, value: (e) => e.hash ?? '' },
];

/**
 * Resolves on `event` from `emitter`, or when `out` closes. The listener that did not fire is removed (aborting
 * a settled race is harmless), so thousands of waits in one export do not pile listeners onto the response.
 */
async function eventOrClose(emitter: NodeJS.EventEmitter, event: string, out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([once(emitter, event, { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
}

/** Waits while the receiver is behind, so a slow client holds back the database reads instead of memory. */
async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await eventOrClose(out, 'drain', out);
  if (out.destroyed) throw new ExportAborted();
}

/**
 * Waits for `work` (a writer's own "done", e.g. exceljs's commit, which resolves on the receiver's 'finish') unless
 * the receiver closes first. A receiver that goes away never emits 'finish', so without this the export would wait
 * forever and never log itself.
 */
async function finishedOrAborted(work: Promise<unknown>, out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([work, once(out, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
  if (!out.writableFinished) throw new ExportAborted();
}

/** The receiver went away mid-export (client closed the connection). */
export class ExportAborted extends Error {
  constructor() {
    super('the receiver closed the export before it was complete');
  }
}

/** UTF-8 CSV with a BOM (Excel opens Chinese text correctly only with it). Returns the number of entries. */
export async function writeAuditCsv(pages: AsyncIterable<AuditListEntry[]>, out: Writable): Promise<number> {
  const csv = stringify({ bom: true, header: true, columns: COLUMNS.map((c) => c.header) });
  csv.pipe(out);
  let n = 0;
  for await (const page of pages) {
    for (const e of page) {
      if (!csv.write(COLUMNS.map((c) => c.value(e))) && !out.destroyed) await eventOrClose(csv, 'drain', out);
      if (out.destroyed) throw new ExportAborted();
      n += 1;
    }
    await drained(out);
  }
  csv.end();
  // finished() rejects on a premature close; whether the receiver got everything is decided below, the same way for both
  await finishedOrAborted(finished(out).catch(() => undefined), out);
  return n;
}

/** Excel cells hold at most 32,767 characters; longer details are cut with a marker (the CSV keeps them whole). */
const CELL_MAX = 32_767;

/** Streamed XLSX: each row waits while the receiver is behind, so the workbook never sits in memory. */
export async function writeAuditXlsx(pages: AsyncIterable<AuditListEntry[]>, out: Writable): Promise<number> {
  const xlsx = new XlsxSheetStream(out, '审计日志', COLUMNS);
  let n = 0;
  try {
    for await (const page of pages) {
      for (const e of page) {
        await xlsx.addRow(COLUMNS.map((c) => {
          const v = c.value(e);
          return typeof v === 'string' && v.length > CELL_MAX ? `${v.slice(0, CELL_MAX - 20)}…（已截断，见 CSV）` : v;
        }));
        if (out.destroyed) throw new ExportAborted();
        n += 1;
      }
    }
    await finishedOrAborted(Promise.all([xlsx.finish(), finished(out).catch(() => undefined)]), out);
  } catch (err) {
    xlsx.abort();
    throw err;
  }
  return n;
}
