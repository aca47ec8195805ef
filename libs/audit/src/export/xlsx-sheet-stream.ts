import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import archiver from 'archiver';

/**
 * A one-sheet XLSX workbook written row by row with real backpressure: each row waits while the zip (archiver,
 * the zip library exceljs itself uses) or the receiver is behind, so a slow or paused download holds back the
 * producer instead of memory.
 *
 * Why not exceljs's streaming WorkbookWriter: its sheet buffer (StreamBuf) ignores the return value of the
 * writes it forwards to the zip, so the whole sheet's XML piles up in memory and not a byte reaches the receiver
 * until the end (measured: 64 MB held and 4 bytes sent after 72,000 audit rows). A large export then holds the
 * whole file in memory, sends nothing for minutes, and a paused client cannot slow it down.
 *
 * The parts are the minimum SpreadsheetML package (ECMA-376 Part 1): content types, package and workbook
 * relationships, the workbook, and the sheet with inline strings (no shared-strings table to hold in memory).
 */
export class XlsxSheetStream {
  private readonly zip = archiver('zip', { zlib: { level: 6 } });
  private readonly sheet = new PassThrough({ highWaterMark: 256 * 1024 });
  private rowNumber = 0;

  constructor(
    private readonly out: Writable,
    sheetName: string,
    columns: { header: string; width: number }[],
  ) {
    this.zip.pipe(out);
    const name = xmlText(sheetName.slice(0, 31));
    this.zip.append(CONTENT_TYPES, { name: '[Content_Types].xml' });
    this.zip.append(PACKAGE_RELS, { name: '_rels/.rels' });
    this.zip.append(
      `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      { name: 'xl/workbook.xml' },
    );
    this.zip.append(WORKBOOK_RELS, { name: 'xl/_rels/workbook.xml.rels' });
    this.zip.append(this.sheet, { name: 'xl/worksheets/sheet1.xml' });
    const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    this.sheet.write(`${XML}<worksheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>`);
    this.pushRow(columns.map((c) => c.header));
  }

  /** Resolves once the row is taken; waits while the zip or the receiver is behind, or until the receiver closes. */
  async addRow(values: (string | number)[]): Promise<void> {
    if (this.pushRow(values) || this.out.destroyed) return;
    // a receiver that went away never lets the sheet drain; a zip error rejects. Listeners that did not fire
    // are removed, so thousands of waits add nothing up.
    const ac = new AbortController();
    try {
      await Promise.race([
        once(this.sheet, 'drain', { signal: ac.signal }),
        once(this.out, 'close', { signal: ac.signal }),
        once(this.zip, 'error', { signal: ac.signal }).then(([err]) => Promise.reject(err)),
      ]);
    } finally {
      ac.abort();
    }
  }

  /** Ends the sheet and the zip; resolves when the zip has handed its last byte to the receiver. */
  async finish(): Promise<void> {
    this.sheet.end('</sheetData></worksheet>');
    await this.zip.finalize(); // rejects on a zip error
  }

  /** Stops writing: the receiver went away. */
  abort(): void {
    this.zip.abort();
  }

  private pushRow(values: (string | number)[]): boolean {
    this.rowNumber += 1;
    const r = this.rowNumber;
    const cells = values
      .map((v, i) =>
        typeof v === 'number' && Number.isFinite(v)
          ? `<c r="${columnName(i)}${r}"><v>${v}</v></c>`
          : `<c r="${columnName(i)}${r}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`,
      )
      .join('');
    return this.sheet.write(`<row r="${r}">${cells}</row>`);
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT_TYPES =
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';
const PACKAGE_RELS =
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS =
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A, B, … Z, AA, AB, … */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Escapes markup and drops the characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates). */
function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
