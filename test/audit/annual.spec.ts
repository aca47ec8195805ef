import { eventually, publishBody, startStack, TERMINAL, type Stack } from '../support/stack.js';

/** Annual-report figures from disclosures tagged with category and validity, and per-channel publication counts. */
describe('annual report figures', () => {
  let s: Stack;
  let admin: string;
  const ids: Record<string, string> = {};
  const get = async (id: string) => (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body;
  const settled = (id: string, done = (x: { status: string }) => TERMINAL.includes(x.status)) =>
    eventually(async () => {
      const x = await get(id);
      return x.deliveries.every(done) ? x : undefined;
    });
  const publish = async (name: string, item: string, metadata: Record<string, unknown>) => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody(item, { title: `年报测试 ${name}`, metadata }) });
    expect(r.status).toBe(201);
    ids[name] = r.body.id;
    return settled(r.body.id);
  };
  const normative = (writtenAt: string) => ({ category: '规范性文件', validity: 'in_force', writtenAt });
  // the report year is the year this runs in (Beijing time): everything is published, repealed and withdrawn now,
  // and dated in this year or the one before, so the figures hold on any day
  const Y = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();
  const P = Y - 1;

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
    await publish('N1', 'genhe-zwfw:01-09', normative(`${Y}-01-01`)); // issued this year, in force
    await publish('N2', 'genhe-zwfw:01-09', normative(`${P}-06-01`)); // issued last year, in force
    await publish('N3', 'genhe-zwfw:01-09', normative(`${P}-05-01`)); // issued last year, repealed now
    await publish('N4', 'genhe-zwfw:01-09', normative(`${Y}-01-01`)); // issued this year, expired now
    await publish('N5', 'genhe-zwfw:01-09', { category: '工作动态', writtenAt: `${Y}-01-01` }); // not a 规范性文件
    await publish('N6', 'genhe-zwfw:01-09', normative(`${Y}-01-01`)); // withdrawn: does not count
    const e = await publish('E', 'genhe-zwfw:05-01', {});
    const task = e.deliveries.find((x: { carrier: string }) => x.carrier === 'broadcast');
    expect((await s.call('POST', `/api/deliveries/${task.id}/confirm`, { token: admin, body: { note: '已播出' } })).status).toBe(200);

    for (const [name, validity] of [['N3', 'repealed'], ['N4', 'expired']]) {
      const r = await s.call('PATCH', `/api/disclosures/${ids[name]}`, { token: admin, body: { metadata: { validity } } });
      expect(r.status).toBe(200);
      // the update is delivered too; it must not count as a second publication
      expect(await settled(ids[name], (x: { status: string; operation?: string }) => x.status === 'delivered' && x.operation === 'update')).toBeTruthy();
    }
    expect((await s.call('POST', `/api/disclosures/${ids.N6}/withdraw`, { token: admin, body: { reason: '测试' } })).status).toBe(200);
    expect(await settled(ids.N6, (x) => x.status === 'withdrawn')).toBeTruthy();
  });
  afterAll(() => s.close());

  it('fills the 规范性文件 row of section 二 for the year', async () => {
    const thisYear = await s.call('GET', `/api/reports/annual?year=${Y}`, { token: admin });
    expect(thisYear.status).toBe(200);
    expect(thisYear.body.normativeDocuments).toEqual(expect.objectContaining({ issued: 2, repealed: 1, inForce: 2 }));
    const lastYear = await s.call('GET', `/api/reports/annual?year=${P}&department=genhe-zwfw`, { token: admin });
    // at the end of last year, N3 was still in force: its repeal came this year
    expect(lastYear.body.normativeDocuments).toEqual({ issued: 2, repealed: 0, inForce: 2, asOf: `${P}-12-31T16:00:00.000Z` });
  });

  it('counts publications per channel and carrier for section 一, once per delivery', async () => {
    const r = (await s.call('GET', `/api/reports/annual?year=${Y}`, { token: admin })).body.publications;
    expect(r.disclosures).toBe(7);
    expect(r.byChannel).toEqual([
      { channel: 'manual', published: 1 },
      { channel: 'new-media', published: 1 },
      { channel: 'screens', published: 3 },
      { channel: 'targeted-push', published: 1 },
      { channel: 'website', published: 7 },
    ]);
    expect(r.byCarrier).toEqual([
      { carrier: 'website', label: '政府网站', published: 7 },
      { carrier: 'new_media', label: '两微一端', published: 1 },
      { carrier: 'broadcast', label: '广播电视', published: 1 },
      { carrier: 'reading_point', label: '公开查阅点', published: 1 },
      { carrier: 'service_centre', label: '政务服务中心', published: 1 },
      { carrier: 'bulletin_board', label: '社区/企事业单位/公示栏（电子屏）', published: 1 },
      { carrier: 'targeted_push', label: '精准推送', published: 1 },
    ]);
    const lastYear = (await s.call('GET', `/api/reports/annual?year=${P}`, { token: admin })).body.publications;
    expect(lastYear).toEqual({ disclosures: 0, byChannel: [], byCarrier: [] });
  });

  it('refuses a bad year or department naming the field', async () => {
    for (const [q, field] of [['', 'year'], ['year=26x', 'year'], ['year=1999', 'year'], ['year=2026&department=nowhere', 'department'], ['year=2026&x=1', 'x']]) {
      const r = await s.call('GET', `/api/reports/annual?${q}`, { token: admin });
      expect(r.status).toBe(400);
      expect(r.body.field ?? r.body.fields.map((f: { field: string }) => f.field)).toEqual(r.body.field ? field : expect.arrayContaining([field]));
    }
  });
});
