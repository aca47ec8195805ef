import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { INestApplication } from '@nestjs/common';
import { publishBody, startStack, type Stack } from '../support/stack.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Item = Record<string, unknown> & { itemId: string };

/** The standard table in and out over HTTP, catalogue versions, and several API processes agreeing on them. */
describe('catalogue import and export', () => {
  let s: Stack;
  let admin: string;
  let original: Item[];

  beforeAll(async () => {
    s = await startStack({ worker: false });
    admin = await s.token();
    original = (await s.call('GET', '/api/catalogues/genhe-zwfw/items', { token: admin })).body.items;
  });
  afterAll(() => s.close());

  const base = () => s.url.replace('[::1]', '127.0.0.1');
  const upload = async (path: string, data: Buffer | string, type: string, token = admin) => {
    const res = await fetch(base() + path, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body: data });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  };
  const download = async (path: string, token = admin) => {
    const res = await fetch(base() + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, data: Buffer.from(await res.arrayBuffer()) };
  };
  const items = async (code: string) => (await s.call('GET', `/api/catalogues/${code}/items`, { token: admin })).body.items as Item[];
  // what an item is, without where it is filed
  const content = (list: Item[]) => list.map(({ id: _id, catalogue: _c, ...rest }) => rest);

  it('exports the default catalogue as XLSX with the standard columns, and audits it', async () => {
    const r = await download('/api/catalogues/genhe-zwfw/export?format=xlsx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toContain('genhe-zwfw-v1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1, 8)).toEqual(['序号', '一级事项', '二级事项', '三级事项', '公开内容', '公开时限', '公开主体']);
    expect(ws.rowCount).toBe(33);
    expect(ws.getRow(2).getCell(6).value).toBe('信息产生或变更之日起20个工作日内公开');
    expect(ws.getRow(2).getCell(8).value).toBe('■');
    expect(ws.getRow(2).getCell(10).value).toBe('£');
    const audit = await s.db.query(`SELECT actor, outcome, details FROM audit_log WHERE action = 'catalogue.exported'`);
    expect(audit.rows).toEqual([{ actor: 'user:admin', outcome: 'ok', details: expect.objectContaining({ format: 'xlsx', version: 1, items: 32 }) }]);
  });

  it.each(['xlsx', 'csv'] as const)('round trip (%s): importing the export changes nothing, and builds an identical new catalogue', async (format) => {
    const file = (await download(`/api/catalogues/genhe-zwfw/export?format=${format}`)).data;
    const type = format === 'csv' ? 'text/csv' : XLSX;
    const same = await upload('/api/catalogues/genhe-zwfw/import', file, type);
    expect(same.status).toBe(200);
    expect(same.body).toEqual(expect.objectContaining({ ok: true, created: false, version: 1, items: 32 }));
    expect(await items('genhe-zwfw')).toEqual(original);

    const copy = `rt-${format}`;
    const made = await upload(`/api/catalogues/${copy}/import?create=1&name=${encodeURIComponent('往返测试目录')}&department=genhe-zwfw`, file, type);
    expect(made.status).toBe(201);
    expect(made.body).toEqual(expect.objectContaining({ catalogue: copy, department: 'genhe-zwfw', created: true, version: 1, items: 32 }));
    expect(content(await items(copy))).toEqual(content(original));
  });

  let firstDisclosure: { id: string; catalogueVersionId: number };

  it('an edited table becomes a new version; old versions stay readable and each disclosure keeps the version it used', async () => {
    firstDisclosure = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-07') })).body;
    const csv = (await download('/api/catalogues/genhe-zwfw/export?format=csv')).data.toString('utf8');
    const edited = csv.replace(',履职依据,机构领导,', ',履职依据,机构领导（含分工）,');
    expect(edited).not.toBe(csv);
    const r = await upload('/api/catalogues/genhe-zwfw/import', edited, 'text/csv; charset=utf-8');
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ created: true, version: 2 }));

    const versions = (await s.call('GET', '/api/catalogues/genhe-zwfw/versions', { token: admin })).body.items;
    expect(versions.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([[2, 'import'], [1, 'file']]);
    const v1 = (await s.call('GET', '/api/catalogues/genhe-zwfw/versions/1', { token: admin })).body.items.find((i: Item) => i.itemId === '01-07');
    const now = (await items('genhe-zwfw')).find((i) => i.itemId === '01-07')!;
    expect(v1.path).toEqual(['履职依据', '机构领导']);
    expect(now.path).toEqual(['履职依据', '机构领导（含分工）']);

    const second = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-07') })).body;
    expect(second.catalogueVersionId).toBe(versions[0].id);
    expect(firstDisclosure.catalogueVersionId).toBe(versions[1].id);
    const audit = await s.db.query(`SELECT outcome, details FROM audit_log WHERE action = 'catalogue.imported' AND catalogue_code = 'genhe-zwfw' ORDER BY id`);
    expect(audit.rows.map((a) => a.outcome)).toEqual(['unchanged', 'unchanged', 'new_version']);
  });

  it('reports every bad row with row, column and reason, and imports nothing', async () => {
    const records: string[][] = parse((await download('/api/catalogues/genhe-zwfw/export?format=csv')).data, { bom: true });
    records[8][5] = '尽快公开'; // row 9: 公开时限
    records[8][7] = '可能'; // row 9: 政府网站
    records[9][20] = ''; // row 10: 全社会
    records[9][22] = ''; // row 10: 责任科室
    const r = await upload('/api/catalogues/genhe-zwfw/import', stringify(records), 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('未导入任何内容');
    expect(r.body.problems).toEqual([
      { row: 9, column: '公开时限', reason: expect.stringContaining('尽快公开') },
      { row: 9, column: '政府网站', reason: expect.stringContaining('可能') },
      { row: 10, column: '全社会', reason: '全社会与特定对象须且只能勾选一项' },
      { row: 10, column: '责任科室', reason: '责任科室为空' },
    ]);
    const versions = (await s.call('GET', '/api/catalogues/genhe-zwfw/versions', { token: admin })).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const rejected = await s.db.query(`SELECT details FROM audit_log WHERE action = 'catalogue.imported' AND outcome = 'rejected'`);
    expect(rejected.rows).toEqual([{ details: expect.objectContaining({ format: 'csv', problems: 4 }) }]);
  });

  it('reports a file that is not a spreadsheet at all', async () => {
    const r = await upload('/api/catalogues/genhe-zwfw/import', Buffer.from('not a zip file'), XLSX);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([{ row: 0, column: '(文件)', reason: expect.stringContaining('XLSX') }]);
  });

  it('checks without storing on dryRun', async () => {
    const csv = (await download('/api/catalogues/genhe-zwfw/export?format=csv')).data.toString('utf8').replace('机构领导（含分工）', '机构领导');
    const r = await upload('/api/catalogues/genhe-zwfw/import?dryRun=1', csv, 'text/csv');
    expect([r.status, r.body.dryRun, r.body.items]).toEqual([200, true, 32]);
    expect((await s.call('GET', '/api/catalogues/genhe-zwfw/versions', { token: admin })).body.items).toHaveLength(2);
  });

  it('answers wrong requests with 4xx naming the field', async () => {
    const csv = (await download('/api/catalogues/genhe-zwfw/export?format=csv')).data;
    expect((await upload('/api/catalogues/genhe-zwfw/import', csv, 'application/octet-stream')).body).toEqual(expect.objectContaining({ statusCode: 415, field: 'Content-Type' }));
    expect((await s.call('POST', '/api/catalogues/genhe-zwfw/import', { token: admin, body: { items: [] } })).body).toEqual(expect.objectContaining({ statusCode: 415, field: 'Content-Type' }));
    expect((await upload('/api/catalogues/nope/import', csv, 'text/csv')).status).toBe(404);
    expect((await upload('/api/catalogues/genhe-zwfw/import?create=1&name=x&department=genhe-zwfw', csv, 'text/csv')).status).toBe(409);
    expect((await upload('/api/catalogues/new-one/import?create=1&name=x&department=no-such-dept', csv, 'text/csv')).body).toEqual(expect.objectContaining({ statusCode: 400, field: 'department' }));
    expect((await upload('/api/catalogues/new-one/import?create=1&department=genhe-zwfw', csv, 'text/csv')).body).toEqual(expect.objectContaining({ statusCode: 400, field: 'name' }));
    expect((await upload('/api/catalogues/genhe-zwfw/import?name=x', csv, 'text/csv')).body).toEqual(expect.objectContaining({ statusCode: 400, field: 'name' }));
    expect((await download('/api/catalogues/genhe-zwfw/export?format=pdf')).status).toBe(400);
    expect((await download('/api/catalogues/genhe-zwfw/export?version=9')).status).toBe(404);
    const big = Buffer.alloc(6 * 1024 * 1024, 0x41);
    expect((await upload('/api/catalogues/genhe-zwfw/import', big, 'text/csv')).body).toEqual(expect.objectContaining({ statusCode: 413, field: 'body' }));
    await s.call('POST', '/api/users', { token: admin, body: { username: 'pub-x', password: 'Long-Password-1', roles: ['publisher'], departmentCode: 'genhe-zwfw' } });
    const publisher = await s.token('pub-x', 'Long-Password-1');
    expect((await upload('/api/catalogues/genhe-zwfw/import', csv, 'text/csv', publisher)).status).toBe(403);
    expect((await download('/api/catalogues/genhe-zwfw/export', publisher)).status).toBe(403);
  });

  it('exports an old version on request', async () => {
    const r = await download('/api/catalogues/genhe-zwfw/export?format=csv&version=1');
    expect(r.headers.get('content-disposition')).toContain('genhe-zwfw-v1.csv');
    expect(r.data.toString('utf8')).not.toContain('含分工');
  });

  describe('several API processes', () => {
    let second: INestApplication;
    beforeAll(async () => {
      const { createApi } = await import('../../apps/api/src/create-api.js');
      second = await createApi({ logger: ['error'] });
      await second.listen(0, '127.0.0.1');
    });
    afterAll(() => second.close());

    it('agree on the version in force as soon as one of them stores a new one', async () => {
      const url = (await second.getUrl()).replace('[::1]', '127.0.0.1');
      const ask = async () => {
        const body = (await (await fetch(`${url}/api/catalogues`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { items: { code: string; version: number }[] };
        return body.items.find((c) => c.code === 'genhe-zwfw')!;
      };
      expect((await ask()).version).toBe(2);
      const csv = (await download('/api/catalogues/genhe-zwfw/export?format=csv')).data.toString('utf8').replace('机构领导（含分工）', '机构领导（第三版）');
      expect((await upload('/api/catalogues/genhe-zwfw/import', csv, 'text/csv')).body.version).toBe(3);
      expect((await ask()).version).toBe(3);
    });
  });

  describe('files and imports', () => {
    it('a file that did not change leaves an import in force; a changed file makes a new version', async () => {
      const { CatalogueService, loadCatalogueDirectory } = await import('../../libs/catalogue/src/index.js');
      const service = s.api.get(CatalogueService, { strict: false });
      const [file] = loadCatalogueDirectory('config/catalogues');
      expect(await service.syncVersion(file, 'file')).toEqual({ version: 3, created: false });
      const changed = { ...file, items: file.items.map((i) => (i.id === '02-01' ? { ...i, content: `${i.content}（文件修订）` } : i)) };
      expect(await service.syncVersion(changed, 'file')).toEqual({ version: 4, created: true });
      const loaded = await s.db.query(`SELECT actor, outcome, details FROM audit_log WHERE action = 'catalogue.version_loaded' AND catalogue_code = 'genhe-zwfw' ORDER BY id DESC LIMIT 1`);
      expect(loaded.rows[0]).toEqual(expect.objectContaining({ actor: 'system:config', outcome: 'new_version', details: expect.objectContaining({ version: 4, source: 'file' }) }));
      await service.ensureFresh();
      expect(service.get('genhe-zwfw')!.byId.get('02-01')!.content).toContain('文件修订');
      // the file's change replaced the whole catalogue: the imported edit of 01-07 is gone with it
      expect(service.get('genhe-zwfw')!.byId.get('01-07')!.path).toEqual(['履职依据', '机构领导']);
    });
  });
});
