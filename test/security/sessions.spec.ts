import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT } from '../../libs/observability/src/index.js';
import { startStack, type Stack } from '../support/stack.js';

/** Sessions expire, can be revoked, and password guessing is throttled; secrets never reach a log line. */
describe('sessions and login', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ env: { JWT_TTL_SECONDS: '2' }, worker: false });
  });
  afterAll(() => s.close());

  const createUser = async (username: string) => {
    const r = await s.call('POST', '/api/users', { token: await freshAdmin(), body: { username, password: 'Long-Password-1', roles: ['editor'], departmentCode: 'genhe-zwfw' } });
    return r.body.id as string;
  };
  const login = (username: string, password = 'Long-Password-1') => s.call('POST', '/api/auth/login', { body: { username, password } });

  it('expires a session after JWT_TTL_SECONDS', async () => {
    await createUser('short1');
    const { body } = await login('short1');
    expect(body.expiresIn).toBe(2);
    expect((await s.call('GET', '/api/auth/me', { token: body.accessToken })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3100));
    const expired = await s.call('GET', '/api/auth/me', { token: body.accessToken });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/登录已失效/);
  });

  it('ends every session when an admin revokes them, disables the user, or changes their roles', async () => {
    const id = await createUser('revoke1');
    const t1 = (await login('revoke1')).body.accessToken;
    expect((await s.call('POST', `/api/users/${id}/revoke-sessions`, { token: await freshAdmin() })).status).toBe(200);
    expect((await s.call('GET', '/api/auth/me', { token: t1 })).status).toBe(401);

    const t2 = (await login('revoke1')).body.accessToken;
    await s.call('PATCH', `/api/users/${id}`, { token: await freshAdmin(), body: { roles: ['auditor'] } });
    expect((await s.call('GET', '/api/auth/me', { token: t2 })).status).toBe(401);
    expect((await login('revoke1')).body.user.roles).toEqual(['auditor']);

    await s.call('PATCH', `/api/users/${id}`, { token: await freshAdmin(), body: { disabled: true } });
    expect((await login('revoke1')).status).toBe(401);
  });

  it('throttles password guessing per account without locking out others', async () => {
    await createUser('guess1');
    await createUser('other1');
    for (let i = 0; i < 5; i++) expect((await login('guess1', `wrong-${i}`)).status).toBe(401);
    const locked = await login('guess1'); // even the right password waits out the window
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/15 分钟/);
    expect((await login('other1')).status).toBe(200);
    const audit = await s.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor = 'user:guess1'`);
    expect(audit.rows[0].n).toBe(5);
  });

  it('redacts credentials and tokens in structured logs', () => {
    const lines: string[] = [];
    const out = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const log = pino({ redact: { paths: REDACT, censor: '[redacted]' } }, out);
    log.info({ req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' } }, user: { password: 'hunter2' }, channel: { secret: 's3', appSecret: 'a1' } }, 'x');
    const text = lines.join('');
    for (const secret of ['abc.def', 'sid=1', 'hunter2', '"s3"', '"a1"']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  async function freshAdmin(): Promise<string> {
    // tokens live 2 s in this stack: log in again whenever one is needed
    return (await login('admin', 'Test-Admin-Password-1')).body.accessToken;
  }
});
