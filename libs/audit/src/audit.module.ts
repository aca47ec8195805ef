import { Module } from '@nestjs/common';
import { AuditAnchorsService } from './anchors/audit-anchors.service.js';
import { AuditService } from './audit.service.js';
import { AuditSealer } from './chain/audit-sealer.js';
import { AuditVerifier } from './chain/audit-verifier.service.js';
import { AuditQueryService } from './query/audit-query.service.js';
import { AnnualFiguresService } from './reports/annual.service.js';
import { ComplianceReportService } from './reports/compliance.service.js';
import { TimelineService } from './timeline/timeline.service.js';

const services = [AuditService, AuditSealer, AuditQueryService, AuditAnchorsService, AuditVerifier, TimelineService, ComplianceReportService, AnnualFiguresService];

@Module({ providers: services, exports: services })
export class AuditModule {}
