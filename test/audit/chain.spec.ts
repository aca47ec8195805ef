import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditService, entryHash, recordFromRow, type AuditRow } from '../../libs/audit/src/index.js';
import { dataSourceOptions } from '../../libs/database/src/index.js';
import { appLoginRole, behindTheAppsBack, chainDb, idAt, input } from './chain-db.js';

const run = promisify(execFile);

/** The hash chain on a real PostgreSQL: concurrent writers, tampering behind the app's back, the app's role. */
describe('audit chain', () => {
  it('stays one valid chain under 20 concurrent writers on separate connections, in four "processes"', async () => {
    const db = await chainDb(4);
    // four connection pools stand for the API and worker processes; each writer has its own AuditService, so
    // record()'s in-process group commit cannot merge writers: every one of them runs its own transactions
    const pools = await Promise.all(Array.from({ length: 4 }, async () => new DataSource({ ...dataSourceOptions(db.url), extra: { max: 5 } }).initialize()));
    try {
      // 20 writers × 15 transactions: explicit transactions with a row of their own, record() calls, multi-entry appends
      await Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          const ds = pools[w % pools.length];
          const audit = new AuditService(ds);
          for (let k = 0; k < 15; k++) {
            const base = w * 1000 + k * 10;
            if (k % 5 === 0) await audit.record(input(base), input(base + 1), input(base + 2));
            else if (k % 2 === 0) await audit.record(input(base));
            else {
              await ds.transaction(async (m) => {
                await m.query(`INSERT INTO departments (code, name) VALUES ($1, $2)`, [`w${w}-${k}`, `并发 ${w}`]);
                await audit.append(m, input(base));
              });
            }
          }
        }),
      );
      await db.sealer.sealAll(100); // small batches: many batch edges
      const { rows } = await db.sql.query(`SELECT count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi, count(DISTINCT prev_hash)::int AS links FROM audit_log`);
      expect(rows[0]).toEqual({ n: 20 * (12 + 3 * 3), lo: 1, hi: 20 * (12 + 3 * 3), links: 20 * (12 + 3 * 3) });
      const result = await db.audit.verify({ pageSize: 50 }); // small pages: the keyset walk crosses many page edges
      expect(result).toEqual(expect.objectContaining({ valid: true, checked: rows[0].n, firstBrokenSeq: null }));
    } finally {
      await Promise.all(pools.map((p) => p.destroy()));
      await db.close();
    }
  });

  describe('tampering by a superuser with the trigger disabled is found at the exact first broken seq', () => {
    const withLog = async (n: number, fn: (db: Awaited<ReturnType<typeof chainDb>>) => Promise<void>) => {
      const db = await chainDb(4);
      try {
        for (let i = 1; i <= n; i += 10) await db.audit.record(...Array.from({ length: Math.min(10, n - i + 1) }, (_, k) => input(i + k)));
        await db.sealer.sealAll();
        expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: n, unsealed: 0 }));
        await fn(db);
      } finally {
        await db.close();
      }
    };

    it('the trigger refuses changes while it is enabled, even to a superuser', async () => {
      await withLog(3, async (db) => {
        for (const statement of [
          `UPDATE audit_entries SET actor = 'x' WHERE id = ${idAt(2)}`,
          `DELETE FROM audit_entries WHERE id = ${idAt(2)}`,
          `TRUNCATE audit_entries`,
          `UPDATE audit_seals SET hash = '${'b'.repeat(64)}' WHERE seq = 2`,
          `DELETE FROM audit_seals WHERE seq = 2`,
          `TRUNCATE audit_seals`,
        ]) {
          await expect(db.sql.query(statement)).rejects.toThrow(/append-only/);
        }
        // the view readers use joins the two tables: it cannot be changed at all
        await expect(db.sql.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 2`)).rejects.toThrow(/cannot update view/);
      });
    });

    it('an edited entry', async () => {
      await withLog(30, async (db) => {
        await behindTheAppsBack(db.sql, [`UPDATE audit_entries SET details = jsonb_set(details, '{text}', '"改过的"') WHERE id = ${idAt(17)}`]);
        expect(await db.audit.verify({ pageSize: 7 })).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 17, checked: 16 }));
      });
    });

    it('an edited entry whose hash was recomputed breaks the link of the next one', async () => {
      await withLog(30, async (db) => {
        const { rows } = await db.sql.query(`SELECT * FROM audit_log WHERE seq = 12`);
        const forged = { ...recordFromRow(rows[0] as AuditRow), actor: 'user:someone-else' };
        await behindTheAppsBack(db.sql, [
          `UPDATE audit_entries SET actor = 'user:someone-else' WHERE id = ${idAt(12)}`,
          `UPDATE audit_seals SET hash = '${entryHash(rows[0].prev_hash!, forged)}' WHERE seq = 12`,
        ]);
        expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 13 }));
      });
    });

    it('a deleted entry', async () => {
      await withLog(30, async (db) => {
        await behindTheAppsBack(db.sql, [`DELETE FROM audit_entries WHERE id = ${idAt(9)}`, `DELETE FROM audit_seals WHERE seq = 9`]);
        expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 9, checked: 8 }));
      });
    });

    it('an inserted entry: in the middle (later entries renumbered), before the start, and at the end', async () => {
      await withLog(30, async (db) => {
        const { rows } = await db.sql.query(`SELECT hash FROM audit_log WHERE seq = 20`);
        await behindTheAppsBack(db.sql, [
          `UPDATE audit_seals SET seq = seq + 1000000 WHERE seq >= 21`,
          `UPDATE audit_seals SET seq = seq - 1000000 + 1 WHERE seq > 1000000`,
          `INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash)
           VALUES (21, now(), 'user:forger', 'disclosure.published', '{}', '${rows[0].hash}', '${'f'.repeat(64)}')`,
        ]);
        expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 21, checked: 20 }));
      });
      await withLog(10, async (db) => {
        // the table refuses a seq below 1; a superuser can drop that check, and verify does not rely on it
        await behindTheAppsBack(db.sql, [
          `ALTER TABLE audit_seals DROP CONSTRAINT audit_seals_seq_check`,
          `INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (0, now(), 'user:forger', 'x', '{}', '', '')`,
        ]);
        expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 0 }));
      });
      await withLog(10, async (db) => {
        // inserts need no trigger tampering: the chain itself must catch a row not made by append
        await db.sql.query(`INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (11, now(), 'user:forger', 'x', '{}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`);
        expect(await db.audit.verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 11, checked: 10 }));
      });
    });

    it('a rewrite that recomputes every later hash passes the chain but not an anchored head', async () => {
      await withLog(30, async (db) => {
        const anchor = (await db.audit.head())!;
        const rows: AuditRow[] = (await db.sql.query(`SELECT * FROM audit_log WHERE seq >= 5 ORDER BY seq`)).rows;
        let prev = rows[0].prev_hash!;
        const updates: string[] = [];
        for (const r of rows) {
          const record = { ...recordFromRow(r), ...(Number(r.seq) === 5 ? { actor: 'user:rewritten' } : {}) };
          const hash = entryHash(prev, record);
          updates.push(`UPDATE audit_entries SET actor = '${record.actor}' WHERE id = ${r.id}`, `UPDATE audit_seals SET prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${r.seq}`);
          prev = hash;
        }
        await behindTheAppsBack(db.sql, updates);
        expect((await db.audit.verify()).valid).toBe(true);
        expect(await db.audit.verify({ anchors: [{ seq: anchor.seq, hash: anchor.hash }] })).toEqual(
          expect.objectContaining({ valid: false, firstBrokenSeq: 30, anchorsChecked: 1 }),
        );
      });
    });

    it('entries cut off the end are found by an anchored head beyond the new end', async () => {
      await withLog(30, async (db) => {
        const anchor = (await db.audit.head())!;
        await behindTheAppsBack(db.sql, [
          `DELETE FROM audit_entries WHERE id IN (SELECT id FROM audit_seals WHERE seq > 25)`,
          `DELETE FROM audit_seals WHERE seq > 25`,
        ]);
        expect((await db.audit.verify()).valid).toBe(true);
        expect(await db.audit.verify({ anchors: [anchor] })).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 26, checked: 25 }));
      });
    });
  });

  it('the application role may read and append but never UPDATE, DELETE or TRUNCATE, even with the trigger disabled', async () => {
    const db = await chainDb(4);
    const login = await appLoginRole(db.sql, db.url);
    const asApp = new DataSource({ ...dataSourceOptions(login.url), extra: { max: 2 } });
    await asApp.initialize();
    const appSql = new pg.Client({ connectionString: login.url });
    await appSql.connect();
    try {
      // the app works normally through the group role: appends, seals (through audit_log_seal), reads, and
      // changes its other tables
      await new AuditService(asApp).record(input(1), input(2));
      await new AuditService(asApp).record(input(3));
      await new AuditService(asApp).record(input(4));
      const { rows: [last] } = await appSql.query(`SELECT id FROM audit_log ORDER BY id DESC LIMIT 1`);
      // sealing by hand is refused to the app: it may not insert seals, directly or through the view
      await expect(
        appSql.query(`INSERT INTO audit_seals (seq, id, prev_hash, hash, sealed_at) VALUES (99, $1, 'x', 'y', now())`, [last.id]),
      ).rejects.toMatchObject({ code: '42501' });
      await expect(
        appSql.query(`INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (99, now(), 'user:x', 'x', '{}', 'x', 'y')`),
      ).rejects.toMatchObject({ code: '42501' });
      expect(await new AuditSealer(asApp).sealAll()).toBe(4);
      expect((await new AuditService(asApp).verify()).valid).toBe(true);
      await appSql.query(`INSERT INTO departments (code, name) VALUES ('role-test', '测试')`);
      await appSql.query(`UPDATE departments SET name = '测试二' WHERE code = 'role-test'`);
      await appSql.query(`INSERT INTO audit_anchors (seq, hash, entry_at, source, created_by, text) VALUES (3, '${'a'.repeat(64)}', now(), 'manual', 'test', 'x')`);

      await db.sql.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
      await db.sql.query('ALTER TABLE audit_seals DISABLE TRIGGER USER');
      await db.sql.query('ALTER TABLE audit_anchors DISABLE TRIGGER USER');
      try {
        for (const statement of [
          `UPDATE audit_entries SET actor = 'user:x' WHERE id = ${idAt(1)}`,
          `DELETE FROM audit_entries WHERE id = ${idAt(3)}`,
          `TRUNCATE audit_entries`,
          `UPDATE audit_seals SET hash = '${'b'.repeat(64)}' WHERE seq = 1`,
          `DELETE FROM audit_seals WHERE seq = 3`,
          `TRUNCATE audit_seals`,
          `UPDATE audit_anchors SET hash = '${'b'.repeat(64)}'`,
          `DELETE FROM audit_anchors`,
          `ALTER TABLE audit_entries DISABLE TRIGGER USER`,
          `ALTER TABLE audit_seals DISABLE TRIGGER USER`,
        ]) {
          await expect(appSql.query(statement)).rejects.toMatchObject({ code: '42501' });
        }
        // the same statements through SET ROLE from the superuser's session
        await db.sql.query(`SET ROLE ${login.role}`);
        await expect(db.sql.query(`DELETE FROM audit_entries WHERE id = ${idAt(3)}`)).rejects.toMatchObject({ code: '42501' });
        await expect(db.sql.query(`UPDATE audit_entries SET actor = 'user:x'`)).rejects.toMatchObject({ code: '42501' });
        await expect(db.sql.query(`DELETE FROM audit_seals`)).rejects.toMatchObject({ code: '42501' });
        await db.sql.query('RESET ROLE');
      } finally {
        await db.sql.query('RESET ROLE');
        await db.sql.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
        await db.sql.query('ALTER TABLE audit_seals ENABLE TRIGGER USER');
        await db.sql.query('ALTER TABLE audit_anchors ENABLE TRIGGER USER');
      }
      const { rows } = await db.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'user:x'`);
      expect(rows[0].n).toBe(0);
      expect((await db.audit.verify()).checked).toBe(4);
    } finally {
      await appSql.end();
      await asApp.destroy();
      await db.sql.query(`REVOKE gongkai_app FROM ${login.role}`).catch(() => undefined);
      await db.close();
    }
  });

  it('npm run audit:verify prints the answer and exits non-zero when the chain is broken', async () => {
    const db = await chainDb(4);
    const cli = path.resolve('dist/apps/launcher/src/audit-verify.js');
    const verify = async (...args: string[]) => {
      try {
        const { stdout } = await run(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: db.url } });
        return { code: 0, out: JSON.parse(stdout) };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout ? JSON.parse(e.stdout) : e.stderr };
      }
    };
    try {
      await db.audit.record(...Array.from({ length: 12 }, (_, i) => input(i)));
      await db.sealer.sealAll();
      await db.audit.record(input(13)); // written, not sealed: outside the chain, counted
      const head = (await db.audit.head())!;
      expect(await verify()).toEqual({ code: 0, out: { valid: true, checked: 12, firstBrokenSeq: null, head: { seq: 12, hash: head.hash }, anchorsChecked: 0, unsealed: 1, reason: null } });
      expect(await verify('--anchor-seq', '12', '--anchor-hash', 'c'.repeat(64))).toEqual({ code: 1, out: expect.objectContaining({ valid: false, firstBrokenSeq: 12 }) });
      expect((await verify('--anchor-seq', '12')).code).toBe(2);
      await behindTheAppsBack(db.sql, [`UPDATE audit_entries SET outcome = 'failed' WHERE id = ${idAt(4)}`]);
      expect(await verify()).toEqual({ code: 1, out: expect.objectContaining({ valid: false, checked: 3, firstBrokenSeq: 4 }) });
    } finally {
      await db.close();
    }
  });
});
