import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { ADMIN_PASSWORD, startStack, type Stack } from '../support/stack.js';
import { assertSaneAnswer, hostileString, runs, send } from './fuzz-support.js';

/**
 * Login and bearer tokens under generated input: any body, wrong types, hostile strings, forwarded addresses,
 * forged and mangled tokens. Never a 5xx, never a session for a wrong password or a forged token.
 */
describe('login under generated input', () => {
  let s: Stack;
  let token: string;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    token = await s.token(); // before the fuzzing: failed logins lock the admin account for 15 minutes
  });
  afterAll(() => s.close());

  it('POST /api/auth/login answers any body with a 4xx JSON and never signs a wrong password in', async () => {
    const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const username = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('admin', 'Admin', 'admin ', ' admin', 'admin\u0000', 'nobody', "admin' OR '1'='1", 'admin"--') }, { weight: 3, arbitrary: hostileString(150) }, { weight: 1, arbitrary: wrongType });
    const password = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 60 }) }, { weight: 2, arbitrary: hostileString(250) }, { weight: 1, arbitrary: fc.constantFrom(`${ADMIN_PASSWORD} `, ADMIN_PASSWORD.toLowerCase(), '') }, { weight: 1, arbitrary: wrongType });
    const body = fc.oneof({ weight: 5, arbitrary: fc.record({ username, password, extra: wrongType }, { requiredKeys: [] }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
    // a few forwarded addresses only: each new one is a fresh throttle allowance and a real Argon2 check
    const forwarded = fc.option(fc.constantFrom('203.0.113.7', '198.51.100.1, 10.0.0.1', 'not-an-ip', '::1', '999.999.999.999'), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(body, forwarded, async (b, xff) => {
        const a = await send(s.url, 'POST', '/api/auth/login', { headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) }, body: JSON.stringify(b) });
        assertSaneAnswer(`login ${JSON.stringify(b).slice(0, 200)}`, a);
        if (a.status === 200) throw new Error(`signed in with ${JSON.stringify(b)}`);
      }),
      { numRuns: runs(1800) },
    );
  }, 240000);

  it('a protected route answers any Authorization header with 401 JSON, and the real token still works', async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const [head, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = fc.oneof(
      fc.constant(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`),
      fc.constant(`${head}.${b64({ ...claims, roles: ['admin'], tv: claims.tv + 1 })}.${token.split('.')[2]}`),
      fc.string({ maxLength: 40 }).map((secret) => `${head}.${payload}.${createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url')}`),
      fc.constant(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: 1 })}.xx`),
      fc.constant(token.slice(0, -2)),
      fc.base64String({ maxLength: 300 }),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((t) => t.replace(/[\u0000-\u001f\u007f]/g, '')),
    );
    const scheme = fc.constantFrom('Bearer ', 'bearer ', 'Basic ', 'Bearer  ', '', 'Token ');
    await fc.assert(
      fc.asyncProperty(scheme, forged, fc.constantFrom('/api/auth/me', '/api/disclosures', '/api/audit/verify/last'), async (sch, t, path) => {
        const a = await send(s.url, 'GET', path, { headers: { authorization: `${sch}${t}` } });
        assertSaneAnswer(`GET ${path} with ${JSON.stringify(`${sch}${t}`).slice(0, 120)}`, a);
        if (a.status !== 401) throw new Error(`${path} answered ${a.status} to a forged token ${sch}${t}`);
      }),
      { numRuns: runs(1000) },
    );
    expect((await send(s.url, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 180000);
});
