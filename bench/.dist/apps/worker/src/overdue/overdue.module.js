var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../../../libs/audit/src/index.js';
import { OfficeDirectory } from './office-directory.js';
import { OfficeMailer } from './office-mailer.js';
import { OverdueMonitor } from './overdue-monitor.service.js';
import { OverdueProcessor } from './overdue.processor.js';
import { OVERDUE_QUEUE } from './overdue.queue.js';
import { OverdueScheduler } from './overdue.scheduler.js';
/** The overdue monitor: deadline warnings and overdue notices (docs/deadlines.md). Needs the worker's BullMQ root. */
let OverdueModule = class OverdueModule {
};
OverdueModule = __decorate([
    Module({
        imports: [AuditModule, BullModule.registerQueue({ name: OVERDUE_QUEUE })],
        providers: [OfficeDirectory, OfficeMailer, OverdueMonitor, OverdueProcessor, OverdueScheduler],
        exports: [OverdueMonitor],
    })
], OverdueModule);
export { OverdueModule };
