import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { deliveriesOf, feed, registerScreen, screensChannels, SCREENS_ENV, SseClient } from './screens-support.js';

/** A notice past its display window is no longer served, and connected screens are told to drop it. */
describe('screen notice expiry', () => {
  let s: Stack;
  let admin: string;
  // about five seconds of display: a fraction of a day is a valid setting
  const displayDays = 5 / 86_400;

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels({ displayDays }), env: SCREENS_ENV });
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('serves a notice during its window only', async () => {
    const screen = await registerScreen(s, admin, 'community', '到期测试屏');
    const sse = await SseClient.open(s.url, screen.id, { token: screen.token });
    try {
      await sse.waitFor((e) => e.event === 'ready');
      // connected, so online: the delivery waits for it
      await eventually(async () => (await s.call('GET', '/api/screens', { token: admin })).body.items[0].health === 'online');
      const d = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '限时公告' }) })).body;
      const notice = await sse.waitFor((e) => e.event === 'notice' && e.data.item.id === d.id, 15_000);
      const item = notice.data.item;
      expect(Date.parse(item.endsAt) - Date.parse(item.startsAt)).toBe(5000);
      expect((await feed(s, screen)).body.items.map((i: any) => i.id)).toEqual([d.id]);

      const expired = await sse.waitFor((e) => e.event === 'expired' && e.data.id === d.id, 10_000);
      expect(expired.at).toBeGreaterThanOrEqual(Date.parse(item.endsAt));
      expect(expired.at - Date.parse(item.endsAt)).toBeLessThan(1_500);
      expect((await feed(s, screen)).body.items).toEqual([]);
      const [row] = (await s.db.query(`SELECT phase FROM screen_notices WHERE disclosure_id = $1`, [d.id])).rows;
      expect(row.phase).toBe('expired');

      // the connected screen never acknowledged; once the notice is off every screen the delivery settles
      const x = await eventually(async () => {
        const y = (await deliveriesOf(s, admin, d.id)).find((z) => z.channel === 'screens');
        return y.status === 'delivered' ? y : undefined;
      }, 10_000);
      expect(x.state.screens.settled).toBe('taken_down');
    } finally {
      sse.close();
    }
  });
});
