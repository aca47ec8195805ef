import fc from 'fast-check';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { registerScreen, screensChannels, SCREENS_ENV, type Registered } from '../screens/screens-support.js';
import { ATTACKS, assertSaneAnswer, enc, hostileString, runs, send, unsafeMarkup } from './fuzz-support.js';

/**
 * What screens call (feed, Atom feed, acknowledgement, pairing) under generated ids, tokens and headers: never a
 * 5xx, errors as JSON, another screen's or a made-up token never gets a feed — and the notices a screen is served,
 * published with script and markup in every field, carry none that would run.
 */
describe('screen feeds under generated input', () => {
  let s: Stack;
  let admin: string;
  let screens: Registered[];

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels(), env: SCREENS_ENV });
    admin = await s.token();
    screens = [await registerScreen(s, admin, 'community'), await registerScreen(s, admin, 'service_centre')];
    const published: string[] = [];
    for (const [i, attack] of ATTACKS.slice(0, 6).entries()) {
      const r = await s.call('POST', '/api/disclosures', {
        token: admin,
        body: publishBody('genhe-zwfw:01-01', { title: `公告${i}${attack}`, body: `<p>正文${attack}</p>${ATTACKS[(i + 7) % ATTACKS.length]}`, metadata: { indexNo: `${attack}/2026-0000${i}` } }),
      });
      expect(r.status).toBe(201);
      published.push(r.body.id);
    }
    // the notices reach the screens' feeds before the fuzzing starts
    await eventually(async () => {
      const r = await send(s.url, 'GET', `/api/screens/${screens[0].id}/feed`, { headers: { authorization: `Bearer ${screens[0].token}` } });
      return r.status === 200 && JSON.parse(r.text).items.length === published.length;
    }, 60000);
  }, 120000);
  afterAll(() => s.close());

  it('answers any id, token and header with a feed for the right screen only, or a 4xx JSON', async () => {
    const who = fc.nat({ max: 1 });
    const id = (own: string, other: string) => fc.oneof({ weight: 4, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: fc.constant(other) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString(60).map(enc) });
    const token = (own: string, other: string) => fc.oneof(
      { weight: 3, arbitrary: fc.constant(own) },
      { weight: 1, arbitrary: fc.constant(other) },
      { weight: 1, arbitrary: fc.constant(own.slice(0, -1)) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 120 }).map((t) => t.replace(/[\u0000-\u001f\u007f]/g, '')) },
      { weight: 1, arbitrary: fc.base64String({ maxLength: 80 }) },
    );
    const scheme = fc.constantFrom('Bearer ', 'Bearer ', 'Bearer ', 'bearer ', 'Basic ', '', 'Bearer  ');
    const ifNoneMatch = fc.option(fc.oneof(fc.constantFrom('*', 'W/"x"', '"1"', '', ',,,'), fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((t) => t.replace(/[\u0000-\u001f\u007f]/g, ''))), { nil: undefined });
    const request = who.chain((w) => {
      const me = screens[w];
      const other = screens[1 - w];
      return fc.record({
        screen: fc.constant(me),
        id: id(me.id, other.id),
        auth: fc.tuple(scheme, token(me.token, other.token)).map(([a, b]) => `${a}${b}`),
        route: fc.constantFrom('feed', 'feed.atom', 'feed.atom?token', 'ack', 'pair'),
        ifNoneMatch,
        body: fc.oneof(fc.record({ version: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) }, { requiredKeys: [] }), fc.record({ code: fc.oneof(fc.stringMatching(/^\d{8}$/), fc.string()) }), fc.jsonValue({ maxDepth: 2 })),
      });
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = { ...(r.auth ? { authorization: r.auth } : {}), ...(r.ifNoneMatch !== undefined ? { 'if-none-match': r.ifNoneMatch } : {}) };
        // the only pair that may open a feed: a registered screen's id with that screen's own token
        const owner = screens.find((x) => x.id === r.id);
        const bearerOk = !!owner && (r.auth === `Bearer ${owner.token}` || r.auth === `Bearer  ${owner.token}`);
        const queryOk = !!owner && r.auth.replace(/^\S+\s+/, '') === owner.token;
        let a;
        if (r.route === 'ack' || r.route === 'pair') {
          a = await send(s.url, 'POST', `/api/screens/${r.id}/${r.route}`, { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(r.body) });
        } else if (r.route === 'feed.atom?token') {
          const t = r.auth.replace(/^\S+\s+/, '');
          a = await send(s.url, 'GET', `/api/screens/${r.id}/feed.atom?token=${enc(t)}`, { headers: r.ifNoneMatch !== undefined ? { 'if-none-match': r.ifNoneMatch } : {} });
        } else {
          a = await send(s.url, 'GET', `/api/screens/${r.id}/${r.route}`, { headers });
        }
        const what = `${r.route} id=${r.id.slice(0, 40)} auth=${JSON.stringify(r.auth).slice(0, 60)}`;
        assertSaneAnswer(what, a, { otherTypes: /^application\/atom\+xml/ });
        if (a.status === 200 && r.route.startsWith('feed')) {
          const ok = r.route === 'feed.atom?token' ? queryOk : bearerOk;
          if (!ok) throw new Error(`${what}: a feed without that screen's own token`);
          if (r.route === 'feed') {
            for (const item of JSON.parse(a.text).items as { html: string; title: string; text: string; indexNo: string | null }[]) {
              const found = unsafeMarkup(item.html);
              if (found) throw new Error(`feed item html: ${found}`);
              for (const plain of [item.title, item.text, item.indexNo ?? '']) if (unsafeMarkup(plain) !== null) throw new Error(`feed item text carries markup: ${plain}`);
            }
          }
        }
      }),
      { numRuns: runs(3100) },
    );
  }, 300000);
});
