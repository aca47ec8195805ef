var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { AuditAnchorsService } from './anchors/audit-anchors.service.js';
import { AuditService } from './audit.service.js';
import { AuditVerifier } from './chain/audit-verifier.service.js';
import { AuditQueryService } from './query/audit-query.service.js';
import { AnnualFiguresService } from './reports/annual.service.js';
import { ComplianceReportService } from './reports/compliance.service.js';
import { TimelineService } from './timeline/timeline.service.js';
const services = [AuditService, AuditQueryService, AuditAnchorsService, AuditVerifier, TimelineService, ComplianceReportService, AnnualFiguresService];
let AuditModule = class AuditModule {
};
AuditModule = __decorate([
    Module({ providers: services, exports: services })
], AuditModule);
export { AuditModule };
