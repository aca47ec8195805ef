import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditService, CHAIN_LOCK, GENESIS_HASH } from '../../libs/audit/src/index.js';
import { dataSourceOptions } from '../../libs/database/src/index.js';
import { eventually } from '../support/stack.js';
import { chainDb, input, type ChainDb } from './chain-db.js';

/**
 * The sealer on a real PostgreSQL (docs/audit.md §1): writers take no lock, committed entries are chained
 * exactly once in a gapless seq, rolled-back ones never appear, a sealer killed mid-batch leaves nothing behind,
 * one sealer works at a time, and what the trigger and verify do about tampering with unsealed rows.
 */
describe('audit sealer', () => {
  let db: ChainDb;
  beforeEach(async () => {
    db = await chainDb(4);
  });
  afterEach(async () => {
    await db.close();
  });

  const chainShape = async () =>
    (
      await db.sql.query(
        `SELECT count(*)::int AS n, count(seq)::int AS sealed, min(seq)::int AS lo, max(seq)::int AS hi, count(DISTINCT seq)::int AS distinct_seq
         FROM audit_log`,
      )
    ).rows[0];

  it('8 writers on their own connections, some rolling back, two sealers running meanwhile: every committed entry once, gapless, valid', async () => {
    const pools = await Promise.all(Array.from({ length: 8 }, () => new DataSource({ ...dataSourceOptions(db.url), extra: { max: 1 } }).initialize()));
    const sealerPools = await Promise.all(Array.from({ length: 2 }, () => new DataSource({ ...dataSourceOptions(db.url), extra: { max: 1 } }).initialize()));
    const committed: string[] = [];
    const rolledBack: string[] = [];
    let writing = true;
    let batches = 0;
    let skipped = 0;
    try {
      // two sealers (as two worker processes would) seal in small batches while the writers write
      const sealing = sealerPools.map(async (ds) => {
        const sealer = new AuditSealer(ds);
        while (writing) {
          const r = await sealer.sealBatch(25);
          if (r === null) skipped++;
          else if (r.sealed > 0) batches++;
          // yield to the writers between batches (no clock: a macrotask turn)
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      await Promise.all(
        pools.map(async (ds, w) => {
          const audit = new AuditService(ds);
          for (let k = 0; k < 40; k++) {
            const mark = `w${w}-${k}`;
            const rollback = k % 7 === 3;
            const entries = k % 5 === 0 ? 2 : 1;
            await ds
              .transaction(async (m) => {
                await m.query(`INSERT INTO departments (code, name) VALUES ($1, $2)`, [mark, `并发 ${w}`]);
                await audit.append(m, ...Array.from({ length: entries }, (_, e) => input(k, { details: { mark, e } })));
                if (rollback) throw new Error('rolled back on purpose');
              })
              .then(
                () => committed.push(...Array.from({ length: entries }, (_, e) => `${mark}/${e}`)),
                (err: Error) => {
                  if (err.message !== 'rolled back on purpose') throw err;
                  rolledBack.push(mark);
                },
              );
          }
        }),
      );
      writing = false;
      await Promise.all(sealing);
      await db.sealer.sealAll();
      expect(batches).toBeGreaterThan(1); // sealing really ran alongside the writers, in several batches

      const shape = await chainShape();
      expect(shape).toEqual({ n: committed.length, sealed: committed.length, lo: 1, hi: committed.length, distinct_seq: committed.length });
      const marks = (await db.sql.query(`SELECT details->>'mark' || '/' || (details->>'e') AS m FROM audit_log`)).rows.map((r) => r.m).sort();
      expect(marks).toEqual([...committed].sort());
      expect(rolledBack.length).toBeGreaterThan(0);
      const { rows: leaked } = await db.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE details->>'mark' = ANY($1)`, [rolledBack]);
      expect(leaked[0].n).toBe(0);
      // ids of rolled-back transactions are gaps in id, never in seq
      const { rows: ids } = await db.sql.query(`SELECT max(id)::int AS top FROM audit_log`);
      expect(ids[0].top).toBeGreaterThan(committed.length);
      expect(await db.audit.verify({ pageSize: 37 })).toEqual(expect.objectContaining({ valid: true, checked: committed.length, unsealed: 0 }));
    } finally {
      writing = false;
      await Promise.all([...pools, ...sealerPools].map((p) => p.destroy()));
    }
  });

  it('seals what has committed without waiting for a transaction still open; that one joins the chain when it commits, and a rollback leaves no gap', async () => {
    const a = new pg.Client({ connectionString: db.url });
    await a.connect();
    try {
      await a.query('BEGIN');
      await a.query(`INSERT INTO audit_log (at, actor, action, details) VALUES (now(), 'user:a', 'test.open', '{}')`);
      await db.audit.record(input(1), input(2)); // committed after a's insert: larger ids
      // a's transaction is still open: what has committed is sealed now, a long transaction holds nothing back
      expect(await db.sealer.sealBatch()).toEqual({ sealed: 2, headSeq: 2 });
      await a.query('COMMIT');
      // committed later with a smaller id: sealed next, after the others — the chain's order is the sealing order
      expect(await db.sealer.sealBatch()).toEqual({ sealed: 1, headSeq: 3 });
      const order = (await db.sql.query(`SELECT action, seq::int FROM audit_log ORDER BY seq`)).rows.map((r) => r.action);
      expect(order).toEqual(['test.event', 'test.event', 'test.open']);

      await a.query('BEGIN');
      await a.query(`INSERT INTO audit_log (at, actor, action, details) VALUES (now(), 'user:a', 'test.never', '{}')`);
      await db.audit.record(input(3));
      expect(await db.sealer.sealBatch()).toEqual({ sealed: 1, headSeq: 4 });
      await a.query('ROLLBACK');
      expect(await db.sealer.sealBatch()).toEqual({ sealed: 0, headSeq: 4 });
      expect(await chainShape()).toEqual({ n: 4, sealed: 4, lo: 1, hi: 4, distinct_seq: 4 });
      expect((await db.audit.verify()).valid).toBe(true);
    } finally {
      await a.end();
    }
  });

  it('works through a backlog in full batches: an entry with a small id that commits after them is still found and sealed', async () => {
    const a = new pg.Client({ connectionString: db.url });
    await a.connect();
    try {
      await a.query('BEGIN');
      await a.query(`INSERT INTO audit_log (at, actor, action, details) VALUES (now(), 'user:a', 'test.late', '{}')`);
      await db.audit.record(...Array.from({ length: 30 }, (_, i) => input(i)));
      // full batches of 10: each resumes after the last id it took, and remembers a's transaction as running
      expect(await db.sealer.sealBatch(10)).toEqual({ sealed: 10, headSeq: 10 });
      expect(await db.sealer.sealBatch(10)).toEqual({ sealed: 10, headSeq: 20 });
      expect(await db.audit.sealStatus()).toEqual(expect.objectContaining({ sealedSeq: 20, unsealedCount: 10 }));
      await a.query('COMMIT');
      expect(await db.audit.sealStatus()).toEqual(expect.objectContaining({ sealedSeq: 20, unsealedCount: 11 }));
      expect(await db.sealer.sealAll(10)).toBe(11);
      expect(await chainShape()).toEqual({ n: 31, sealed: 31, lo: 1, hi: 31, distinct_seq: 31 });
      const { rows: [late] } = await db.sql.query(`SELECT id::int, seq::int FROM audit_log WHERE action = 'test.late'`);
      expect(late.id).toBeLessThan(late.seq); // written first, sealed after the backlog it was written before
      expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 31, unsealed: 0 }));
    } finally {
      await a.end();
    }
  });

  it('a sealer whose connection is terminated mid-batch leaves nothing sealed; the next one completes the chain', async () => {
    await db.audit.record(...Array.from({ length: 30 }, (_, i) => input(i)));
    await db.sealer.sealAll();
    await db.audit.record(...Array.from({ length: 40 }, (_, i) => input(100 + i)));
    const doomed = new DataSource({ ...dataSourceOptions(db.url), extra: { max: 1, application_name: 'doomed-sealer' } });
    await doomed.initialize();
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      // a lock on the seal table holds the doomed sealer inside its INSERT: its batch is open
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE audit_seals IN SHARE MODE`);
      const batch = new AuditSealer(doomed).sealBatch();
      batch.catch(() => undefined);
      const pid = await eventually(async () => {
        const { rows } = await db.sql.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'doomed-sealer' AND wait_event_type = 'Lock' AND query LIKE '%audit_log_seal%'`,
        );
        return rows[0]?.pid as number | undefined;
      });
      expect(pid).toBeDefined();
      // it holds the chain lock: another sealer now skips its turn rather than sealing beside it
      expect(await db.sealer.sealBatch()).toBeNull();
      await db.sql.query(`SELECT pg_terminate_backend($1)`, [pid]);
      await expect(batch).rejects.toThrow();
      await blocker.query('ROLLBACK');
      expect(await chainShape()).toEqual(expect.objectContaining({ n: 70, sealed: 30, hi: 30 }));
      expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 30, unsealed: 40 }));
      expect(await db.sealer.sealAll()).toBe(40);
      expect(await chainShape()).toEqual({ n: 70, sealed: 70, lo: 1, hi: 70, distinct_seq: 70 });
      expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 70, unsealed: 0 }));
    } finally {
      await blocker.end();
      await doomed.destroy().catch(() => undefined);
    }
  });

  it('a sealer process killed with SIGKILL mid-batch commits nothing; the next one completes the chain', async () => {
    await db.audit.record(...Array.from({ length: 10 }, (_, i) => input(i)));
    await db.sealer.sealAll();
    await db.audit.record(...Array.from({ length: 25 }, (_, i) => input(100 + i)));
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    // the compiled sealer (global setup builds dist/) in a process of its own, as in a worker
    const script = `
      const { DataSource } = await import('typeorm');
      const { AuditSealer } = await import(${JSON.stringify(path.resolve('dist/libs/audit/src/index.js'))});
      const { dataSourceOptions } = await import(${JSON.stringify(path.resolve('dist/libs/database/src/index.js'))});
      const ds = new DataSource({ ...dataSourceOptions(process.env.DATABASE_URL), extra: { max: 1, application_name: 'killed-sealer' } });
      await ds.initialize();
      await new AuditSealer(ds).sealBatch();
      console.log('sealed');`;
    let child: ChildProcess | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE audit_seals IN SHARE MODE`);
      child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, DATABASE_URL: db.url }, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.on('exit', (_code, signal) => resolve(signal)));
      let out = '';
      child.stdout!.on('data', (b) => (out += b));
      child.stderr!.on('data', (b) => (out += b));
      // its batch is open: inside audit_log_seal, waiting for the table lock
      const waiting = await eventually(async () =>
        (await db.sql.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'killed-sealer' AND wait_event_type = 'Lock' AND query LIKE '%audit_log_seal%'`)).rowCount,
      );
      expect({ waiting, out }).toEqual({ waiting: 1, out: '' });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      // the backend goes on once the table is free, then finds its client gone before any COMMIT and rolls back
      await blocker.query('ROLLBACK');
      expect(await eventually(async () => (await db.sql.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'killed-sealer'`)).rowCount === 0)).toBe(true);
      expect(await chainShape()).toEqual(expect.objectContaining({ n: 35, sealed: 10, hi: 10 }));
      expect(await db.sealer.sealAll()).toBe(25);
      expect(await chainShape()).toEqual({ n: 35, sealed: 35, lo: 1, hi: 35, distinct_seq: 35 });
      expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 35, unsealed: 0 }));
    } finally {
      child?.kill('SIGKILL');
      await blocker.end();
    }
  });

  it('one sealer at a time: while another holds the chain lock, a sealer seals nothing; audit_log_seal refuses a batch off the head', async () => {
    await db.audit.record(input(1), input(2), input(3));
    await db.sql.query(`SELECT pg_advisory_lock($1)`, [CHAIN_LOCK]);
    expect(await db.sealer.sealBatch()).toBeNull();
    expect((await chainShape()).sealed).toBe(0);
    await db.sql.query(`SELECT pg_advisory_unlock($1)`, [CHAIN_LOCK]);
    expect(await db.sealer.sealBatch()).toEqual({ sealed: 3, headSeq: 3 });

    // a sealer that skipped the lock and read a stale head cannot fork the chain or skip a seq
    await db.audit.record(input(4));
    const { rows } = await db.sql.query(`SELECT id FROM audit_log WHERE seq IS NULL`);
    await expect(db.sql.query(`SELECT audit_log_seal($1::bigint[], 1, $2, $3::text[], NULL, NULL)`, [[rows[0].id], GENESIS_HASH, ['a'.repeat(64)]])).rejects.toThrow(
      /start right after the sealed head/,
    );
    const head = (await db.audit.head())!;
    await expect(db.sql.query(`SELECT audit_log_seal($1::bigint[], 5, $2, $3::text[], NULL, NULL)`, [[rows[0].id], head.hash, ['a'.repeat(64)]])).rejects.toThrow(
      /start right after the sealed head/,
    );
    // an entry already sealed cannot be sealed again
    const { rows: sealed } = await db.sql.query(`SELECT id FROM audit_log WHERE seq = 1`);
    await expect(db.sql.query(`SELECT audit_log_seal($1::bigint[], 4, $2, $3::text[], NULL, NULL)`, [[sealed[0].id], head.hash, ['a'.repeat(64)]])).rejects.toThrow(
      /still unsealed/,
    );
    expect((await chainShape()).sealed).toBe(3);
  });

  it('entries and seals are append-only, whoever asks; verify finds a seal or an entry slipped in behind the sealer', async () => {
    await db.audit.record(input(1));
    await db.sealer.sealAll();
    await db.audit.record(input(2));
    const { rows } = await db.sql.query(`SELECT id FROM audit_log WHERE seq IS NULL`);
    const id = rows[0].id;
    for (const statement of [
      `UPDATE audit_entries SET actor = 'user:forger' WHERE id = ${id}`,
      `UPDATE audit_entries SET details = '{"i":99}' WHERE id = ${id}`,
      `DELETE FROM audit_entries WHERE id = ${id}`,
      // a seal never changes, nor goes away
      `UPDATE audit_seals SET hash = '${'b'.repeat(64)}' WHERE seq = 1`,
      `UPDATE audit_seals SET id = ${id} WHERE seq = 1`,
      `DELETE FROM audit_seals WHERE seq = 1`,
    ]) {
      await expect(db.sql.query(statement)).rejects.toThrow(/append-only/);
    }
    // an entry claiming a writer that had ended before the last batch is never looked for by the sealer: verify
    // says so rather than counting it as waiting
    await db.sealer.sealAll();
    await db.sql.query(`INSERT INTO audit_entries (at, actor, action, details, writer_xid) VALUES (now(), 'user:forger', 'x', '{}', '1')`);
    const { rows: [hidden] } = await db.sql.query(`SELECT max(id) AS id FROM audit_entries`);
    expect(await db.sealer.sealAll()).toBe(0);
    expect(await db.audit.verify()).toEqual(
      expect.objectContaining({ valid: false, checked: 2, unsealed: 1, reason: `unsealed entry id ${hidden.id} is outside where the sealer looks and would never be sealed` }),
    );
  });

  it('a seal inserted by the owner, not by audit_log_seal, breaks the chain where it does not link', async () => {
    await db.audit.record(input(1));
    await db.sealer.sealAll();
    await db.audit.record(input(2));
    const { rows: [{ id }] } = await db.sql.query(`SELECT id FROM audit_log WHERE seq IS NULL`);
    await db.sql.query(`INSERT INTO audit_seals (seq, id, prev_hash, hash, sealed_at) VALUES (2, $1, $2, $3, now())`, [id, 'p'.repeat(64), 'h'.repeat(64)]);
    expect(await db.audit.verify()).toEqual(
      expect.objectContaining({ valid: false, checked: 1, firstBrokenSeq: 2, reason: 'entry 2 does not link to the entry before it' }),
    );
  });

  it('the seal status counts the unsealed tail and its oldest entry', async () => {
    expect(await db.audit.sealStatus()).toEqual({ sealedSeq: 0, unsealedCount: 0, oldestUnsealedAt: null });
    await db.audit.record(input(1), input(2));
    const status = await db.audit.sealStatus();
    expect(status).toEqual({ sealedSeq: 0, unsealedCount: 2, oldestUnsealedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await db.sealer.sealAll();
    expect(await db.audit.sealStatus()).toEqual({ sealedSeq: 2, unsealedCount: 0, oldestUnsealedAt: null });
  });
});
