import type { INestApplication } from '@nestjs/common';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { deliveriesOf, feed, quiet, registerScreen, screensChannels, SCREENS_ENV, SseClient, type Registered } from './screens-support.js';

/** Live push over server-sent events: new, changed and withdrawn notices within a second; catch-up by last event id. */
describe('screens live push', () => {
  let s: Stack;
  let admin: string;
  let community: Registered;
  let hall: Registered;
  const clients: SseClient[] = [];
  const open = async (...args: Parameters<typeof SseClient.open>) => {
    const c = await SseClient.open(...args);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels(), env: SCREENS_ENV });
    admin = await s.token();
    community = await registerScreen(s, admin, 'community', '和平社区屏');
    hall = await registerScreen(s, admin, 'service_centre', '大厅屏');
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await s.close();
  });

  const publish = async (item: string, title: string) => (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody(item, { title }) })).body;

  it('pushes a new notice, its update and its withdrawal to a connected screen', async () => {
    const c = await open(s.url, community.id, { token: community.token });
    expect(c.status).toBe(200);
    const ready = await c.waitFor((e) => e.event === 'ready');
    expect(ready.data).toEqual({ group: 'community', version: expect.any(Number) });
    // connected, so online once the sighting is written: deliveries to its group then wait for it
    await eventually(async () => (await s.call('GET', '/api/screens?group=community', { token: admin })).body.items[0].health === 'online');

    const d = await publish('genhe-zwfw:04-01', '停水通知');
    const notice = await c.waitFor((e) => e.event === 'notice' && e.data.item.id === d.id, 15_000);
    expect(notice.id).toMatch(/^\d+$/);
    expect(notice.data.item).toEqual(expect.objectContaining({ title: '停水通知', revision: 1 }));
    expect(notice.data.version).toBe((await feed(s, community)).body.version);
    // the screen is connected (online) and never acknowledged: the delivery waits for it
    const waiting = await eventually(async () => (await deliveriesOf(s, admin, d.id)).find((x) => x.channel === 'screens' && x.state?.screens), 10_000);
    expect(waiting).toEqual(expect.objectContaining({ status: 'in_progress' }));
    expect(waiting.state.screens.waiting.map((x: any) => x.id)).toEqual([community.id]);

    await quiet(s, d.id);
    let t = Date.now();
    expect((await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: '停水通知（更正）' } })).status).toBe(200);
    const updated = await c.waitFor((e) => e.event === 'notice' && e.data.item.revision === 2, 5_000);
    expect(updated.data.item.title).toBe('停水通知（更正）');
    // the target is a second; the bound leaves room for a shared 2-core CI machine running other suites alongside
    expect(updated.at - t).toBeLessThan(1_500);

    await quiet(s, d.id);
    t = Date.now();
    expect((await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '已恢复供水' } })).status).toBe(200);
    const withdrawn = await c.waitFor((e) => e.event === 'withdrawn' && e.data.id === d.id, 5_000);
    expect(withdrawn.at - t).toBeLessThan(1_500);
    expect(Number(withdrawn.id)).toBeGreaterThan(Number(updated.id));
    expect((await feed(s, community)).body.items.map((i: any) => i.id)).not.toContain(d.id);
    // the hall screen's group never saw any of it
    const h = await open(s.url, hall.id, { token: hall.token, header: true, lastEventId: '0' });
    await h.waitFor((e) => e.event === 'ready');
    expect(h.events.filter((e) => e.event !== 'ready')).toEqual([]);
  });

  it('catches a reconnecting screen up from its Last-Event-ID, in order', async () => {
    const c = await open(s.url, community.id, { token: community.token });
    await c.waitFor((e) => e.event === 'ready');
    const a = await publish('genhe-zwfw:04-01', '公告甲');
    const seen = await c.waitFor((e) => e.event === 'notice' && e.data.item.id === a.id, 15_000);
    c.close();

    const b = await publish('genhe-zwfw:04-01', '公告乙');
    const e2 = await publish('genhe-zwfw:03-01', '公告丙');
    await eventually(async () => {
      const ids = (await feed(s, community)).body.items.map((i: any) => i.id);
      return ids.includes(b.id) && ids.includes(e2.id);
    }, 15_000);

    const back = await open(s.url, community.id, { token: community.token, lastEventId: seen.id });
    const ready = await back.waitFor((e) => e.event === 'ready');
    const caught = back.events.slice(0, back.events.indexOf(ready)).filter((e) => e.event === 'notice');
    expect(caught.map((e) => e.data.item.title)).toEqual(['公告乙', '公告丙']);
    const ids = caught.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids[0]).toBeGreaterThan(Number(seen.id));
    expect(ready.data.version).toBe(caught[caught.length - 1].data.version);

    // an id the server cannot account for gets a reset: fetch the feed again
    await s.db.query(`DELETE FROM screen_events WHERE id <= $1`, [Number(seen.id) + 1]);
    const stale = await open(s.url, community.id, { token: community.token, lastEventId: seen.id });
    await stale.waitFor((e) => e.event === 'reset');
  });

  it('refuses a bad or foreign token', async () => {
    expect((await open(s.url, community.id, { token: 'nope' })).status).toBe(401);
    expect((await open(s.url, community.id, { token: hall.token })).status).toBe(403);
    expect((await open(s.url, community.id, {})).status).toBe(401);
  });

  it('reaches screens connected to another API process (Redis fan-out)', async () => {
    const { createApi } = await import('../../apps/api/src/create-api.js');
    const second: INestApplication = await createApi({ logger: ['error'] });
    await second.listen(0, '127.0.0.1');
    try {
      const c = await open(await second.getUrl(), community.id, { token: community.token });
      await c.waitFor((e) => e.event === 'ready');
      const d = await publish('genhe-zwfw:04-01', '跨进程公告');
      const got = await c.waitFor((e) => e.event === 'notice' && e.data.item.id === d.id, 15_000);
      // within a second of the notice going live (its event row), not of the next once-a-second check
      const [row] = (await s.db.query(`SELECT created_at FROM screen_events WHERE id = $1`, [Number(got.id)])).rows;
      expect(got.at - new Date(row.created_at).getTime()).toBeLessThan(1_500);
    } finally {
      await second.close();
    }
  });
});
