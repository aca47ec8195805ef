import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditService, type AuditInput } from '../../libs/audit/src/index.js';
import { dataSourceOptions } from '../../libs/database/src/index.js';
import { createTestDatabase } from '../support/stack.js';

export interface ChainDb {
  url: string;
  ds: DataSource;
  audit: AuditService;
  /** no worker runs here: a spec seals when it wants the chain to include what it wrote */
  sealer: AuditSealer;
  sql: pg.Client;
  close(): Promise<void>;
}

/** A fresh migrated database with the AuditService on it, as the app holds it: no Nest needed for the chain. */
export async function chainDb(poolSize = 25): Promise<ChainDb> {
  const url = await createTestDatabase();
  const ds = new DataSource({ ...dataSourceOptions(url), extra: { max: poolSize } });
  await ds.initialize();
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  return {
    url, ds, audit: new AuditService(ds), sealer: new AuditSealer(ds), sql,
    async close() {
      await sql.end();
      await ds.destroy();
    },
  };
}

export const input = (i: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  actor: `user:u${i % 7}`, action: 'test.event', outcome: 'ok', details: { i, text: `第${i}条`, nested: { b: [1, 2.5, null], a: true } }, ...extra,
});

/** A login role in the production group role, for proving what the application may do. */
export async function appLoginRole(sql: pg.Client, url: string): Promise<{ role: string; url: string }> {
  const role = `gk_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await sql.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE gongkai_app`);
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return { role, url: u.toString() };
}

/**
 * Runs statements as the tables' owner with the append-only triggers of both audit tables disabled: what a
 * superuser tampering with the log can do, and what verify must find.
 */
export async function behindTheAppsBack(sql: pg.Client, statements: string[]): Promise<void> {
  await sql.query('ALTER TABLE audit_entries DISABLE TRIGGER USER; ALTER TABLE audit_seals DISABLE TRIGGER USER');
  try {
    for (const s of statements) await sql.query(s);
  } finally {
    await sql.query('ALTER TABLE audit_entries ENABLE TRIGGER USER; ALTER TABLE audit_seals ENABLE TRIGGER USER');
  }
}

/** The entry id sealed at `seq`, as SQL (entries are addressed by id, seals by seq). */
export const idAt = (seq: number): string => `(SELECT id FROM audit_seals WHERE seq = ${seq})`;
