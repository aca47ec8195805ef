import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { deliveriesOf, feed, quiet, registerScreen, screensChannels, SCREENS_ENV, type Registered } from './screens-support.js';

/** Feeds per screen group: what each screen is served, how, and how cheaply it learns nothing changed. */
describe('screen feeds', () => {
  let s: Stack;
  let admin: string;
  const screens: Record<string, Registered> = {};

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels(), env: SCREENS_ENV });
    admin = await s.token();
    for (const g of ['community', 'workplace', 'service_centre', 'reading_point', 'station']) screens[g] = await registerScreen(s, admin, g);
  });
  afterAll(() => s.close());

  const settled = (id: string) =>
    eventually(async () => {
      const list = await deliveriesOf(s, admin, id);
      const screenDeliveries = list.filter((d) => d.channel === 'screens');
      return screenDeliveries.length && screenDeliveries.every((d) => d.status !== 'queued' && d.status !== 'in_progress') ? list : undefined;
    }, 30_000);

  let first: any;
  let second: any;

  it('serves each group the notices of the carriers it is mapped to, rendered and sanitized', async () => {
    const body = '<p>第一段<script>alert("x")</script></p><p><img src="x" onerror="alert(1)">第二段</p><a href="javascript:alert(1)">链接</a>';
    first = (await s.call('POST', '/api/disclosures', {
      token: admin,
      body: publishBody('genhe-zwfw:01-01', { title: '关于<b>预算</b>公开的公告', body, metadata: { indexNo: '11150785MB1234567X/2026-00042' } }),
    })).body;
    second = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '社区公示：低保名单' }) })).body;
    const deliveries = (await settled(first.id))!;
    // no screen has called in yet: nothing to wait for, the notices are live for when they do
    expect(deliveries.filter((d: any) => d.channel === 'screens').map((d: any) => [d.status, d.state.screens.settled])).toEqual(Array(3).fill(['delivered', 'no_online_screens']));
    expect(deliveries.filter((d: any) => d.channel === 'screens').map((d: any) => d.carrier).sort()).toEqual(['bulletin_board', 'reading_point', 'service_centre']);
    await settled(second.id);

    const ids = async (g: string) => (await feed(s, screens[g])).body.items.map((i: any) => i.id);
    expect(await ids('community')).toEqual([second.id, first.id]);
    expect(await ids('workplace')).toEqual([second.id, first.id]);
    expect(await ids('service_centre')).toEqual([first.id]);
    expect(await ids('reading_point')).toEqual([first.id]);
    expect(await ids('station')).toEqual([]);

    const r = await feed(s, screens.service_centre);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.body.screen).toEqual(expect.objectContaining({ id: screens.service_centre.id, group: 'service_centre' }));
    const item = r.body.items[0];
    expect(item).toEqual(expect.objectContaining({
      id: first.id, revision: 1, title: '关于预算公开的公告', indexNo: '11150785MB1234567X/2026-00042', durationSeconds: 15, priority: 0,
    }));
    expect(item.publisher.length).toBeGreaterThan(0);
    expect(item.text).toContain('第一段');
    expect(item.text).toContain('第二段');
    expect(item.text).not.toMatch(/<|alert/);
    expect(item.html).toContain('<p>第一段</p>');
    expect(item.html).not.toMatch(/script|onerror|javascript:/i);
    const window = Date.parse(item.endsAt) - Date.parse(item.startsAt);
    expect(window).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(item.startsAt) - Date.now())).toBeLessThan(60_000);
    expect(item.publishedAt).toBe(first.createdAt);
    // the website's own URL when its delivery reported one first, else the configured base
    expect([`https://www.genhe.gov.cn/xxgk/${first.id}.html`, `${s.sink.url}/sink/website#website-${deliveries.find((d: any) => d.carrier === 'website').id}`]).toContain(item.url);
    expect(item.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(item.qr.split(',')[1], 'base64').toString()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('answers If-None-Match with 304 from the group version, and 200 once the group changed', async () => {
    const a = await feed(s, screens.community);
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^"f1\.json\.community\.\d+"$/);
    const again = await feed(s, screens.community, etag);
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await feed(s, screens.community, `W/${etag}`)).status).toBe(304);
    const svcEtag = (await feed(s, screens.service_centre)).headers.get('etag')!;

    // 04-01 reaches the community and workplace groups only
    const third = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '第三条公告' }) })).body;
    const changed = await eventually(async () => {
      const r = await feed(s, screens.community, etag);
      return r.status === 200 ? r : undefined;
    }, 10_000);
    expect(changed!.body.items[0].id).toBe(third.id);
    expect(changed!.body.version).toBeGreaterThan(a.body.version);
    expect(changed!.headers.get('etag')).not.toBe(etag);
    expect((await feed(s, screens.service_centre, svcEtag)).status).toBe(304);
  });

  it('serves the same feed as Atom for vendor controllers', async () => {
    const url = `/api/screens/${screens.service_centre.id}/feed.atom?token=${encodeURIComponent(screens.service_centre.token)}`;
    const r = await s.call('GET', url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const xml = r.body as string;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(xml).toContain(`<id>urn:gongkai-dispatch:disclosure:${first.id}:r1</id>`);
    expect(xml).toContain('<title type="text">关于预算公开的公告</title>');
    expect(xml).toContain('<gk:indexNo>11150785MB1234567X/2026-00042</gk:indexNo>');
    expect(xml).toContain('&lt;p&gt;第一段&lt;/p&gt;');
    expect(xml).not.toMatch(/<script|onerror/i);
    expect((await s.call('GET', url, { headers: { 'if-none-match': r.headers.get('etag')! } })).status).toBe(304);
  });

  it('shows an updated notice in its new revision and drops a withdrawn one', async () => {
    const original = await feed(s, screens.reading_point);
    const etag = original.headers.get('etag')!;
    expect((await s.call('PATCH', `/api/disclosures/${first.id}`, { token: admin, body: { title: '更正：关于预算公开的公告' } })).status).toBe(200);
    const updated = await eventually(async () => {
      const r = await feed(s, screens.reading_point);
      return r.body.items[0]?.revision === 2 ? r : undefined;
    }, 10_000);
    expect(updated!.body.items[0].title).toBe('更正：关于预算公开的公告');
    expect(updated!.headers.get('etag')).not.toBe(etag);
    // the display window and 发布日期 stay those of the first publish
    for (const k of ['startsAt', 'endsAt', 'publishedAt']) expect(updated!.body.items[0][k]).toBe(original.body.items[0][k]);

    await quiet(s, first.id);
    expect((await s.call('POST', `/api/disclosures/${first.id}/withdraw`, { token: admin, body: { reason: '撤回测试' } })).status).toBe(200);
    // through the queue: a withdraw job per screens delivery (the feed is the polling screens' view); how fast is
    // a benchmark's business, not this test's
    const gone = await eventually(async () => {
      const lists = await Promise.all(['reading_point', 'service_centre', 'community'].map(async (g) => (await feed(s, screens[g])).body.items.map((i: any) => i.id)));
      return lists.every((ids) => !ids.includes(first.id)) ? lists : undefined;
    }, 20_000, 50);
    expect(gone![0]).toEqual([]);
    expect(gone![2].length).toBe(2);
  });

  it('answers unchanged polls ahead of the router with the ordinary headers, only for the screen\'s own valid token', async () => {
    const metric = async () => Number(/^gkd_screen_feed_not_modified_total (\d+)/m.exec(String((await s.call('GET', '/metrics')).body))?.[1]);
    const mine = await registerScreen(s, admin, 'station', '快速路径测试屏');
    const url = `/api/screens/${mine.id}/feed`;
    const full = await feed(s, mine);
    expect(full.status).toBe(200);
    const etag = full.headers.get('etag')!;
    const before = await metric();
    const r = await feed(s, mine, etag);
    expect(r.status).toBe(304);
    expect(r.body).toBe('');
    // answered by the fast path (the controller does not count), with the headers the controller's answers carry
    expect(await metric()).toBe(before + 1);
    expect(r.headers.get('etag')).toBe(etag);
    for (const h of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'cache-control', 'vary']) {
      expect([h, r.headers.get(h)]).toEqual([h, full.headers.get(h)]);
    }
    expect(r.headers.get('x-powered-by')).toBeNull();

    // a good token of another screen, a wrong token, no token: the controller's 403/401 even with the right ETag
    const other = await s.call('GET', url, { headers: { authorization: `Bearer ${screens.community.token}`, 'if-none-match': etag } });
    expect([other.status, other.body.field]).toEqual([403, 'token']);
    const wrong = await s.call('GET', url, { headers: { authorization: `Bearer ${mine.token}x`, 'if-none-match': etag } });
    expect([wrong.status, wrong.body.field]).toEqual([401, 'token']);
    expect((await s.call('GET', url, { headers: { 'if-none-match': etag } })).status).toBe(401);
    expect(await metric()).toBe(before + 1);

    // revoked: refused at once, though the token was just cached
    expect((await s.call('POST', `/api/screens/${mine.id}/revoke`, { token: admin })).status).toBe(200);
    expect((await feed(s, mine, etag)).status).toBe(401);
    expect(await metric()).toBe(before + 1);
  });
});
