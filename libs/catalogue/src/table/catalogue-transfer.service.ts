import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../../../audit/src/index.js';
import { CatalogueError, CatalogueService } from '../catalogue.service.js';
import { itemsToRows, rowsToItems, type TableProblem } from './table-codec.js';
import { readCsv, readXlsx, SpreadsheetReadError, writeCsv, writeXlsx, type TableFormat } from './spreadsheet-io.js';

export interface ImportRequest {
  code: string;
  format: TableFormat;
  data: Buffer;
  actor: string;
  /** A new catalogue for a department, instead of a new version of an existing one. */
  create?: { name: string; department: string; publisher?: string };
  /** Validate and report only. */
  dryRun?: boolean;
}

export type ImportResult =
  | { ok: true; catalogue: string; department: string; version: number; versionId: number; created: boolean; items: number; dryRun: boolean }
  | { ok: false; problems: TableProblem[] };

/** The standard table as XLSX or CSV, in and out; every import and export is audited. */
@Injectable()
export class CatalogueTransfer {
  constructor(
    private readonly catalogues: CatalogueService,
    private readonly audit: AuditService,
  ) {}

  async export(code: string, format: TableFormat, actor: string, version?: number): Promise<{ data: Buffer; filename: string; version: number }> {
    await this.catalogues.ensureFresh();
    const c = version === undefined ? this.catalogues.get(code) : await this.catalogues.getVersion(code, version);
    if (!c) throw new CatalogueError('not_found', version === undefined ? 'code' : 'version', version === undefined ? `没有目录 ${code}` : `目录 ${code} 没有第 ${version} 版`);
    const rows = itemsToRows(c.items);
    const data = format === 'csv' ? writeCsv(rows) : await writeXlsx(rows, c.name);
    await this.audit.record({
      actor, action: 'catalogue.exported', catalogueCode: c.code, departmentCode: c.department, outcome: 'ok',
      details: { format, version: c.version, items: c.items.length, bytes: data.length, sha256: sha256(data) },
    });
    return { data, filename: `${c.code}-v${c.version}.${format}`, version: c.version };
  }

  /**
   * Reads the whole file and checks every row before anything is stored: one bad row and nothing is imported,
   * and the answer lists every problem. A refused import is audited too, so attempts leave a trace.
   */
  async import(req: ImportRequest): Promise<ImportResult> {
    let problems: TableProblem[] | undefined;
    let parsed: ReturnType<typeof rowsToItems> | undefined;
    try {
      const rows = req.format === 'csv' ? readCsv(req.data) : await readXlsx(req.data);
      parsed = rowsToItems(rows);
      if ('problems' in parsed) problems = parsed.problems;
    } catch (err) {
      if (!(err instanceof SpreadsheetReadError)) throw err;
      problems = [{ row: 0, column: '(文件)', reason: err.message }];
    }
    const details = { format: req.format, bytes: req.data.length, sha256: sha256(req.data) };
    if (problems || !parsed || 'problems' in parsed) {
      await this.audit.record({
        actor: req.actor, action: 'catalogue.imported', catalogueCode: req.code, departmentCode: null, outcome: 'rejected',
        details: { ...details, problems: problems!.length, first: problems!.slice(0, 5) },
      });
      return { ok: false, problems: problems! };
    }
    if (req.dryRun) {
      await this.catalogues.ensureFresh();
      const current = this.catalogues.get(req.code);
      if (req.create && current) throw new CatalogueError('conflict', 'code', `目录 ${req.code} 已存在；更新已有目录请去掉 create 参数`);
      if (!req.create && !current) throw new CatalogueError('not_found', 'code', `目录 ${req.code} 不存在；新建目录请加 create=1、name 和 department`);
      return {
        ok: true, catalogue: req.code, department: current?.department ?? req.create!.department, version: current?.version ?? 0,
        versionId: current?.id ?? 0, created: false, items: parsed.items.length, dryRun: true,
      };
    }
    const stored = await this.catalogues.storeImported(req.code, parsed.items, {
      create: req.create,
      audit: { actor: req.actor, action: 'catalogue.imported', details },
    });
    return { ok: true, catalogue: req.code, department: stored.department, version: stored.version, versionId: stored.versionId, created: stored.created, items: parsed.items.length, dryRun: false };
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
