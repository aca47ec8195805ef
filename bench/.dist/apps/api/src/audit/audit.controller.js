var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var AuditController_1;
var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k;
import { Controller, Get, HttpCode, Logger, NotFoundException, Post, Query, Res } from '@nestjs/common';
import { AuditAnchorsService, AuditQueryService, AuditService, AuditVerifier, ExportAborted, writeAuditCsv, writeAuditXlsx, } from '../../../../libs/audit/src/index.js';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { badParam, ExportAuditDto, ListAnchorsDto, ListAuditDto, toFilter, VerifyAuditDto } from './audit-query.dto.js';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The auditor's view of the log: read, export, verify, anchor. Nothing here changes an entry. */
let AuditController = AuditController_1 = class AuditController {
    audit;
    query;
    verifier;
    anchors;
    logger = new Logger(AuditController_1.name);
    constructor(audit, query, verifier, anchors) {
        this.audit = audit;
        this.query = query;
        this.verifier = verifier;
        this.anchors = anchors;
    }
    /** Newest first by default; `nextCursor` is the last seq of the page. */
    list(q) {
        return this.query.list(toFilter(q), { limit: q.limit ?? 100, cursor: q.cursor === undefined ? undefined : Number(q.cursor), order: q.order ?? 'desc' });
    }
    /**
     * Streams every matching entry (up to the head at the start) as CSV or XLSX, page by page, so a year of
     * entries never sits in memory. The export itself is logged, with how many entries it carried.
     */
    async export(q, user, res) {
        const filter = toFilter(q);
        const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 13);
        res.status(200);
        res.setHeader('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
        res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.${q.format}"`);
        res.setHeader('Cache-Control', 'no-store');
        const write = q.format === 'csv' ? writeAuditCsv : writeAuditXlsx;
        let rows = 0;
        let outcome = 'ok';
        let error;
        const pages = this.query.walk(filter);
        const counted = (async function* () {
            for await (const page of pages) {
                rows += page.length;
                yield page;
            }
        })();
        try {
            await write(counted, res);
        }
        catch (err) {
            outcome = err instanceof ExportAborted ? 'aborted' : 'failed';
            error = err.message;
            if (outcome === 'failed')
                this.logger.error(`audit export for ${user.username} failed after ${rows} entries: ${err.stack ?? err}`);
            res.destroy();
        }
        finally {
            await pages.return(undefined);
        }
        await this.audit.record({
            actor: `user:${user.username}`, action: 'audit.exported', departmentCode: filter.department ?? null, outcome,
            details: { format: q.format, filter: describeFilter(filter), entries: rows, ...(error ? { error } : {}) },
        });
    }
    /**
     * Walks the whole chain against every stored anchor and, if given, an anchor held outside the system. The
     * run is stored and logged; a break also raises an alert.
     */
    async verify(q, user) {
        if ((q.anchorSeq === undefined) !== (q.anchorHash === undefined)) {
            const missing = q.anchorSeq === undefined ? 'anchorSeq' : 'anchorHash';
            throw badParam(missing, `${missing} is required when ${missing === 'anchorSeq' ? 'anchorHash' : 'anchorSeq'} is given`);
        }
        const extra = q.anchorSeq !== undefined ? [{ seq: q.anchorSeq, hash: q.anchorHash, source: 'anchor given in the request' }] : [];
        const r = await this.verifier.run('api', `user:${user.username}`, extra);
        return { valid: r.valid, checked: r.checked, firstBrokenSeq: r.firstBrokenSeq, head: r.head, anchorsChecked: r.anchorsChecked, reason: r.reason ?? null, verificationId: r.id };
    }
    /** What monitoring polls: the result of the latest run, scheduled or requested. */
    async lastVerification() {
        const last = await this.verifier.last();
        if (!last)
            throw new NotFoundException('尚未进行过审计日志校验');
        return last;
    }
    async head() {
        const head = await this.audit.head();
        if (!head)
            throw new NotFoundException('审计日志为空');
        return head;
    }
    anchorList(q) {
        return this.anchors.list(q.limit ?? 50, q.cursor === undefined ? undefined : Number(q.cursor));
    }
    /** The latest anchor as the text to publish, word for word. */
    async latestAnchorText(res) {
        const a = await this.anchors.latest();
        if (!a)
            throw new NotFoundException('尚未导出过链头锚定');
        res.status(200).type('text/plain; charset=utf-8').send(a.text);
    }
    /** Anchors the head now (the daily job does this on its own). */
    async anchorNow(user) {
        const a = await this.anchors.exportHead('manual', `user:${user.username}`);
        if (!a)
            throw new NotFoundException('审计日志为空，无可锚定的链头');
        return a;
    }
};
__decorate([
    Get(),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_e = typeof ListAuditDto !== "undefined" && ListAuditDto) === "function" ? _e : Object]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "list", null);
__decorate([
    Get('export'),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_f = typeof ExportAuditDto !== "undefined" && ExportAuditDto) === "function" ? _f : Object, Object, Object]),
    __metadata("design:returntype", typeof (_g = typeof Promise !== "undefined" && Promise) === "function" ? _g : Object)
], AuditController.prototype, "export", null);
__decorate([
    Get('verify'),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_h = typeof VerifyAuditDto !== "undefined" && VerifyAuditDto) === "function" ? _h : Object, Object]),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "verify", null);
__decorate([
    Get('verify/last'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "lastVerification", null);
__decorate([
    Get('head'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "head", null);
__decorate([
    Get('anchors'),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_j = typeof ListAnchorsDto !== "undefined" && ListAnchorsDto) === "function" ? _j : Object]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "anchorList", null);
__decorate([
    Get('anchors/latest.txt'),
    __param(0, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", typeof (_k = typeof Promise !== "undefined" && Promise) === "function" ? _k : Object)
], AuditController.prototype, "latestAnchorText", null);
__decorate([
    Post('anchors'),
    Roles('admin'),
    HttpCode(201),
    __param(0, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "anchorNow", null);
AuditController = AuditController_1 = __decorate([
    Controller('audit'),
    Roles('auditor'),
    __metadata("design:paramtypes", [typeof (_a = typeof AuditService !== "undefined" && AuditService) === "function" ? _a : Object, typeof (_b = typeof AuditQueryService !== "undefined" && AuditQueryService) === "function" ? _b : Object, typeof (_c = typeof AuditVerifier !== "undefined" && AuditVerifier) === "function" ? _c : Object, typeof (_d = typeof AuditAnchorsService !== "undefined" && AuditAnchorsService) === "function" ? _d : Object])
], AuditController);
export { AuditController };
function describeFilter(f) {
    return Object.fromEntries(Object.entries(f)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]));
}
