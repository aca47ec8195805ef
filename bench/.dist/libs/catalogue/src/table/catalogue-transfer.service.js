var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../../../audit/src/index.js';
import { CatalogueError, CatalogueService } from '../catalogue.service.js';
import { itemsToRows, rowsToItems } from './table-codec.js';
import { readCsv, readXlsx, SpreadsheetReadError, writeCsv, writeXlsx } from './spreadsheet-io.js';
/** The standard table as XLSX or CSV, in and out; every import and export is audited. */
let CatalogueTransfer = class CatalogueTransfer {
    catalogues;
    audit;
    constructor(catalogues, audit) {
        this.catalogues = catalogues;
        this.audit = audit;
    }
    async export(code, format, actor, version) {
        await this.catalogues.ensureFresh();
        const c = version === undefined ? this.catalogues.get(code) : await this.catalogues.getVersion(code, version);
        if (!c)
            throw new CatalogueError('not_found', version === undefined ? 'code' : 'version', version === undefined ? `没有目录 ${code}` : `目录 ${code} 没有第 ${version} 版`);
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
    async import(req) {
        let problems;
        let parsed;
        try {
            const rows = req.format === 'csv' ? readCsv(req.data) : await readXlsx(req.data);
            parsed = rowsToItems(rows);
            if ('problems' in parsed)
                problems = parsed.problems;
        }
        catch (err) {
            if (!(err instanceof SpreadsheetReadError))
                throw err;
            problems = [{ row: 0, column: '(文件)', reason: err.message }];
        }
        const details = { format: req.format, bytes: req.data.length, sha256: sha256(req.data) };
        if (problems || !parsed || 'problems' in parsed) {
            await this.audit.record({
                actor: req.actor, action: 'catalogue.imported', catalogueCode: req.code, departmentCode: null, outcome: 'rejected',
                details: { ...details, problems: problems.length, first: problems.slice(0, 5) },
            });
            return { ok: false, problems: problems };
        }
        if (req.dryRun) {
            await this.catalogues.ensureFresh();
            const current = this.catalogues.get(req.code);
            if (req.create && current)
                throw new CatalogueError('conflict', 'code', `目录 ${req.code} 已存在；更新已有目录请去掉 create 参数`);
            if (!req.create && !current)
                throw new CatalogueError('not_found', 'code', `目录 ${req.code} 不存在；新建目录请加 create=1、name 和 department`);
            return {
                ok: true, catalogue: req.code, department: current?.department ?? req.create.department, version: current?.version ?? 0,
                versionId: current?.id ?? 0, created: false, items: parsed.items.length, dryRun: true,
            };
        }
        const stored = await this.catalogues.storeImported(req.code, parsed.items, {
            create: req.create,
            audit: { actor: req.actor, action: 'catalogue.imported', details },
        });
        return { ok: true, catalogue: req.code, department: stored.department, version: stored.version, versionId: stored.versionId, created: stored.created, items: parsed.items.length, dryRun: false };
    }
};
CatalogueTransfer = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof CatalogueService !== "undefined" && CatalogueService) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object])
], CatalogueTransfer);
export { CatalogueTransfer };
function sha256(data) {
    return createHash('sha256').update(data).digest('hex');
}
