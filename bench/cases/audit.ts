import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditService, entryHash, GENESIS_HASH, type AuditRecord } from '../../libs/audit/src/index.js';
import { dataSourceOptions, runMigrations } from '../../libs/database/src/index.js';
import type { BenchStack } from '../support/bench-stack.js';
import type { BenchContext } from '../support/result.js';
import { round } from '../support/stats.js';

/** A database of its own, so the log verified is exactly the one built here. */
async function auditDatabase(s: BenchStack): Promise<string> {
  await s.db.query(`DROP DATABASE IF EXISTS gkd_audit_bench`);
  await s.db.query(`CREATE DATABASE gkd_audit_bench`);
  const url = s.pg.url.replace(/\/[^/]+$/, '/gkd_audit_bench');
  await runMigrations(url, () => undefined);
  return url;
}

/** audit_append (8 concurrent writers, one entry per transaction) and audit_verify (a log of 1,000,000 entries). */
export async function auditBench(s: BenchStack, ctx: BenchContext): Promise<void> {
  const url = await auditDatabase(s);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const audit = new AuditService(ds);
  try {
    const writers = 8;
    const durationMs = ctx.quick ? 2000 : 15000;
    ctx.log(`audit_append: ${writers} writers for ${durationMs / 1000} s`);
    let appended = 0;
    const start = performance.now();
    const end = start + durationMs;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; performance.now() < end; i++) {
          await audit.record({
            actor: `user:bench-${w}`, action: 'delivery.attempt', disclosureId: null, channel: 'website', outcome: 'delivered',
            details: { operation: 'publish', attempt: 1, carrier: 'website', durationMs: 12, remoteId: `r-${w}-${i}` },
          });
          appended++;
        }
      }),
    );
    const ms = performance.now() - start;
    ctx.emit({ name: 'audit_append', value: round((appended / ms) * 1000, 1), unit: 'entries/s', writers, entries: appended, seconds: round(ms / 1000, 2), via: 'record()' });

    // the pattern of business transactions: each writer its own transaction, the entry appended last in it
    let inTx = 0;
    const start2 = performance.now();
    const end2 = start2 + durationMs;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; performance.now() < end2; i++) {
          await ds.transaction((m) =>
            audit.append(m, { actor: `user:bench-${w}`, action: 'delivery.attempt', channel: 'website', outcome: 'delivered', details: { attempt: 1, remoteId: `t-${w}-${i}` } }),
          );
          inTx++;
        }
      }),
    );
    const ms2 = performance.now() - start2;
    const check = await audit.verify();
    ctx.emit({
      name: 'audit_append_tx', value: round((inTx / ms2) * 1000, 1), unit: 'entries/s', writers, entries: inTx, seconds: round(ms2 / 1000, 2),
      via: 'append() in a transaction each', chain_valid: check.valid && check.checked === appended + inTx,
    });

    const target = ctx.quick ? 20000 : 1_000_000;
    ctx.log(`audit_verify: building a log of ${target} entries`);
    await buildLog(url, target, check.head);
    const t = performance.now();
    const result = await audit.verify();
    const vms = performance.now() - t;
    if (!result.valid) throw new Error(`audit_verify: the built log does not verify: ${result.reason}`);
    ctx.emit({
      name: 'audit_verify', value: round((result.checked / vms) * 1000, 0), unit: 'entries/s', entries: result.checked,
      seconds: round(vms / 1000, 2), valid: result.valid,
    });
  } finally {
    await ds.destroy();
  }
}

/**
 * Extends the chain to `total` entries with realistic delivery-attempt entries, hashed exactly as append does,
 * inserted in large batches through unnest (the append path would take minutes for a million).
 */
async function buildLog(url: string, total: number, head: { seq: number; hash: string } | null): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let seq = head?.seq ?? 0;
    let prev = head?.hash ?? GENESIS_HASH;
    const base = Date.now() - total * 10;
    while (seq < total) {
      const n = Math.min(10000, total - seq);
      const cols: unknown[][] = Array.from({ length: 14 }, () => []);
      for (let i = 0; i < n; i++) {
        seq++;
        const rec: AuditRecord = {
          seq,
          at: new Date(base + seq * 10).toISOString(),
          actor: 'system:worker',
          action: 'delivery.attempt',
          disclosureId: null,
          deliveryId: null,
          catalogueCode: null,
          screenId: null,
          departmentCode: null,
          channel: ['website', 'gazette', 'screens'][seq % 3],
          outcome: 'delivered',
          details: { operation: 'publish', attempt: 1, carrier: 'website', durationMs: seq % 97, remoteId: `website-${seq}`, remoteUrl: `https://www.example.gov.cn/art/${seq}.html` },
        };
        const hash = entryHash(prev, rec);
        const row = [seq, rec.at, rec.actor, rec.action, null, null, null, null, null, rec.channel, rec.outcome, JSON.stringify(rec.details), prev, hash];
        row.forEach((v, c) => cols[c].push(v));
        prev = hash;
      }
      await client.query(
        `INSERT INTO audit_log (seq, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code, channel, outcome, details, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::uuid[], $9::text[],
           $10::text[], $11::text[], $12::jsonb[], $13::text[], $14::text[])`,
        cols,
      );
    }
  } finally {
    await client.end();
  }
}
