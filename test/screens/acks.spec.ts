import { AckSettler } from '../../libs/screens/src/index.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { ack, deliveriesOf, feed, registerScreen, screensChannels, SCREENS_ENV, type Registered } from './screens-support.js';

/** Acknowledgements: a screens delivery is delivered when every online screen of its groups shows it, or at the timeout. */
describe('screen acknowledgements', () => {
  let s: Stack;
  let admin: string;
  let a: Registered, b: Registered, c: Registered, w: Registered;
  const polling = new Set<Registered>();
  let poller: NodeJS.Timeout;

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels({ ackTimeoutSeconds: 5 }), env: { ...SCREENS_ENV, SCREEN_ONLINE_SECONDS: '3', POLL_INTERVAL_MS: '10000' } });
    admin = await s.token();
    a = await registerScreen(s, admin, 'community', '甲屏');
    b = await registerScreen(s, admin, 'community', '乙屏');
    c = await registerScreen(s, admin, 'community', '丙屏'); // never calls in
    w = await registerScreen(s, admin, 'workplace', '单位屏');
    // screens that call in (and so count as online) but acknowledge only when a test says so
    for (const x of [a, b, w]) polling.add(x);
    poller = setInterval(() => {
      for (const x of polling) void feed(s, x).catch(() => undefined);
    }, 400);
    await eventually(async () => {
      const list = (await s.call('GET', '/api/screens', { token: admin })).body.items;
      return list.filter((x: any) => x.health === 'online').length === 3;
    }, 10_000);
  });
  afterAll(async () => {
    clearInterval(poller);
    await s.close();
  });

  const screensDelivery = (id: string) => deliveriesOf(s, admin, id).then((l) => l.find((d) => d.channel === 'screens'));
  const versionWith = async (screen: Registered, id: string) =>
    (await eventually(async () => {
      const r = await feed(s, screen);
      return r.body.items.some((i: any) => i.id === id) ? r.body.version : undefined;
    }, 15_000)) as number;

  it('counts acknowledgements and is delivered once every online screen shows the notice', async () => {
    const d = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '确认计数' }) })).body;
    const vA = await versionWith(a, d.id);
    const vW = await versionWith(w, d.id);
    let x = await eventually(async () => {
      const y = await screensDelivery(d.id);
      return y?.state?.screens ? y : undefined;
    });
    expect(x.status).toBe('in_progress');
    expect(x.state.screens).toEqual(expect.objectContaining({ groups: ['community', 'workplace'], total: 4, online: 3, acknowledgedCount: 0 }));
    expect(x.state.screens.offline.map((y: any) => y.name)).toEqual(['丙屏']);

    expect((await ack(s, a, vA)).body).toEqual({ version: vA, recorded: true, currentVersion: vA });
    expect((await ack(s, a, vA)).body.recorded).toBe(false); // repeats are free
    x = await eventually(async () => {
      const y = await screensDelivery(d.id);
      return y.state.screens.acknowledgedCount === 1 ? y : undefined;
    });
    expect(x.status).toBe('in_progress');
    expect(x.state.screens.summary).toBe('已在 1/4 块电子屏显示（在线 3 块）');
    expect(x.state.screens.acknowledged).toEqual([expect.objectContaining({ id: a.id, name: '甲屏', group: 'community', acknowledgedAt: expect.any(String) })]);
    expect(x.state.screens.waiting.map((y: any) => y.name).sort()).toEqual(['乙屏', '单位屏']);

    await ack(s, b, vA);
    await ack(s, w, vW);
    // settled by the acknowledgements themselves: once the API's settler has handled them the delivery is
    // delivered, without waiting for the worker's next poll (every 10 s here). Waiting on the settler, not a clock,
    // keeps this true on a loaded machine.
    await s.api.get(AckSettler).idle();
    x = (await screensDelivery(d.id))!;
    expect(x.status).toBe('delivered');
    expect(x.state.screens).toEqual(expect.objectContaining({ settled: 'acknowledged', acknowledgedCount: 3, total: 4, waiting: [] }));
    expect(x.state.screens.acknowledged.map((y: any) => y.name).sort()).toEqual(['乙屏', '单位屏', '甲屏']);
    expect(x.state.screens.offline.map((y: any) => y.id)).toEqual([c.id]);
    const detail = await s.call('GET', `/api/deliveries/${x.id}`, { token: admin });
    expect(detail.body.state.screens.acknowledgedCount).toBe(3);

    const audit = await s.db.query(`SELECT action, actor, screen_id, details FROM audit_log WHERE action = 'screen.acknowledged' ORDER BY id`);
    expect(audit.rows.map((r) => r.screen_id).sort()).toEqual([a.id, b.id, w.id].sort());
    const settled = await s.db.query(`SELECT actor, outcome FROM audit_log WHERE delivery_id = $1 AND action = 'delivery.remote_result'`, [x.id]);
    expect(settled.rows).toEqual([{ actor: expect.stringMatching(/^(screen:|system:poller)/), outcome: 'delivered' }]);
  });

  it('is delivered at the timeout with the screens that never acknowledged listed', async () => {
    const d = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '超时测试' }) })).body;
    await ack(s, a, await versionWith(a, d.id));
    await ack(s, w, await versionWith(w, d.id));
    const started = Date.now();
    // the worker's poll applies the timeout (5 s here; polls every 10 s)
    const x = await eventually(async () => {
      const y = await screensDelivery(d.id);
      return y.status === 'delivered' ? y : undefined;
    }, 25_000);
    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect(x.state.screens).toEqual(expect.objectContaining({ settled: 'timeout', acknowledgedCount: 2 }));
    expect(x.state.screens.missing).toEqual([expect.objectContaining({ id: b.id, name: '乙屏', group: 'community' })]);
    expect(x.state.screens.note).toMatch(/乙屏/);
  });

  it('reports a screen that stops calling in, and when it is back', async () => {
    polling.delete(w);
    const offline = await eventually(async () => {
      const r = await s.db.query(`SELECT details FROM audit_log WHERE action = 'screen.offline' AND screen_id = $1`, [w.id]);
      return r.rows[0];
    }, 15_000);
    expect(offline.details).toEqual(expect.objectContaining({ name: '单位屏', group: 'workplace', onlineSeconds: 3 }));
    const listed = (await s.call('GET', '/api/screens', { token: admin })).body.items.find((x: any) => x.id === w.id);
    expect(listed.health).toBe('offline');
    expect(listed.offlineSince).toEqual(expect.any(String));
    // reported once, not on every sweep
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await s.db.query(`SELECT 1 FROM audit_log WHERE action = 'screen.offline' AND screen_id = $1`, [w.id])).rowCount).toBe(1);
    // and the admins' inbox says so in Chinese; department staff do not see screen notices
    const inbox = (await s.call('GET', '/api/notifications?unread=true&kind=screen', { token: admin })).body.items.filter((n: any) => n.data.screenId === w.id);
    expect(inbox).toEqual([expect.objectContaining({ kind: 'screen.offline', severity: 'warning', title: '电子屏“单位屏”离线' })]);
    expect(inbox[0].message).toMatch(/自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起未连接（超过 3 秒）/);
    expect((await s.call('GET', '/api/notifications?kind=deadline', { token: admin })).body.items.some((n: any) => n.kind.startsWith('screen'))).toBe(false);

    polling.add(w);
    await eventually(async () => (await s.db.query(`SELECT 1 FROM audit_log WHERE action = 'screen.online' AND screen_id = $1`, [w.id])).rowCount === 1, 10_000);
    const back = (await s.call('GET', '/api/screens', { token: admin })).body.items.find((x: any) => x.id === w.id);
    expect(back.health).toBe('online');
    const notes = (await s.call('GET', '/api/notifications?kind=screen', { token: admin })).body.items.filter((n: any) => n.data.screenId === w.id);
    expect(notes.map((n: any) => n.kind)).toEqual(['screen.online', 'screen.offline']);
    expect(notes[0].title).toBe('电子屏“单位屏”已恢复连接');
    // a screen that never called in is not reported: it was never there
    expect((await s.db.query(`SELECT 1 FROM audit_log WHERE action = 'screen.offline' AND screen_id = $1`, [c.id])).rowCount).toBe(0);
  });
});
