import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { AuditService, entryHash, GENESIS_HASH, type AuditRecord } from '../../libs/audit/src/index.js';
import { eventually, startStack, type Stack } from '../support/stack.js';

const SLOW = 600_000;

v8.setFlagsFromString('--expose-gc');
const gc: () => void = vm.runInNewContext('gc');

const ENTRIES = 80_000;

/**
 * A year-sized log (200,000 entries with a real chain, which the last test verifies) exported over HTTP while
 * the heap is sampled: the export streams keyset pages, so the heap grows by a small fraction of what it sends.
 */
describe('exports of a large range run in bounded memory', () => {
  let s: Stack;
  // the export's audit entry is written once the last byte is sent, so it may land just after the client has read it all
  const exported = (format: string) =>
    eventually(async () => (await s.db.query(`SELECT details FROM audit_log WHERE action = 'audit.exported' AND details->>'format' = $1 ORDER BY seq DESC LIMIT 1`, [format])).rows[0]);
  let token: string;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    token = await s.token();
    // The chain is computed exactly as AuditService.append does (entryHash over the same record) but inserted
    // with unnest() arrays, which is many times faster than 14 bind parameters a row on a busy machine.
    let head = await s.api.get(AuditService).head();
    let seq = head?.seq ?? 0;
    let prev = head?.hash ?? GENESIS_HASH;
    const batch = 20_000;
    for (let i = 0; i < ENTRIES; i += batch) {
      const cols: unknown[][] = Array.from({ length: 9 }, () => []);
      const at = new Date().toISOString();
      for (let k = 0; k < batch; k++) {
        seq += 1;
        const record: AuditRecord = {
          seq, at, actor: 'system:worker', action: 'delivery.attempt', disclosureId: null, deliveryId: null, catalogueCode: null, screenId: null,
          departmentCode: null, channel: 'website', outcome: 'delivered',
          details: { attempt: 1, n: i + k, carrier: 'website', remoteUrl: `https://www.example.gov.cn/zwgk/${i + k}.html`, note: '一年的投递记录，用于导出测试' },
        };
        const hash = entryHash(prev, record);
        [seq, at, record.actor, record.action, record.channel, record.outcome, JSON.stringify(record.details), prev, hash].forEach((v, c) => cols[c].push(v));
        prev = hash;
      }
      await s.db.query(
        `INSERT INTO audit_log (seq, at, actor, action, channel, outcome, details, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[])`,
        cols,
      );
    }
    head = await s.api.get(AuditService).head();
    expect(head!.seq).toBe(seq);
  }, SLOW);
  afterAll(() => s.close());

  /**
   * The heap still in use while `fn` runs: every second a full collection, then heapUsed. Sampling without
   * collecting would measure garbage V8 has not bothered to collect yet, not what the export holds on to.
   */
  const retainedDuring = async <T>(fn: () => Promise<T>): Promise<{ result: T; growth: number }> => {
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 1000);
    try {
      const result = await fn();
      return { result, growth: peak - base };
    } finally {
      clearInterval(sampler);
    }
  };

  /** Streams the response without keeping it; gives bytes and lines received and the retained heap growth. */
  const measure = async (path: string) => {
    const { result, growth } = await retainedDuring(async () => {
      const res = await fetch(s.url.replace('[::1]', '127.0.0.1') + path, { headers: { authorization: `Bearer ${token}` } });
      let bytes = 0;
      let lines = 0;
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines += 1;
      }
      return { status: res.status, bytes, lines };
    });
    return { ...result, growth };
  };

  it('CSV', async () => {
    const r = await measure('/api/audit/export?format=csv');
    expect(r.status).toBe(200);
    // header + one line per entry (+ the bootstrap/login entries written before the bulk)
    expect(r.lines).toBeGreaterThan(ENTRIES);
    console.log(`CSV export: ${(r.bytes / 1e6).toFixed(1)} MB sent, retained heap growth ${(r.growth / 1e6).toFixed(1)} MB`);
    expect(r.bytes).toBeGreaterThan(24e6);
    expect(r.growth).toBeLessThan(r.bytes / 4);
    const logged = (await exported('csv')).details;
    expect(logged.entries).toBe(r.lines - 1);
  }, SLOW);

  it('XLSX', async () => {
    const r = await measure('/api/audit/export?format=xlsx');
    expect(r.status).toBe(200);
    console.log(`XLSX export: ${(r.bytes / 1e6).toFixed(1)} MB sent (zipped), retained heap growth ${(r.growth / 1e6).toFixed(1)} MB`);
    const logged = (await exported('xlsx')).details;
    expect(logged.entries).toBeGreaterThan(ENTRIES);
    // the sheet's uncompressed XML is larger than the CSV; holding the workbook would show as hundreds of MB
    expect(r.growth).toBeLessThan(48e6);
  }, SLOW);

  it('verification walks the same log in bounded memory too', async () => {
    // called in-process: a walk of 200,000 entries on a loaded machine can outlast an HTTP client's patience
    const { result: r, growth } = await retainedDuring(() => s.api.get(AuditService).verify());
    expect(r).toEqual(expect.objectContaining({ valid: true, firstBrokenSeq: null }));
    expect(r.checked).toBeGreaterThan(ENTRIES);
    console.log(`verify: ${r.checked} entries, retained heap growth ${(growth / 1e6).toFixed(1)} MB`);
    expect(growth).toBeLessThan(48e6);
  }, SLOW);
});
