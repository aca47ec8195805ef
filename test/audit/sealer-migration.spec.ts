import { DataSource } from 'typeorm';
import { AuditSealer, AuditService, entryHash, GENESIS_HASH, type AuditRecord } from '../../libs/audit/src/index.js';
import { dataSourceOptions } from '../../libs/database/src/index.js';
import { createTestDatabase } from '../support/stack.js';
import { input } from './chain-db.js';

/**
 * Migration 1764000000900 on a log written before it: reverted to the old schema, a chain written the old way
 * (seq and hashes at insert), then migrated again. The old entries must stay valid and sealed, and new entries
 * continue the same chain once sealed; the migration refuses to revert while entries are unsealed.
 */
describe('audit sealer migration', () => {
  it('keeps an existing chain valid and sealed, continues it, and reverts only when everything is sealed', async () => {
    const url = await createTestDatabase();
    const ds = new DataSource({ ...dataSourceOptions(url), extra: { max: 2 } });
    await ds.initialize();
    const last = async (): Promise<string> => (await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name;
    // migrations added after the sealer are reverted first (they come back with runMigrations)
    const undoSealer = async () => {
      while ((await last()) !== 'AuditSealer1764000000900') await ds.undoLastMigration({ transaction: 'each' });
      await ds.undoLastMigration({ transaction: 'each' });
    };
    try {
      await undoSealer();
      // the old writer: seq and hashes computed at insert
      let prev = GENESIS_HASH;
      const at = new Date('2026-11-30T02:00:00.000Z').toISOString();
      for (let seq = 1; seq <= 12; seq++) {
        const r: AuditRecord = { seq, at, actor: 'user:old', action: 'test.old', disclosureId: null, deliveryId: null, catalogueCode: null, screenId: null,
          departmentCode: null, channel: null, outcome: 'ok', details: { seq } };
        const hash = entryHash(prev, r);
        await ds.query(`INSERT INTO audit_log (seq, at, actor, action, outcome, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [seq, at, r.actor, r.action, r.outcome, JSON.stringify(r.details), prev, hash]);
        prev = hash;
      }
      await ds.runMigrations({ transaction: 'each' });

      const audit = new AuditService(ds);
      expect(await audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 12, unsealed: 0 }));
      const old = await ds.query(`SELECT count(*)::int AS n, bool_and(id = seq) AS same, bool_and(sealed_at = at) AS sealed FROM audit_log`);
      expect(old[0]).toEqual({ n: 12, same: true, sealed: true });
      // the old rows are sealed: the trigger keeps them as they are
      await expect(ds.query(`UPDATE audit_entries SET outcome = 'x' WHERE id = 3`)).rejects.toThrow(/append-only/);

      await audit.record(input(1), input(2));
      const [{ id }] = await ds.query(`SELECT min(id)::int AS id FROM audit_log WHERE seq IS NULL`);
      expect(id).toBe(13); // the id sequence starts after the old seqs
      await expect(undoSealer()).rejects.toThrow(/unsealed entries/);
      expect(await new AuditSealer(ds).sealAll()).toBe(2);
      expect(await audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 14, head: expect.objectContaining({ seq: 14 }) }));

      // all sealed: back to the old schema, whose chain verifies the same way
      await undoSealer();
      const cols = (await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log'`)).map((c: { column_name: string }) => c.column_name);
      expect(cols).not.toContain('id');
      expect(cols).not.toContain('writer_xid');
      const rows = await ds.query(`SELECT count(*)::int AS n, max(seq)::int AS hi FROM audit_log`);
      expect(rows[0]).toEqual({ n: 14, hi: 14 });
      await ds.runMigrations({ transaction: 'each' });
      expect(await audit.verify()).toEqual(expect.objectContaining({ valid: true, checked: 14 }));
    } finally {
      await ds.destroy();
    }
  });
});
