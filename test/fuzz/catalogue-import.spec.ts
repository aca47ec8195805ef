import fc from 'fast-check';
import { startStack, type Stack } from '../support/stack.js';
import { assertSaneAnswer, enc, hostileString, runs, send } from './fuzz-support.js';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The catalogue import (POST /api/catalogues/:code/import) under generated input: the real exported table with
 * its cells, rows and bytes mangled, spreadsheet files with bytes flipped or cut, odd codes and query flags.
 * Every answer is a 2xx or a 4xx JSON listing the problems — never a 5xx.
 */
describe('catalogue import under generated input', () => {
  let s: Stack;
  let auth: Record<string, string>;
  let csvRows: string[][];
  let xlsx: Buffer;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    auth = { authorization: `Bearer ${await s.token()}` };
    const csv = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/catalogues/genhe-zwfw/export?format=csv`, { headers: auth });
    expect(csv.status).toBe(200);
    csvRows = parseCsv((await csv.text()).replace(/^\ufeff/, ''));
    const x = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/catalogues/genhe-zwfw/export?format=xlsx`, { headers: auth });
    expect(x.status).toBe(200);
    xlsx = Buffer.from(await x.arrayBuffer());
  });
  afterAll(() => s.close());

  const query = fc.oneof(
    { weight: 8, arbitrary: fc.constant('?dryRun=1') },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('dryRun', 'create', 'name', 'department', 'publisher', 'x'), fc.oneof(fc.constantFrom('1', '0', 'true', 'yes', ''), hostileString(40))).map(([k, v]) => `?dryRun=1&${k}=${enc(v)}`) },
  );

  it('answers a mangled CSV table with a 2xx or a 4xx JSON', async () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: fc.oneof(hostileString(300), fc.constantFrom('■', '£', '√', '', '即时公开', '信息产生或变更之日起20个工作日内公开', '01-01', '99', '=HYPERLINK("javascript:alert(1)")', '"', '\r\n')) }),
      fc.record({ op: fc.constant('dropRow' as const), row: fc.nat() }),
      fc.record({ op: fc.constant('dupRow' as const), row: fc.nat() }),
      fc.record({ op: fc.constant('dropCol' as const), col: fc.nat() }),
      fc.record({ op: fc.constant('addCol' as const), value: hostileString(30) }),
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 20 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), query, async (mutations, q) => {
        let rows = csvRows.map((r) => [...r]);
        let tail: { truncate?: number; bytes?: { at: number; bytes: Uint8Array } } = {};
        for (const m of mutations) {
          if (m.op === 'cell' && rows.length) rows[m.row % rows.length][m.col % (rows[0].length + 2)] = m.value;
          if (m.op === 'dropRow' && rows.length) rows.splice(m.row % rows.length, 1);
          if (m.op === 'dupRow' && rows.length) rows.splice(m.row % rows.length, 0, [...rows[m.row % rows.length]]);
          if (m.op === 'dropCol') rows = rows.map((r) => r.filter((_, i) => i !== m.col % Math.max(1, r.length)));
          if (m.op === 'addCol') rows = rows.map((r) => [...r, m.value]);
          if (m.op === 'truncate') tail = { ...tail, truncate: m.at };
          if (m.op === 'bytes') tail = { ...tail, bytes: { at: m.at, bytes: m.bytes } };
        }
        let data = Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\r\n'), 'utf8');
        if (tail.truncate !== undefined && data.length) data = data.subarray(0, tail.truncate % data.length);
        if (tail.bytes && data.length) data = Buffer.concat([data.subarray(0, tail.bytes.at % data.length), tail.bytes.bytes, data.subarray(tail.bytes.at % data.length)]);
        const a = await send(s.url, 'POST', `/api/catalogues/genhe-zwfw/import${q}`, { headers: { ...auth, 'content-type': CSV }, body: data });
        assertSaneAnswer(`CSV import ${JSON.stringify(mutations).slice(0, 300)} ${q}`, a);
      }),
      { numRuns: runs(500) },
    );
  }, 240000);

  it('answers a damaged or foreign spreadsheet file with a 4xx JSON', async () => {
    const file = fc.oneof(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }).map((flips) => {
        const b = Buffer.from(xlsx);
        for (const [at, v] of flips) b[at % b.length] = v;
        return b;
      }),
      fc.nat().map((n) => xlsx.subarray(0, n % xlsx.length)),
      fc.uint8Array({ maxLength: 2000 }).map((u) => Buffer.from(u)),
      fc.constant(Buffer.from('PK\u0003\u0004not really a zip')),
    );
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom(XLSX, CSV), query, async (data, type, q) => {
        const a = await send(s.url, 'POST', `/api/catalogues/genhe-zwfw/import${q}`, { headers: { ...auth, 'content-type': type }, body: data });
        assertSaneAnswer(`${type} import of ${data.length} bytes ${q}`, a);
      }),
      { numRuns: runs(400) },
    );
  }, 240000);

  it('answers any catalogue code, content type and flags with a 4xx JSON', async () => {
    const code = fc.oneof(fc.constantFrom('genhe-zwfw', 'nope', 'GENHE', 'a'.repeat(70), '..', '%00', 'genhe-zwfw%2F..'), hostileString(40).map(enc));
    const type = fc.oneof(fc.constantFrom(CSV, XLSX, 'text/csv; charset=gbk', 'application/json', 'text/plain', 'application/octet-stream'), fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((t) => t.replace(/[\u0000-\u001f\u007f]/g, '')));
    const flags = fc.array(fc.tuple(fc.constantFrom('create', 'dryRun', 'name', 'department', 'publisher', 'create[]'), fc.oneof(fc.constantFrom('1', '0', 'true'), hostileString(60))), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(code, type, flags, fc.oneof(fc.constant(''), hostileString(200)), async (c, t, fl, body) => {
        const q = fl.map(([k, v]) => `${k}=${enc(v)}`).join('&');
        const a = await send(s.url, 'POST', `/api/catalogues/${c}/import?${q}`, { headers: { ...auth, ...(t ? { 'content-type': t } : {}) }, body: body || csvRows.slice(0, 3).map((r) => r.map(csvCell).join(',')).join('\r\n') });
        assertSaneAnswer(`import to ${c} as ${t} ?${q}`, a);
      }),
      { numRuns: runs(400) },
    );
  }, 180000);
});

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Enough CSV reading for the export (quoted cells, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
