import { ScreenAuth } from '../../libs/screens/src/index.js';
import { eventually, startStack, type Stack } from '../support/stack.js';
import { feed, registerScreen, screensChannels, SCREENS_ENV } from './screens-support.js';

/** Registering screens, their own tokens (rotation, revocation, pairing), and who may do what. */
describe('screen registry and tokens', () => {
  let s: Stack;
  let admin: string;
  beforeAll(async () => {
    s = await startStack({ channels: screensChannels(), env: SCREENS_ENV, worker: false });
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('registers a screen for an admin only, with a group from config/channels.yaml', async () => {
    const r = await s.call('POST', '/api/screens', { token: admin, body: { name: '和平社区一号屏', group: 'community', location: '和平社区居委会门口' } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ name: '和平社区一号屏', group: 'community', carrier: 'bulletin_board', location: '和平社区居委会门口', health: 'never_seen' }));
    expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.body.kioskUrl).toBe(`/screens/${r.body.id}?token=${r.body.token}`);
    const [row] = (await s.db.query(`SELECT token_hash FROM screens WHERE id = $1`, [r.body.id])).rows;
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(r.body.token);

    const unknown = await s.call('POST', '/api/screens', { token: admin, body: { name: 'x', group: 'moon_base' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('group');
    expect(unknown.body.message).toMatch(/community/);
    const missing = await s.call('POST', '/api/screens', { token: admin, body: { group: 'community' } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: any) => f.field)).toContain('name');

    await s.call('POST', '/api/users', { token: admin, body: { username: 'pub1', password: 'Publisher-Password-1', roles: ['publisher'], departmentCode: 'genhe-zwfw' } });
    const pub = await s.token('pub1', 'Publisher-Password-1');
    expect((await s.call('POST', '/api/screens', { token: pub, body: { name: 'x', group: 'community' } })).status).toBe(403);
    expect((await s.call('GET', '/api/screens', { token: pub })).status).toBe(200);
    expect((await s.call('POST', `/api/screens/${r.body.id}/token`, { token: pub })).status).toBe(403);
    expect((await s.call('GET', '/api/screens')).status).toBe(401);
    const groups = await s.call('GET', '/api/screen-groups', { token: admin });
    expect(groups.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'workplace', carrier: 'bulletin_board', label: '企事业单位公示栏', channel: 'screens' })]));
  });

  it('authenticates each screen by its own token: 401 without or with a bad one, 403 for another screen', async () => {
    const a = await registerScreen(s, admin, 'community', 'A');
    const b = await registerScreen(s, admin, 'service_centre', 'B');
    expect((await feed(s, a)).status).toBe(200);
    expect((await s.call('GET', `/api/screens/${a.id}/feed`)).status).toBe(401);
    expect((await feed(s, { id: a.id, token: 'x'.repeat(43) })).status).toBe(401);
    const cross = await feed(s, { id: a.id, token: b.token });
    expect(cross.status).toBe(403);
    expect(cross.body.message).toMatch(/另一块电子屏/);
    // a user's login token is not a screen token
    expect((await feed(s, { id: a.id, token: admin })).status).toBe(401);
    expect((await s.call('GET', `/api/screens/not-a-uuid/feed`, { headers: { authorization: `Bearer ${a.token}` } })).status).toBe(400);
  });

  it('rotates a token (the old one stops at once) and revokes a screen', async () => {
    const a = await registerScreen(s, admin, 'reading_point', 'R');
    expect((await feed(s, a)).status).toBe(200); // cached as good
    const rotated = await s.call('POST', `/api/screens/${a.id}/token`, { token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(a.token);
    expect((await feed(s, a)).status).toBe(401);
    const fresh = { id: a.id, token: rotated.body.token };
    expect((await feed(s, fresh)).status).toBe(200);

    const revoked = await s.call('POST', `/api/screens/${a.id}/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.health).toBe('revoked');
    expect((await feed(s, fresh)).status).toBe(401);
    expect((await s.call('GET', `/api/screens/${a.id}/events?token=${fresh.token}`)).status).toBe(401);
    // rotating brings a revoked screen back with a new token
    const back = await s.call('POST', `/api/screens/${a.id}/token`, { token: admin });
    expect((await feed(s, { id: a.id, token: back.body.token })).status).toBe(200);
    const audit = await s.db.query(`SELECT action FROM audit_log WHERE screen_id = $1 ORDER BY id`, [a.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['screen.registered', 'screen.token_rotated', 'screen.revoked', 'screen.token_rotated']);
    expect((await s.call('POST', `/api/screens/00000000-0000-4000-8000-000000000000/revoke`, { token: admin })).status).toBe(404);
  });

  it('renews a polling screen\'s cached token in the background before it runs out; drops a revoked one', async () => {
    const auth = s.api.get(ScreenAuth);
    const a = await registerScreen(s, admin, 'community', 'Renew-A');
    const b = await registerScreen(s, admin, 'community', 'Renew-B');
    expect((await feed(s, a)).status).toBe(200);
    expect((await feed(s, b)).status).toBe(200);
    // both entries in their last second, as every entry of screens that started together is at the same moment
    const cache = (auth as unknown as { cache: Map<string, { until: number; screen: { id: string } }> }).cache;
    for (const entry of cache.values()) entry.until = Date.now() + 1000;
    // b revoked by another process whose signal never arrived: only the entry's own life protects this one
    await s.db.query(`UPDATE screens SET revoked_at = now() WHERE id = $1`, [b.id]);
    // still answered from the cache (no query on the request), each poll asking for a check
    expect(auth.cachedScreen(a.id, a.token)?.id).toBe(a.id);
    expect(auth.cachedScreen(b.id, b.token)?.id).toBe(b.id);
    await auth.refreshSoon();
    expect(auth.cachedScreen(a.id, a.token)?.id).toBe(a.id);
    expect([...cache.values()].find((e) => e.screen.id === a.id)!.until).toBeGreaterThan(Date.now() + 8000);
    expect(auth.cachedScreen(b.id, b.token)).toBeUndefined();
    expect((await feed(s, b)).status).toBe(401);
  });

  it('pairs a display with a one-time code instead of a token', async () => {
    const a = await registerScreen(s, admin, 'station', 'T');
    const code = await s.call('POST', `/api/screens/${a.id}/pairing-code`, { token: admin });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^\d{8}$/);
    expect(code.body.pairingUrl).toBe(`/screens/${a.id}?code=${code.body.code}`);
    const wrong = code.body.code === '00000000' ? '00000001' : '00000000';
    const bad = await s.call('POST', `/api/screens/${a.id}/pair`, { body: { code: wrong } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('code');
    expect((await s.call('POST', `/api/screens/${a.id}/pair`, { body: { code: 'abc' } })).status).toBe(400);
    const ok = await s.call('POST', `/api/screens/${a.id}/pair`, { body: { code: code.body.code } });
    expect(ok.status).toBe(200);
    expect((await feed(s, { id: a.id, token: ok.body.token })).status).toBe(200);
    expect((await feed(s, a)).status).toBe(401);
    expect((await s.call('POST', `/api/screens/${a.id}/pair`, { body: { code: code.body.code } })).status).toBe(400);

    // wrong guesses use the code up
    const second = await s.call('POST', `/api/screens/${a.id}/pairing-code`, { token: admin });
    const other = second.body.code === '11111111' ? '22222222' : '11111111';
    for (let i = 0; i < 5; i++) await s.call('POST', `/api/screens/${a.id}/pair`, { body: { code: other } });
    expect((await s.call('POST', `/api/screens/${a.id}/pair`, { body: { code: second.body.code } })).status).toBe(400);
  });

  it('lists screens with last seen, content version shown and health', async () => {
    const a = await registerScreen(s, admin, 'workplace', 'W1');
    const quiet = await registerScreen(s, admin, 'workplace', 'W2');
    const f = await feed(s, a);
    await s.call('POST', `/api/screens/${a.id}/ack`, { body: { version: f.body.version }, headers: { authorization: `Bearer ${a.token}` } });
    const list = await eventually(async () => {
      const r = await s.call('GET', '/api/screens?group=workplace', { token: admin });
      return r.body.items.find((x: any) => x.id === a.id)?.health === 'online' ? r.body.items : undefined;
    }, 10_000);
    expect(list.map((x: any) => x.group)).toEqual(['workplace', 'workplace']);
    const seen = list.find((x: any) => x.id === a.id);
    expect(seen).toEqual(expect.objectContaining({ health: 'online', shownVersion: f.body.version, currentVersion: f.body.version, upToDate: true, kioskPath: `/screens/${a.id}` }));
    expect(Date.now() - Date.parse(seen.lastSeenAt)).toBeLessThan(10_000);
    expect(list.find((x: any) => x.id === quiet.id)).toEqual(expect.objectContaining({ health: 'never_seen', lastSeenAt: null, shownVersion: null, upToDate: false }));
    expect((await s.call('POST', `/api/screens/${a.id}/ack`, { body: { version: f.body.version + 5 }, headers: { authorization: `Bearer ${a.token}` } })).status).toBe(400);
    expect((await s.call('POST', `/api/screens/${a.id}/ack`, { body: { version: 'x' }, headers: { authorization: `Bearer ${a.token}` } })).status).toBe(400);

    const moved = await s.call('PATCH', `/api/screens/${a.id}`, { token: admin, body: { group: 'community', location: '新地点' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual(expect.objectContaining({ group: 'community', carrier: 'bulletin_board', location: '新地点', shownVersion: null }));
    expect((await feed(s, a)).body.screen.group).toBe('community');
  });

  it('serves the kiosk page outside /api, with a strict CSP, and refuses a bad token', async () => {
    const a = await registerScreen(s, admin, 'community', 'K');
    const page = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/screens/${a.id}?token=${a.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain(`data-screen="${a.id}"`);
    expect(html).not.toMatch(/<script>(?!<)/);
    expect((await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/screens/${a.id}?token=wrong`)).status).toBe(401);
    expect((await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/screens/nope`)).status).toBe(404);
    const js = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/screens/assets/kiosk.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const sw = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/screens/sw.js`);
    expect(sw.headers.get('service-worker-allowed')).toBe('/screens/');
    expect((await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/screens/assets/secret.txt`)).status).toBe(404);
    // the API stays under /api
    expect((await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/screens/${a.id}/feed`, { headers: { authorization: `Bearer ${a.token}` } })).status).toBe(200);
  });
});
