import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  AnnualFiguresService, AuditService, complianceHtml, ComplianceReportService, writeComplianceXlsx,
} from '../../../../libs/audit/src/index.js';
import { FreshnessService, freshnessSectionHtml, freshnessSheet } from '../../../../libs/freshness/src/index.js';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { badParam } from './audit-query.dto.js';
import { AnnualQueryDto, ComplianceQueryDto } from './reports.dto.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reports built from the dispatch record: compliance for a period, and the annual-report figures. */
@Controller('reports')
@Roles('auditor')
export class ReportsController {
  constructor(
    private readonly compliance: ComplianceReportService,
    private readonly annual: AnnualFiguresService,
    private readonly audit: AuditService,
    private readonly freshness: FreshnessService,
  ) {}

  @Get('compliance')
  async complianceReport(@Query() q: ComplianceQueryDto, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response) {
    if (q.to < q.from) throw badParam('to', 'to must not be before from');
    if (q.department && !(await this.compliance.departmentExists(q.department))) throw badParam('department', `no department "${q.department}"`);
    const built = await this.compliance.build({ from: q.from, to: q.to, department: q.department });
    // the inspection figures are as of now, not of the period: an inspector checks the site as it stands
    const f = await this.freshness.overview(new Date(), q.department);
    const report = { ...built, freshness: { asOf: f.asOf, figures: f.inspection, columns: f.columns.filter((c) => c.state !== 'ok' && c.state !== 'unchecked'), accounts: f.accounts.filter((a) => a.state !== 'ok' && a.state !== 'unchecked') } };
    const format = q.format ?? 'json';
    await this.audit.record({
      actor: `user:${user.username}`, action: 'report.compliance_generated', departmentCode: q.department ?? null, outcome: 'ok',
      details: { from: q.from, to: q.to, format, published: report.published.count, totals: report.totals, overdueNow: report.overdueNow.count },
    });
    const name = `compliance-${q.from}-${q.to}${q.department ? `-${q.department}` : ''}`;
    if (format === 'html') {
      res.type('text/html; charset=utf-8');
      return complianceHtml(report).replace('</body>', `${freshnessSectionHtml({ asOf: f.asOf, columns: f.columns, accounts: f.accounts, inspection: f.inspection })}</body>`);
    }
    if (format === 'xlsx') {
      res.status(200).setHeader('Content-Type', XLSX_TYPE);
      res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(name)}.xlsx"`);
      await writeComplianceXlsx(report, res, [freshnessSheet(f)]);
      return undefined;
    }
    return report;
  }

  @Get('annual')
  async annualFigures(@Query() q: AnnualQueryDto, @CurrentUser() user: Principal) {
    if (q.department && !(await this.compliance.departmentExists(q.department))) throw badParam('department', `no department "${q.department}"`);
    const figures = await this.annual.build(q.year, q.department);
    await this.audit.record({
      actor: `user:${user.username}`, action: 'report.annual_generated', departmentCode: q.department ?? null, outcome: 'ok',
      details: { year: q.year, normativeDocuments: figures.normativeDocuments, disclosures: figures.publications.disclosures },
    });
    return figures;
  }
}
