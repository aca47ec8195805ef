import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { COLUMNS } from './table-columns.js';
export const MEDIA_TYPES = {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    csv: 'text/csv',
};
export class SpreadsheetReadError extends Error {
}
/** UTF-8 with a BOM, so Excel on Chinese Windows opens it without garbling. */
export function writeCsv(rows) {
    return Buffer.from(stringify(rows, { bom: true, record_delimiter: '\r\n' }), 'utf8');
}
/** CSV from Excel on Chinese Windows is GB18030 (GBK); anything that is not valid UTF-8 is read as such. */
export function readCsv(data) {
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    }
    catch {
        text = new TextDecoder('gb18030').decode(data);
    }
    let records;
    try {
        records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: false });
    }
    catch (err) {
        throw new SpreadsheetReadError(`CSV 文件无法解析：${err.message}`);
    }
    // A record is a spreadsheet row even when a quoted cell spans several lines, so the numbers match Excel's.
    return records.map((cells, i) => ({ rowNumber: i + 1, cells }));
}
export async function writeXlsx(rows, sheetName) {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Gongkai Dispatch';
    const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of rows)
        ws.addRow(row);
    const widths = { 序号: 6, 一级事项: 12, 二级事项: 14, 三级事项: 14, 公开内容: 48, 公开时限: 24, 公开主体: 20, 责任科室: 16, 编号: 8, 备注: 30 };
    COLUMNS.forEach((c, i) => {
        const col = ws.getColumn(i + 1);
        col.width = widths[c.header] ?? (c.carrier ? 6 : 8);
        col.alignment = { wrapText: true, vertical: 'top', horizontal: c.carrier || c.key === 'public' || c.key === 'specific' ? 'center' : 'left' };
    });
    ws.getRow(1).font = { bold: true };
    // Every cell is text, so an id like 01-01 or a 序号 stays as typed when someone edits and saves the file.
    ws.eachRow((row) => row.eachCell((cell) => { cell.numFmt = '@'; }));
    return Buffer.from(await wb.xlsx.writeBuffer());
}
/** The first worksheet as text rows; merged cells read as their top-left value, as a person sees them. */
export async function readXlsx(data) {
    const wb = new ExcelJS.Workbook();
    try {
        await wb.xlsx.load(data);
    }
    catch (err) {
        throw new SpreadsheetReadError(`XLSX 文件无法读取：${err.message}`);
    }
    const ws = wb.worksheets[0];
    if (!ws)
        throw new SpreadsheetReadError('XLSX 文件中没有工作表');
    const rows = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
        const cells = [];
        for (let c = 1; c <= ws.columnCount; c++)
            cells.push(cellText(row.getCell(c).value));
        rows.push({ rowNumber: row.number, cells });
    });
    return rows;
}
function cellText(v) {
    if (v === null || v === undefined)
        return '';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean')
        return String(v);
    if (v instanceof Date)
        return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
        if ('richText' in v && Array.isArray(v.richText))
            return v.richText.map((t) => t.text).join('');
        if ('formula' in v || 'sharedFormula' in v)
            return cellText(v.result ?? null);
        if ('text' in v)
            return cellText(v.text);
        if ('error' in v)
            return String(v.error);
    }
    return String(v);
}
