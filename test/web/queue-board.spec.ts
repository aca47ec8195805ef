import { publishBody, startStack, TERMINAL, eventually, type Stack } from '../support/stack.js';

const PASSWORD = 'Long-Password-1';
const BOARD = '/api/admin/queues/board';

/** Bull Board behind the back office's login: a scoped cookie, admin only, read-only, nothing loaded from outside. */
describe('queue board (Bull Board)', () => {
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
    await s.call('POST', '/api/users', { token: admin, body: { username: 'ops', password: PASSWORD, roles: ['admin'], departmentCode: 'genhe-zwfw' } });
    await s.call('POST', '/api/users', { token: admin, body: { username: 'pub', password: PASSWORD, roles: ['publisher', 'auditor'], departmentCode: 'genhe-zwfw' } });
  });
  afterAll(() => s.close());

  const openSession = async (token: string, headers: Record<string, string> = {}) => {
    const r = await s.call('POST', `${BOARD}-session`, { token, headers });
    const setCookie = r.headers.get('set-cookie') ?? '';
    return { r, setCookie, cookie: setCookie.split(';')[0] };
  };
  const board = (p: string, cookie?: string, method = 'GET') => fetch(`${s.url}${BOARD}${p}`, { method, headers: cookie ? { cookie } : {} });

  it('gives an admin a short-lived HttpOnly, SameSite=Strict cookie sent only to the board', async () => {
    const { r, setCookie } = await openSession(admin);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ url: `${BOARD}/`, expiresIn: 900 });
    expect(setCookie).toMatch(/^gkd_queue_board=[^;]+;/);
    expect(setCookie).toContain(`Path=${BOARD}`);
    expect(setCookie).toContain('Max-Age=900');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure'); // plain http on localhost…
    const https = await openSession(admin, { 'x-forwarded-proto': 'https' }); // …but behind a TLS proxy it is
    expect(https.setCookie).toContain('Secure');
    const audit = await s.db.query(`SELECT actor FROM audit_log WHERE action = 'queues.board_opened'`);
    expect(audit.rows.length).toBeGreaterThanOrEqual(2);
  });

  it('shows the board in zh-CN with every queue, read-only, and a CSP that loads nothing from outside', async () => {
    const pub = await s.token('pub', PASSWORD);
    const d = await s.call('POST', '/api/disclosures', { token: pub, body: publishBody('genhe-zwfw:01-01') });
    expect(d.status).toBe(201);
    await eventually(async () => (await s.call('GET', `/api/disclosures/${d.body.id}`, { token: pub })).body.deliveries.every((x: { status: string }) => TERMINAL.includes(x.status)));

    const { cookie } = await openSession(await s.token('ops', PASSWORD));
    const page = await board('/', cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('__UI_CONFIG__');
    const config = JSON.parse(/<script id="__UI_CONFIG__" type="application\/json">([^<]*)<\/script>/.exec(html)![1]);
    expect(config).toEqual(expect.objectContaining({ boardTitle: '队列看板', locale: { lng: 'zh-CN' } }));
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/googleapis|https:\/\//); // the board's Google Fonts link stays blocked
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)![1];
    expect((await board(`/${script}`, cookie)).status).toBe(200);

    const api = await board('/api/queues?activeQueue=channel-website&status=completed&page=1&jobsPerPage=10', cookie);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; readOnlyMode: boolean; counts: Record<string, number>; jobs: { data: unknown }[] }[] };
    const names = body.queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['disclosures', 'channel-website', 'channel-manual']));
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    const website = body.queues.find((q) => q.name === 'channel-website')!;
    expect(website.counts.completed).toBeGreaterThanOrEqual(1);
    expect(website.jobs[0].data).toEqual(expect.objectContaining({ deliveryId: expect.any(String) }));
  });

  it('refuses anyone without an admin board session, and every change', async () => {
    expect((await s.call('POST', `${BOARD}-session`, { token: await s.token('pub', PASSWORD) })).status).toBe(403);
    expect((await s.call('POST', `${BOARD}-session`, {})).status).toBe(401);
    const none = await board('/');
    expect(none.status).toBe(401);
    expect(await none.text()).toContain('打开队列看板');
    // The API's bearer token is not a board session, and the board's token is not a bearer token.
    expect((await board('/api/queues', `gkd_queue_board=${admin}`)).status).toBe(401);
    expect((await board('/api/queues', 'gkd_queue_board=%E0%A4%A')).status).toBe(401); // malformed escape: no session, no 500
    const { cookie } = await openSession(admin);
    const scoped = cookie.split('=')[1];
    expect((await s.call('GET', '/api/users', { token: decodeURIComponent(scoped) })).status).toBe(401);
    // Read-only: retries and removals belong to the back office, where the delivery row and audit log follow.
    const put = await board('/api/queues/channel-website/retry/failed', cookie, 'PUT');
    expect(put.status).toBe(405);
    expect((await board('/api/queues/channel-website/add', cookie, 'POST')).status).toBe(405);
  });

  it('ends the board session when the admin changes password', async () => {
    const ops = await s.token('ops', PASSWORD);
    const { cookie } = await openSession(ops);
    expect((await board('/api/queues', cookie)).status).toBe(200);
    const changed = await s.call('POST', '/api/auth/password', { token: ops, body: { currentPassword: PASSWORD, newPassword: 'Another-Long-Password-2' } });
    expect(changed.status).toBe(200);
    expect((await board('/api/queues', cookie)).status).toBe(401);
  });
});
