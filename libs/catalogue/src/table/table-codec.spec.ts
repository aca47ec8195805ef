import ExcelJS from 'exceljs';
import { loadCatalogueDirectory } from '../catalogue.loader.js';
import { COLUMNS } from './table-columns.js';
import { itemsToRows, rowsToItems, type SheetRow } from './table-codec.js';
import { readCsv, readXlsx, writeCsv, writeXlsx } from './spreadsheet-io.js';

const seed = loadCatalogueDirectory('config/catalogues').find((c) => c.code === 'genhe-zwfw')!;
const asSheet = (rows: string[][]): SheetRow[] => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe('the standard table', () => {
  it('has the standard columns in order, then 编号 and 备注', () => {
    expect(COLUMNS.map((c) => c.header)).toEqual([
      '序号', '一级事项', '二级事项', '三级事项', '公开内容', '公开时限', '公开主体',
      '政府网站', '政府公报', '两微一端', '发布会/听证会', '广播电视', '纸质传媒', '公开查阅点', '政务服务中心', '便民服务站', '入户/现场',
      '社区/企事业单位/公示栏（电子屏）', '精准推送', '其他', '全社会', '特定对象', '责任科室', '编号', '备注',
    ]);
  });

  it('turns the seed catalogue into rows and back unchanged', () => {
    const rows = itemsToRows(seed.items);
    expect(rows).toHaveLength(seed.items.length + 1);
    expect(rows[1].slice(7, 20).join('')).toBe('■■££££■■££■■£'); // 01-01: website, gazette, reading point, hall, boards, push
    expect(rowsToItems(asSheet(rows))).toEqual({ items: seed.items });
  });

  it('round-trips through CSV bytes and XLSX bytes', async () => {
    const rows = itemsToRows(seed.items);
    expect(rowsToItems(readCsv(writeCsv(rows)))).toEqual({ items: seed.items });
    expect(rowsToItems(await readXlsx(await writeXlsx(rows, seed.name)))).toEqual({ items: seed.items });
  });

  it('reads a department spreadsheet: title row, two-row header, merged 序号 and 一级事项, 是/否 ticks, no 编号', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    const carriers = COLUMNS.filter((c) => c.carrier).map((c) => c.header);
    ws.addRow(['某某局主动公开目录']);
    ws.addRow(['序号', '公开事项', '', '', '公开内容（要素）', '公开时限', '公开主体', '公开渠道和载体', ...carriers.slice(1).map(() => ''), '公开对象', '', '责任科室']);
    ws.addRow(['', '一级事项', '二级事项', '三级事项', '', '', '', ...carriers, '全社会', '特定对象', '']);
    const tick = (n: number) => carriers.map((_, i) => (i < n ? '是' : '否'));
    ws.addRow([1, '机构信息', '机构职能', '', '本局职能', '信息产生或变更之日起20个工作日内公开', '某某局', ...tick(1), '√', '', '办公室']);
    ws.addRow([null, null, '领导信息', '', '领导姓名、分工', '即时公开', '某某局', ...tick(2), '', '√', '办公室']);
    ws.mergeCells('A4:A5');
    ws.mergeCells('B4:B5');
    ws.addRow([2, '财政信息', '预决算', '部门预算', '部门预算表', '本级政府财政部门批复后20日内', '某某局', ...tick(3), '■', '£', '财务科']);
    const rows = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    const result = rowsToItems(rows);
    expect(result).toEqual({
      items: [
        expect.objectContaining({ id: '01-01', group: 1, path: ['机构信息', '机构职能'], carriers: ['website'], audience: 'public', office: '办公室' }),
        expect.objectContaining({ id: '01-02', group: 1, path: ['机构信息', '领导信息'], carriers: ['website', 'gazette'], audience: 'specific', timeLimit: { kind: 'immediate', text: '即时公开' } }),
        expect.objectContaining({ id: '02-01', group: 2, path: ['财政信息', '预决算', '部门预算'], timeLimit: { kind: 'days_after_approval', days: 20, text: '本级政府财政部门批复后20日内' } }),
      ],
    });
  });

  it('reports every bad row with row, column and reason, and returns no items', () => {
    const rows = itemsToRows(seed.items.slice(0, 6));
    const col = (h: string) => COLUMNS.findIndex((c) => c.header === h);
    rows[2][col('公开时限')] = '尽快公开';
    rows[3][col('政府网站')] = 'X';
    rows[4][col('全社会')] = '';
    rows[5][col('公开内容')] = '  ';
    rows[5][col('责任科室')] = '';
    rows[6][col('编号')] = '01-01';
    const r = rowsToItems(asSheet(rows));
    expect(r).toEqual({
      problems: [
        { row: 3, column: '公开时限', reason: expect.stringContaining('尽快公开') },
        { row: 4, column: '政府网站', reason: expect.stringContaining('X') },
        { row: 5, column: '全社会', reason: '全社会与特定对象须且只能勾选一项' },
        { row: 6, column: '公开内容', reason: '公开内容为空' },
        { row: 6, column: '责任科室', reason: '责任科室为空' },
        { row: 7, column: '编号', reason: '编号 01-01 与第 2 行重复' },
      ],
    });
  });

  it('names a missing column', () => {
    const rows = itemsToRows(seed.items.slice(0, 1)).map((r) => r.filter((_, i) => COLUMNS[i].header !== '公开主体'));
    expect(rowsToItems(asSheet(rows))).toEqual({ problems: [{ row: 1, column: '公开主体', reason: '缺少此列' }] });
  });

  it('reads a GBK-encoded CSV as Excel on Chinese Windows saves it', () => {
    // £ has no two-byte GBK code; people typing into such a file write 是/否 anyway
    const rows = itemsToRows(seed.items.slice(0, 2)).map((r) => r.map((c) => (c === '£' ? '否' : c === '■' ? '是' : c)));
    const utf8 = writeCsv(rows).toString('utf8').replace(/^\uFEFF/, '');
    const gbk = encodeGbk(utf8)!;
    expect(gbk).toBeDefined();
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(rowsToItems(readCsv(gbk))).toEqual({ items: seed.items.slice(0, 2) });
  });
});

// Node has a GB18030 decoder but no encoder; build the map for the characters used by inverting the decoder.
function encodeGbk(text: string): Buffer | undefined {
  const decoder = new TextDecoder('gb18030');
  const wanted = new Set([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
  const map = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe && map.size < wanted.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Buffer.from([hi, lo]));
      if (wanted.has(ch) && !map.has(ch)) map.set(ch, Buffer.from([hi, lo]));
    }
  }
  if (map.size < wanted.size) return undefined;
  return Buffer.concat([...text].map((ch) => map.get(ch) ?? Buffer.from(ch, 'utf8')));
}
