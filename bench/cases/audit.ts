import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditService, entryHash, GENESIS_HASH, SEAL_BATCH, type AuditRecord } from '../../libs/audit/src/index.js';
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

/**
 * pg_insert_tx (the floor: the same 8 writers inserting one plain row per transaction), audit_append (8 writers
 * through record()), audit_append_tx (8 writers each appending in a transaction of its own: the request path),
 * audit_append_tx_sealing (the same with a sealer running alongside), audit_seal (entries/s one sealer chains
 * from a backlog) and audit_verify (a log of 1,000,000 entries).
 */
export async function auditBench(s: BenchStack, ctx: BenchContext): Promise<void> {
  const url = await auditDatabase(s);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const audit = new AuditService(ds);
  const sealerDs = new DataSource({ ...dataSourceOptions(url), extra: { max: 1 } });
  await sealerDs.initialize();
  const sealer = new AuditSealer(sealerDs);
  try {
    const writers = 8;
    const durationMs = ctx.quick ? 2000 : 15000;
    const forEachWriter = async (fn: (w: number, i: number) => Promise<void>): Promise<{ n: number; ms: number }> => {
      let n = 0;
      const start = performance.now();
      const end = start + durationMs;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; performance.now() < end; i++) {
            await fn(w, i);
            n++;
          }
        }),
      );
      return { n, ms: performance.now() - start };
    };

    // what Postgres itself does here with 8 clients committing one row each: the ceiling for any append
    await ds.query(`CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, body jsonb NOT NULL)`);
    ctx.log(`pg_insert_tx: ${writers} writers for ${durationMs / 1000} s`);
    const floor = await forEachWriter((w, i) => ds.transaction(async (m) => void (await m.query(`INSERT INTO bench_floor (body) VALUES ($1)`, [JSON.stringify({ w, i })]))));
    const floorRate = (floor.n / floor.ms) * 1000;
    ctx.emit({ name: 'pg_insert_tx', value: round(floorRate, 1), unit: 'rows/s', writers, rows: floor.n, seconds: round(floor.ms / 1000, 2) });
    // the same with one advisory lock held to commit, as every audit append did before the sealer: what a
    // global lock costs here, measured in the same run (the machine is shared: compare ratios, not rates)
    ctx.log(`pg_insert_tx_global_lock: ${writers} writers for ${durationMs / 1000} s`);
    const locked = await forEachWriter((w, i) =>
      ds.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(7310442099)`);
        await m.query(`INSERT INTO bench_floor (body) VALUES ($1)`, [JSON.stringify({ w, i })]);
      }),
    );
    const lockedRate = (locked.n / locked.ms) * 1000;
    ctx.emit({ name: 'pg_insert_tx_global_lock', value: round(lockedRate, 1), unit: 'rows/s', writers, rows: locked.n, seconds: round(locked.ms / 1000, 2), ratio: round(lockedRate / floorRate, 3) });

    ctx.log(`audit_append: ${writers} writers for ${durationMs / 1000} s`);
    const rec = await forEachWriter((w, i) =>
      audit.record({
        actor: `user:bench-${w}`, action: 'delivery.attempt', disclosureId: null, channel: 'website', outcome: 'delivered',
        details: { operation: 'publish', attempt: 1, carrier: 'website', durationMs: 12, remoteId: `r-${w}-${i}` },
      }),
    );
    ctx.emit({ name: 'audit_append', value: round((rec.n / rec.ms) * 1000, 1), unit: 'entries/s', writers, entries: rec.n, seconds: round(rec.ms / 1000, 2), via: 'record()' });
    await sealer.sealAll();

    // the pattern of business transactions: each writer its own transaction, the entry appended in it. First
    // what the request path pays (the sealer runs in the worker, another process), then with a sealer in this
    // process alongside, so its cost on the database (each seal rewrites the row) is in the figure too.
    const appendTx = (w: number, i: number) =>
      ds.transaction((m) =>
        audit.append(m, { actor: `user:bench-${w}`, action: 'delivery.attempt', channel: 'website', outcome: 'delivered', details: { attempt: 1, remoteId: `t-${w}-${i}` } }),
      );
    ctx.log(`audit_append_tx: ${writers} writers for ${durationMs / 1000} s`);
    const bare = await forEachWriter(appendTx);
    const bareRate = (bare.n / bare.ms) * 1000;
    const tb = performance.now();
    const sealedBare = await sealer.sealAll();
    const bareSealMs = performance.now() - tb;
    ctx.emit({
      name: 'audit_append_tx', value: round(bareRate, 1), unit: 'entries/s', writers, entries: bare.n, seconds: round(bare.ms / 1000, 2),
      via: 'append() in a transaction each', baseline: round(floorRate, 1), baseline_unit: 'pg_insert_tx rows/s', ratio: round(bareRate / floorRate, 3),
      target: '>= 5000 entries/s', met: bareRate >= 5000, sealed_after: sealedBare, seal_after_seconds: round(bareSealMs / 1000, 2),
    });

    let sealing = true;
    let sealedDuring = 0;
    const sealerLoop = (async () => {
      while (sealing) {
        const r = await sealer.sealBatch();
        sealedDuring += r?.sealed ?? 0;
        if (!r || r.sealed === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    ctx.log(`audit_append_tx_sealing: ${writers} writers for ${durationMs / 1000} s, sealer running`);
    const tx = await forEachWriter(appendTx);
    sealing = false;
    await sealerLoop;
    const lagging = (await audit.sealStatus()).unsealedCount;
    const t = performance.now();
    await sealer.sealAll();
    const catchUpMs = performance.now() - t;
    const check = await audit.verify();
    const txRate = (tx.n / tx.ms) * 1000;
    ctx.emit({
      name: 'audit_append_tx_sealing', value: round(txRate, 1), unit: 'entries/s', writers, entries: tx.n, seconds: round(tx.ms / 1000, 2),
      via: 'append() in a transaction each, sealer alongside in this process', baseline: round(floorRate, 1), baseline_unit: 'pg_insert_tx rows/s',
      ratio: round(txRate / floorRate, 3), sealed_during: sealedDuring, unsealed_at_end: lagging, catch_up_seconds: round(catchUpMs / 1000, 2),
      chain_valid: check.valid && check.checked === rec.n + bare.n + tx.n && check.unsealed === 0,
    });

    // the sealer alone on a backlog: how fast it chains (its batches are SEAL_BATCH entries in one transaction)
    const backlog = ctx.quick ? 20000 : 100_000;
    await ds.query(
      `INSERT INTO audit_log (at, actor, action, channel, outcome, details)
       SELECT now(), 'system:worker', 'delivery.attempt', 'website', 'delivered', jsonb_build_object('attempt', 1, 'remoteId', 'b-' || g)
       FROM generate_series(1, $1) g`,
      [backlog],
    );
    const t2 = performance.now();
    const sealedNow = await sealer.sealAll();
    const sealMs = performance.now() - t2;
    ctx.emit({ name: 'audit_seal', value: round((sealedNow / sealMs) * 1000, 0), unit: 'entries/s', entries: sealedNow, seconds: round(sealMs / 1000, 2), batch: SEAL_BATCH });

    const target = ctx.quick ? 20000 : 1_000_000;
    ctx.log(`audit_verify: building a log of ${target} entries`);
    await buildLog(url, target, await audit.head());
    const t3 = performance.now();
    const result = await audit.verify();
    const vms = performance.now() - t3;
    if (!result.valid) throw new Error(`audit_verify: the built log does not verify: ${result.reason}`);
    ctx.emit({
      name: 'audit_verify', value: round((result.checked / vms) * 1000, 0), unit: 'entries/s', entries: result.checked,
      seconds: round(vms / 1000, 2), valid: result.valid,
    });
  } finally {
    await sealerDs.destroy();
    await ds.destroy();
  }
}

/**
 * Extends the chain to `total` entries with realistic delivery-attempt entries, hashed exactly as the sealer
 * does, inserted already sealed in large batches through unnest (appending and sealing a million would take
 * minutes; audit_seal measures sealing).
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
        // an entry and its seal, as the sealer would have made them
        `WITH src AS (
           SELECT u.*, nextval('audit_log_id_seq') AS id
             FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::uuid[], $9::text[],
                         $10::text[], $11::text[], $12::jsonb[], $13::text[], $14::text[])
                  AS u(seq, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code, channel, outcome, details, prev_hash, hash)),
         entries AS (
           INSERT INTO audit_entries (id, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code, channel, outcome, details)
           SELECT id, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code, channel, outcome, details FROM src)
         INSERT INTO audit_seals (seq, id, prev_hash, hash, sealed_at) SELECT seq, id, prev_hash, hash, at FROM src`,
        cols,
      );
    }
  } finally {
    await client.end();
  }
}
