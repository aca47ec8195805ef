import fc from 'fast-check';
import { startStack, type Stack } from '../support/stack.js';
import { assertSaneAnswer, enc, hostileString, runs, send } from './fuzz-support.js';

/**
 * The publish API under generated input: any JSON, wrong types, hostile strings, odd dates, odd headers. Every
 * answer is a 2xx or a 4xx JSON naming the problem — never a 5xx — and whatever was accepted comes back intact
 * (stored as given, rendered safely only where it is shown).
 */
describe('publish API under generated input', () => {
  let s: Stack;
  let auth: Record<string, string>;
  const created: string[] = [];

  beforeAll(async () => {
    s = await startStack({ worker: false });
    auth = { authorization: `Bearer ${await s.token()}` };
  });
  afterAll(() => s.close());

  /** any JSON value of a type the field does not take */
  const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
  const field = <T>(good: fc.Arbitrary<T>, maxLength = 300) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 2, arbitrary: hostileString(maxLength) }, { weight: 1, arbitrary: wrongType });
  const isoDate = fc.oneof(
    fc.constantFrom('2026-11-24T09:00:00+08:00', '2026-02-30T09:00:00Z', '2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-24', '2026-11-24T25:61:00Z', '', 'now'),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const day = fc.oneof(fc.constantFrom('2026-11-24', '2026-02-29', '2024-02-29', '1900-01-01', '9999-12-31', '2026-1-1'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  const metadata = fc.oneof(
    { weight: 4, arbitrary: fc.record({
      indexNo: field(fc.string({ maxLength: 100 }), 150), docNo: field(fc.constantFrom('国办发〔2017〕47号', ''), 150), writtenAt: field(day), summary: field(fc.string({ maxLength: 200 }), 2500),
      subject: field(fc.string({ maxLength: 100 })), keywords: field(fc.array(hostileString(60), { maxLength: 4 })), category: field(fc.constantFrom('规范性文件')),
      validity: field(fc.constantFrom('in_force', 'repealed', 'expired')), constructor: wrongType, unknownField: wrongType,
    }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: wrongType },
  );
  const text = (max: number) => hostileString(max).filter((t) => t.trim().length > 0);
  // valid in shape, hostile in content: script and markup in every free-text field
  const valid = fc.record({
    catalogueItemId: fc.constantFrom('genhe-zwfw:01-01', 'genhe-zwfw:01-03', 'genhe-zwfw:01-02'),
    title: text(300),
    body: text(3000),
    generatedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
    metadata: fc.record({ indexNo: hostileString(100), docNo: hostileString(100), summary: hostileString(2000), subject: hostileString(100), keywords: fc.array(hostileString(50), { maxLength: 3 }) }, { requiredKeys: [] }),
  }, { requiredKeys: ['catalogueItemId', 'title', 'body', 'generatedAt'] });
  const body = fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 6, arbitrary: fc.record({
      catalogueItemId: field(fc.constantFrom('genhe-zwfw:01-01', 'genhe-zwfw:01-03', '01-05', 'genhe-zwfw:02-01', 'genhe-zwfw:99-99', 'nope:01-01', 'genhe-zwfw:', ':', '01-01\u0000')),
      title: field(fc.string({ minLength: 1, maxLength: 200 }), 400),
      body: field(fc.string({ minLength: 1, maxLength: 500 }), 3000),
      generatedAt: field(isoDate),
      metadata,
      approvalDate: field(day),
      noticeEndDate: field(day),
      policyDisclosureId: field(fc.uuid()),
      status: wrongType,
      id: fc.uuid(),
    }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  // visible ASCII is what the API accepts; spaces, tabs and long keys are what it must refuse politely
  const idempotencyKey = fc.option(fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 210 }).map((k) => k.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')), fc.uuid()), { nil: undefined });

  it('POST /api/disclosures answers every body and Idempotency-Key with a 2xx or a 4xx JSON', async () => {
    await fc.assert(
      fc.asyncProperty(body, idempotencyKey, async (b, key) => {
        const a = await send(s.url, 'POST', '/api/disclosures', {
          headers: { ...auth, 'content-type': 'application/json', ...(key !== undefined ? { 'idempotency-key': key } : {}) },
          body: JSON.stringify(b),
        });
        assertSaneAnswer(`POST /api/disclosures ${JSON.stringify(b).slice(0, 300)}`, a);
        if (a.status === 201 || a.status === 200) {
          const d = JSON.parse(a.text);
          const sent = b as { title: string; body: string };
          // stored exactly as given: escaping is the renderer's job, at the place it is shown
          if (a.status === 201 && (d.title !== sent.title || d.body !== sent.body)) throw new Error(`stored differently: ${JSON.stringify([d.title, sent.title])}`);
          created.push(d.id);
        }
      }),
      { numRuns: runs(1200) },
    );
    // the generator reaches the happy path too, or the property says little
    expect(created.length).toBeGreaterThan(0);
  }, 240000);

  // found by the property above: U+0000 reached PostgreSQL and came back as a 400 naming no field, and a lone
  // surrogate made the Idempotency-Key request hash throw (a 500)
  it('refuses text it cannot store as given, naming the field that carries it', async () => {
    const post = (b: object) => send(s.url, 'POST', '/api/disclosures', { headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(b) });
    const base = { catalogueItemId: 'genhe-zwfw:01-01', title: '标题', body: '正文', generatedAt: '2026-11-24T09:00:00+08:00' };
    for (const [b, field] of [[{ ...base, title: 'a\u0000b' }, 'title'], [{ ...base, metadata: { summary: '\u0000' } }, 'metadata.summary'], [{ ...base, metadata: { keywords: ['x', 'y\u0000'] } }, 'metadata.keywords[1]'], [{ ...base, body: 'x\ud800y' }, 'body'], [{ ...base, metadata: { subject: '\udfff' } }, 'metadata.subject']] as const) {
      const a = await post(b);
      expect([a.status, JSON.parse(a.text).field]).toEqual([400, field]);
    }
  });

  it('POST /api/disclosures answers raw bodies and any content type with a 4xx JSON', async () => {
    const contentType = fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', ''), fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((t) => t.replace(/[\u0000-\u001f\u007f]/g, '')));
    const raw = fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{', '{"title":', '[]', 'null', '"x"', '{"a":1}{"b":2}', '{"__proto__":{"admin":true}}', 'title=x&body=y', '<xml/>', '\u0000'));
    await fc.assert(
      fc.asyncProperty(raw, contentType, async (text, type) => {
        const a = await send(s.url, 'POST', '/api/disclosures', { headers: { ...auth, ...(type ? { 'content-type': type } : {}) }, body: text });
        assertSaneAnswer(`POST /api/disclosures raw ${JSON.stringify(text).slice(0, 100)} as ${type}`, a);
      }),
      { numRuns: runs(900) },
    );
  }, 180000);

  it('GET /api/disclosures answers any query with a 2xx or a 4xx JSON', async () => {
    const key = fc.constantFrom('status', 'department', 'item', 'channel', 'from', 'to', 'overdue', 'limit', 'cursor', 'status[]', 'limit[a]', '__proto__', 'x');
    const value = fc.oneof(fc.constantFrom('delivered', 'true', 'false', '0', '-1', '200', '201', '1e3', '2026-11-24', 'eyJhIjoxfQ', ''), hostileString(80), fc.base64String({ maxLength: 80 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 5 }), async (pairs) => {
        const q = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
        const a = await send(s.url, 'GET', `/api/disclosures?${q}`, { headers: auth });
        assertSaneAnswer(`GET /api/disclosures?${q}`, a);
      }),
      { numRuns: runs(400) },
    );
  }, 180000);

  it('GET /api/disclosures/:id and its deliveries answer any id with a 2xx or a 4xx JSON', async () => {
    const id = fc.oneof(fc.uuid(), hostileString(60), fc.constantFrom('..', '%2e%2e', '0', '00000000-0000-0000-0000-000000000000', 'null'));
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('', '/timeline'), async (raw, suffix) => {
        const path = `/api/disclosures/${enc(raw)}${suffix}`;
        const a = await send(s.url, 'GET', path, { headers: auth });
        assertSaneAnswer(`GET ${path}`, a);
      }),
      { numRuns: runs(300) },
    );
  }, 120000);
});

