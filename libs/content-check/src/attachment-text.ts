import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text of an attachment where a maintained library reads it: DOCX (mammoth), XLSX (exceljs) and PDF (unpdf:
 * pdf.js bundled, pure JS). OFD, the old binary formats and images give null: their text is not checked, and a
 * scanned PDF gives no text either (docs/content-check.md).
 */
export async function attachmentText(contentType: string, content: Buffer): Promise<string | null> {
  if (contentType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
    return (await mammoth.extractRawText({ buffer: content })).value;
  }
  if (contentType === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    const lines: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => lines.push(row.values instanceof Array ? row.values.slice(1).map(cellText).join('\t') : '')));
    return lines.join('\n');
  }
  if (contentType === 'application/pdf') {
    const doc = await getDocumentProxy(new Uint8Array(content));
    return (await extractText(doc, { mergePages: true })).text;
  }
  return null;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}
