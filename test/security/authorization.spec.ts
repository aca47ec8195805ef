import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES, ROLES_KEY, type Role } from '../../libs/auth/src/index.js';
import { startStack, type Stack } from '../support/stack.js';

interface Route {
  method: string;
  path: string;
  roles: Role[] | undefined;
  public: boolean;
  sse: boolean;
}

/**
 * Every route the API serves, found from the controllers themselves (so a new route is covered the day it is
 * added), tried without a token and with a token of each role: no token → 401 unless the route is public, a
 * role the route does not allow → 403, an allowed role → neither 401/403 nor any 5xx.
 */
describe('authorization over every route and every role', () => {
  let s: Stack;
  let routes: Route[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    const admin = await s.token();
    tokens.admin = admin;
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const r = await s.call('POST', '/api/users', { token: admin, body: { username: `only-${role}`, password: 'Long-Password-1', roles: [role], departmentCode: 'genhe-zwfw' } });
      expect(r.status).toBe(201);
      tokens[role] = await s.token(`only-${role}`, 'Long-Password-1');
    }
    routes = [];
    // a few controllers live outside the /api prefix (the kiosk page): keep whichever path the router knows
    for (const r of discover(s)) {
      const probe = await s.call(r.method, r.path, { token: admin, ...(r.method === 'GET' || r.sse ? {} : { body: {} }), headers: r.sse ? { accept: 'application/json' } : {} }).catch(() => undefined);
      const unknown = probe?.status === 404 && /^Cannot /.test(String(probe.body?.message ?? ''));
      routes.push(unknown ? { ...r, path: r.path.replace(/^\/api/, '') } : r);
    }
  });
  afterAll(() => s.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/disclosures', roles: ['publisher'] }));
  });

  it('refuses every non-public route without a token', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => !x.public && !x.sse)) {
      const res = await s.call(r.method, r.path, r.method === 'GET' ? {} : { body: {} });
      if (res.status !== 401) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([...ROLES])('gives %s exactly the routes its role allows, and never a 5xx', async (role) => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => !x.sse)) {
      const res = await s.call(r.method, r.path, { token: tokens[role], ...(r.method === 'GET' ? {} : { body: {} }) });
      const allowed = r.public || !r.roles?.length || role === 'admin' || r.roles.includes(role);
      if (res.status >= 500) wrong.push(`${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (!r.public && allowed && (res.status === 401 || res.status === 403)) wrong.push(`${r.method} ${r.path} → ${res.status} but ${role} is allowed`);
      else if (!r.public && !allowed && res.status !== 403) wrong.push(`${r.method} ${r.path} → ${res.status} but ${role} is not allowed`);
    }
    expect(wrong).toEqual([]);
  });
});

const SAMPLE: Record<string, string> = { code: 'genhe-zwfw', year: '2026', itemId: '01-01', version: '1', format: 'csv' };

function discover(s: Stack): Route[] {
  const routes: Route[] = [];
  for (const module of s.api.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
      if (!ctrl?.prototype) continue;
      const base = [Reflect.getMetadata('path', ctrl) ?? ''].flat()[0] as string;
      const classRoles = Reflect.getMetadata(ROLES_KEY, ctrl) as Role[] | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, ctrl) === true;
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = ctrl.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const sub = Reflect.getMetadata('path', handler);
        const method = Reflect.getMetadata('method', handler);
        if (sub === undefined || method === undefined) continue;
        const joined = `/${[base, [sub].flat()[0]].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        const path = `/api${joined}`.replace(/:(\w+)/g, (_m, p: string) => SAMPLE[p] ?? '00000000-0000-4000-8000-000000000000');
        routes.push({
          method: RequestMethod[method as number] === 'ALL' ? 'GET' : RequestMethod[method as number],
          path,
          roles: (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles,
          public: classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true,
          sse: Reflect.getMetadata('__sse__', handler) === true,
        });
      }
    }
  }
  return routes;
}
