import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppConfig } from '../../config/src/index.js';
import { loadCatalogueDirectory } from './catalogue.loader.js';
import type { CatalogueFile, CatalogueItem } from './catalogue.schema.js';

export interface CatalogueVersion {
  id: number;
  code: string;
  version: number;
  name: string;
  department: string;
  publisher: string;
  items: CatalogueItem[];
  byId: Map<string, CatalogueItem>;
}

/**
 * The catalogues in force. Files under config/catalogues are the operator's source; at boot each file whose
 * content differs from the latest stored version becomes a new version, so every disclosure can point at the
 * exact version it was resolved against and old versions stay readable.
 */
@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueService.name);
  private current = new Map<string, CatalogueVersion>();

  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const files = loadCatalogueDirectory(this.config.cataloguesDir);
    for (const file of files) await this.syncVersion(file, 'file');
    await this.refresh();
  }

  list(): CatalogueVersion[] {
    return [...this.current.values()];
  }

  get(code: string): CatalogueVersion | undefined {
    return this.current.get(code);
  }

  async getVersion(code: string, version: number): Promise<CatalogueVersion | undefined> {
    const rows = await this.db.query(
      `SELECT cv.*, d.name AS department_name FROM catalogue_versions cv JOIN departments d ON d.code = cv.department_code
       WHERE cv.catalogue_code = $1 AND cv.version = $2`,
      [code, version],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async versions(code: string): Promise<{ id: number; version: number; source: string; createdAt: string; items: number }[]> {
    const rows = await this.db.query(
      `SELECT id, version, source, created_at, jsonb_array_length(items) AS items FROM catalogue_versions
       WHERE catalogue_code = $1 ORDER BY version DESC`,
      [code],
    );
    return rows.map((r: Record<string, unknown>) => ({ id: r.id, version: r.version, source: r.source, createdAt: r.created_at, items: Number(r.items) }));
  }

  /** Stores a catalogue as a new version when its content changed; returns the version in force. */
  async syncVersion(file: CatalogueFile, source: string): Promise<{ version: number; created: boolean }> {
    const hash = createHash('sha256').update(canonicalize(file) ?? '').digest('hex');
    return this.db.transaction(async (m) => {
      // Several processes boot at once; one lock per catalogue keeps version numbers gap-free and unique.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('catalogue:' || $1))`, [file.code]);
      await m.query(`INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [
        file.department,
        file.departmentName ?? file.publisher,
      ]);
      const [latest] = await m.query(
        `SELECT version, content_hash FROM catalogue_versions WHERE catalogue_code = $1 ORDER BY version DESC LIMIT 1`,
        [file.code],
      );
      if (latest?.content_hash === hash) return { version: latest.version as number, created: false };
      const version = (latest?.version ?? 0) + 1;
      await m.query(
        `INSERT INTO catalogue_versions (catalogue_code, version, name, department_code, content_hash, items, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [file.code, version, file.name, file.department, hash, JSON.stringify({ publisher: file.publisher, items: file.items }), source],
      );
      this.logger.log(`catalogue ${file.code}: version ${version} stored (${file.items.length} items, from ${source})`);
      return { version, created: true };
    });
  }

  async refresh(): Promise<void> {
    const rows = await this.db.query(
      `SELECT DISTINCT ON (cv.catalogue_code) cv.*, d.name AS department_name
       FROM catalogue_versions cv JOIN departments d ON d.code = cv.department_code
       ORDER BY cv.catalogue_code, cv.version DESC`,
    );
    this.current = new Map(rows.map((r: Record<string, unknown>) => [r.catalogue_code as string, toVersion(r)]));
  }
}

function toVersion(r: Record<string, unknown>): CatalogueVersion {
  const stored = r.items as { publisher: string; items: CatalogueItem[] };
  return {
    id: r.id as number,
    code: r.catalogue_code as string,
    version: r.version as number,
    name: r.name as string,
    department: r.department_code as string,
    publisher: stored.publisher,
    items: stored.items,
    byId: new Map(stored.items.map((i) => [i.id, i])),
  };
}
