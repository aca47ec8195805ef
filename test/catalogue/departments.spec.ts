import { stringify } from 'csv-stringify/sync';
import { COLUMNS } from '../../libs/catalogue/src/table/table-columns.js';
import { publishBody, startStack, type Stack } from '../support/stack.js';

const PASSWORD = 'Long-Password-1';

/** The civil affairs bureau's own table, as its office would type it: 是/否 ticks, no 编号 column. */
function civilAffairsCsv(): string {
  const headers = COLUMNS.filter((c) => c.key !== 'id' && c.key !== 'note').map((c) => c.header);
  const ticks = (...on: number[]) => Array.from({ length: 13 }, (_, i) => (on.includes(i) ? '是' : '否'));
  return stringify([
    headers,
    ['1', '社会救助', '最低生活保障', '', '低保对象名单', '信息产生或变更之日起20个工作日内公开', '根河市民政局', ...ticks(0, 10), '√', '', '社会救助股'],
    ['1', '社会救助', '临时救助', '', '临时救助审批结果', '即时公开', '根河市民政局', ...ticks(0), '', '√', '社会救助股'],
  ]);
}

/** One deployment, two publishing bodies: each publishes only its own items; admins publish and see all. */
describe('several departments', () => {
  let s: Stack;
  let admin: string;
  let zwfw: string;
  let mz: string;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('lets an admin add a department and lists each with its catalogues and users', async () => {
    const r = await s.call('POST', '/api/departments', { token: admin, body: { code: 'genhe-mz', name: '根河市民政局' } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ code: 'genhe-mz', name: '根河市民政局' }));
    expect((await s.call('POST', '/api/departments', { token: admin, body: { code: 'genhe-mz', name: '重复' } })).status).toBe(409);
    const bad = await s.call('POST', '/api/departments', { token: admin, body: { code: 'Genhe MZ', name: 'x' } });
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('code')]);
    const audit = await s.db.query(`SELECT actor FROM audit_log WHERE action = 'department.created'`);
    expect(audit.rows).toEqual([{ actor: 'user:admin' }]);
  });

  it('imports the new department’s catalogue from its spreadsheet', async () => {
    const res = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/catalogues/genhe-mz/import?create=1&name=${encodeURIComponent('根河市民政局主动公开目录')}&department=genhe-mz`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}` }, body: civilAffairsCsv(),
    });
    expect(res.status).toBe(201);
    const items = (await s.call('GET', '/api/catalogues/genhe-mz/items', { token: admin })).body.items;
    expect(items.map((i: { id: string; carriers: string[]; audience: string }) => [i.id, i.carriers, i.audience])).toEqual([
      ['genhe-mz:01-01', ['website', 'bulletin_board'], 'public'],
      ['genhe-mz:01-02', ['website'], 'specific'],
    ]);
    const depts = (await s.call('GET', '/api/departments', { token: admin })).body.items;
    expect(depts).toEqual([
      expect.objectContaining({ code: 'genhe-mz', catalogues: ['genhe-mz'], users: 0 }),
      expect.objectContaining({ code: 'genhe-zwfw', catalogues: ['genhe-zwfw'] }),
    ]);
  });

  it('keeps department administration to admins', async () => {
    await s.call('POST', '/api/users', { token: admin, body: { username: 'pub-zwfw', password: PASSWORD, roles: ['publisher'], departmentCode: 'genhe-zwfw' } });
    await s.call('POST', '/api/users', { token: admin, body: { username: 'pub-mz', password: PASSWORD, roles: ['publisher'], departmentCode: 'genhe-mz' } });
    zwfw = await s.token('pub-zwfw', PASSWORD);
    mz = await s.token('pub-mz', PASSWORD);
    expect((await s.call('GET', '/api/departments', { token: zwfw })).status).toBe(403);
    expect((await s.call('POST', '/api/departments', { token: mz, body: { code: 'x', name: 'x' } })).status).toBe(403);
    // names only, for every signed-in person: the pages show a department's name, not its code
    const names = await s.call('GET', '/api/departments/names', { token: zwfw });
    expect(names.status).toBe(200);
    expect(names.body.items).toEqual(expect.arrayContaining([{ code: 'genhe-mz', name: '根河市民政局' }]));
    expect(Object.keys(names.body.items[0]).sort()).toEqual(['code', 'name']);
    expect((await s.call('GET', '/api/departments/names')).status).toBe(401);
  });

  it('lets each publisher publish only its own department’s items', async () => {
    const own1 = await s.call('POST', '/api/disclosures', { token: zwfw, body: publishBody('genhe-zwfw:01-01') });
    const own2 = await s.call('POST', '/api/disclosures', { token: mz, body: publishBody('genhe-mz:01-01', { title: '2026年11月低保对象名单' }) });
    expect([own1.status, own2.status]).toEqual([201, 201]);
    expect(own2.body.departmentCode).toBe('genhe-mz');

    const cross1 = await s.call('POST', '/api/disclosures', { token: zwfw, body: publishBody('genhe-mz:01-01') });
    const cross2 = await s.call('POST', '/api/disclosures', { token: mz, body: publishBody('genhe-zwfw:01-01') });
    expect([cross1.status, cross2.status]).toEqual([403, 403]);
    expect(cross1.body.message).toContain('genhe-mz');
    const { rows } = await s.db.query(`SELECT department_code, count(*)::int AS n FROM disclosures GROUP BY department_code ORDER BY department_code`);
    expect(rows).toEqual([{ department_code: 'genhe-mz', n: 1 }, { department_code: 'genhe-zwfw', n: 1 }]);

    // a department cannot change the other's disclosures either
    expect((await s.call('POST', `/api/disclosures/${own2.body.id}/withdraw`, { token: zwfw, body: { reason: '误发' } })).status).toBe(404);
    // nor learn of them through the due-date preview of an interpretation that names one as its policy
    const peek = await s.call('GET', `/api/catalogues/genhe-zwfw/items/01-06/preview?policyDisclosureId=${own2.body.id}`, { token: zwfw });
    expect([peek.status, peek.body.field]).toEqual([400, 'policyDisclosureId']);
    const own = await s.call('GET', `/api/catalogues/genhe-zwfw/items/01-06/preview?policyDisclosureId=${own1.body.id}`, { token: zwfw });
    expect(own.status).toBe(200);
  });

  it('lets an admin publish in every department and see all; publishers see their own', async () => {
    expect((await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-mz:01-02') })).status).toBe(201);
    expect((await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-07') })).status).toBe(201);
    const all = (await s.call('GET', '/api/disclosures', { token: admin })).body.items;
    expect(new Set(all.map((d: { departmentCode: string }) => d.departmentCode))).toEqual(new Set(['genhe-zwfw', 'genhe-mz']));
    const mine = (await s.call('GET', '/api/disclosures', { token: mz })).body.items;
    expect(mine.length).toBe(2);
    expect(mine.every((d: { departmentCode: string }) => d.departmentCode === 'genhe-mz')).toBe(true);
  });

  it('asks for catalogue:item once two catalogues have the same item id', async () => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('01-01') });
    expect([r.status, r.body.field]).toEqual([400, 'catalogueItemId']);
  });
});
