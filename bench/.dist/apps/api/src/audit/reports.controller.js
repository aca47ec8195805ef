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
var _a, _b, _c, _d, _e;
import { Controller, Get, Query, Res } from '@nestjs/common';
import { AnnualFiguresService, AuditService, complianceHtml, ComplianceReportService, writeComplianceXlsx, } from '../../../../libs/audit/src/index.js';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { badParam } from './audit-query.dto.js';
import { AnnualQueryDto, ComplianceQueryDto } from './reports.dto.js';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Reports built from the dispatch record: compliance for a period, and the annual-report figures. */
let ReportsController = class ReportsController {
    compliance;
    annual;
    audit;
    constructor(compliance, annual, audit) {
        this.compliance = compliance;
        this.annual = annual;
        this.audit = audit;
    }
    async complianceReport(q, user, res) {
        if (q.to < q.from)
            throw badParam('to', 'to must not be before from');
        if (q.department && !(await this.compliance.departmentExists(q.department)))
            throw badParam('department', `no department "${q.department}"`);
        const report = await this.compliance.build({ from: q.from, to: q.to, department: q.department });
        const format = q.format ?? 'json';
        await this.audit.record({
            actor: `user:${user.username}`, action: 'report.compliance_generated', departmentCode: q.department ?? null, outcome: 'ok',
            details: { from: q.from, to: q.to, format, published: report.published.count, totals: report.totals, overdueNow: report.overdueNow.count },
        });
        const name = `compliance-${q.from}-${q.to}${q.department ? `-${q.department}` : ''}`;
        if (format === 'html') {
            res.type('text/html; charset=utf-8');
            return complianceHtml(report);
        }
        if (format === 'xlsx') {
            res.status(200).setHeader('Content-Type', XLSX_TYPE);
            res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(name)}.xlsx"`);
            await writeComplianceXlsx(report, res);
            return undefined;
        }
        return report;
    }
    async annualFigures(q, user) {
        if (q.department && !(await this.compliance.departmentExists(q.department)))
            throw badParam('department', `no department "${q.department}"`);
        const figures = await this.annual.build(q.year, q.department);
        await this.audit.record({
            actor: `user:${user.username}`, action: 'report.annual_generated', departmentCode: q.department ?? null, outcome: 'ok',
            details: { year: q.year, normativeDocuments: figures.normativeDocuments, disclosures: figures.publications.disclosures },
        });
        return figures;
    }
};
__decorate([
    Get('compliance'),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __param(2, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof ComplianceQueryDto !== "undefined" && ComplianceQueryDto) === "function" ? _d : Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ReportsController.prototype, "complianceReport", null);
__decorate([
    Get('annual'),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_e = typeof AnnualQueryDto !== "undefined" && AnnualQueryDto) === "function" ? _e : Object, Object]),
    __metadata("design:returntype", Promise)
], ReportsController.prototype, "annualFigures", null);
ReportsController = __decorate([
    Controller('reports'),
    Roles('auditor'),
    __metadata("design:paramtypes", [typeof (_a = typeof ComplianceReportService !== "undefined" && ComplianceReportService) === "function" ? _a : Object, typeof (_b = typeof AnnualFiguresService !== "undefined" && AnnualFiguresService) === "function" ? _b : Object, typeof (_c = typeof AuditService !== "undefined" && AuditService) === "function" ? _c : Object])
], ReportsController);
export { ReportsController };
