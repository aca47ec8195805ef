import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AuditService, type AuditInput } from '../../audit/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { loadCatalogueDirectory } from './catalogue.loader.js';
import { catalogueFileSchema, type CatalogueFile, type CatalogueItem } from './catalogue.schema.js';

/** A refused catalogue change; `field` names the request parameter at fault. */
export class CatalogueError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function contentHash(file: CatalogueFile): string {
  return createHash('sha256').update(canonicalize(file) ?? '').digest('hex');
}

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
 * The catalogues in force. Two sources write versions: files under config/catalogues (at boot, a file whose
 * content differs from the last version that file produced becomes a new version) and imports through the API
 * (a new version when the content differs from the one in force). Every disclosure points at the exact version
 * it was resolved against, and old versions stay readable. See docs/catalogues.md.
 */
@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueService.name);
  private current = new Map<string, CatalogueVersion>();
  private knownMaxId = 0;
  private checking?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly audit: AuditService,
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
      `SELECT id, version, source, created_at, jsonb_array_length(items->'items') AS items FROM catalogue_versions
       WHERE catalogue_code = $1 ORDER BY version DESC`,
      [code],
    );
    return rows.map((r: Record<string, unknown>) => ({ id: r.id, version: r.version, source: r.source, createdAt: r.created_at, items: Number(r.items) }));
  }

  /** Stores a catalogue as a new version when its content changed; returns the version in force. */
  async syncVersion(file: CatalogueFile, source: string): Promise<{ version: number; created: boolean }> {
    const hash = contentHash(file);
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
      // A file speaks only when it changed: compared with the last version it produced, so a catalogue edited
      // through an import stays in force across restarts until someone edits the file itself.
      const [baseline] = source === 'file'
        ? await m.query(
          `SELECT content_hash FROM catalogue_versions WHERE catalogue_code = $1 AND source = 'file' ORDER BY version DESC LIMIT 1`,
          [file.code],
        )
        : [latest];
      // (a changed file whose content happens to equal an import still gets its own version: it records that the
      // file now says so, and keeps the next boot from treating the file as changed again)
      if (latest && baseline?.content_hash === hash) return { version: latest.version as number, created: false };
      const version = (latest?.version ?? 0) + 1;
      await m.query(
        `INSERT INTO catalogue_versions (catalogue_code, version, name, department_code, content_hash, items, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [file.code, version, file.name, file.department, hash, JSON.stringify({ publisher: file.publisher, items: file.items }), source],
      );
      // a catalogue changed by editing its file is a catalogue change like an import: the auditor sees who (the
      // deployment's configuration), when, and which version — in the same transaction as the version itself
      await this.audit.append(m, {
        actor: 'system:config', action: 'catalogue.version_loaded', catalogueCode: file.code, departmentCode: file.department,
        outcome: 'new_version', details: { version, items: file.items.length, source, contentHash: hash },
      });
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
    this.knownMaxId = Math.max(0, ...rows.map((r: { id: number }) => Number(r.id)));
  }

  /**
   * Makes this process agree with every other one before it answers: versions are only ever added, so the
   * largest id changes exactly when some process stored a new version. One index lookup per call; concurrent
   * callers share it.
   */
  async ensureFresh(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const [r] = await this.db.query(`SELECT max(id) AS id FROM catalogue_versions`);
        if (Number(r?.id ?? 0) !== this.knownMaxId) await this.refresh();
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /**
   * Stores an edited catalogue (an import) as a new version when its content differs from the one in force, with
   * its audit entry in the same transaction. `create` makes a new catalogue; without it the catalogue must exist
   * and keeps its name, department and publisher.
   */
  async storeImported(
    code: string,
    items: CatalogueItem[],
    opts: { create?: { name: string; department: string; publisher?: string }; audit: Omit<AuditInput, 'catalogueCode' | 'departmentCode' | 'outcome'> },
  ): Promise<{ version: number; versionId: number; created: boolean; department: string }> {
    const result = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('catalogue:' || $1))`, [code]);
      const [latest] = await m.query(
        `SELECT id, version, name, department_code, content_hash, items FROM catalogue_versions WHERE catalogue_code = $1 ORDER BY version DESC LIMIT 1`,
        [code],
      );
      let file: CatalogueFile;
      if (opts.create) {
        if (latest) throw new CatalogueError('conflict', 'code', `目录 ${code} 已存在；更新已有目录请去掉 create 参数`);
        const [dept] = await m.query(`SELECT code FROM departments WHERE code = $1`, [opts.create.department]);
        if (!dept) throw new CatalogueError('invalid', 'department', `部门 ${opts.create.department} 不存在；请先通过 POST /api/departments 创建`);
        file = { code, name: opts.create.name, department: opts.create.department, publisher: opts.create.publisher ?? items[0]?.publisher ?? '', items };
      } else {
        if (!latest) throw new CatalogueError('not_found', 'code', `目录 ${code} 不存在；新建目录请加 create=1、name 和 department`);
        file = { code, name: latest.name, department: latest.department_code, publisher: (latest.items as { publisher: string }).publisher, items };
      }
      const parsed = catalogueFileSchema.safeParse(file);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CatalogueError('invalid', String(issue.path[0] ?? 'body'), `${issue.path.join('.')}: ${issue.message}`);
      }
      file = parsed.data;
      const hash = contentHash(file);
      let stored = { version: latest?.version as number, versionId: latest?.id as number, created: false };
      if (latest?.content_hash !== hash) {
        const version = (latest?.version ?? 0) + 1;
        const [row] = await m.query(
          `INSERT INTO catalogue_versions (catalogue_code, version, name, department_code, content_hash, items, source)
           VALUES ($1, $2, $3, $4, $5, $6, 'import') RETURNING id`,
          [code, version, file.name, file.department, hash, JSON.stringify({ publisher: file.publisher, items: file.items })],
        );
        stored = { version, versionId: row.id, created: true };
      }
      await this.audit.append(m, {
        ...opts.audit,
        catalogueCode: code,
        departmentCode: file.department,
        outcome: stored.created ? 'new_version' : 'unchanged',
        details: { ...opts.audit.details, version: stored.version, items: file.items.length, created: !!opts.create },
      });
      return { ...stored, department: file.department };
    });
    if (result.created) this.logger.log(`catalogue ${code}: version ${result.version} stored (${items.length} items, from import)`);
    await this.refresh();
    return result;
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
