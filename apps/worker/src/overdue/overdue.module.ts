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
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: OVERDUE_QUEUE })],
  providers: [OfficeDirectory, OfficeMailer, OverdueMonitor, OverdueProcessor, OverdueScheduler],
  exports: [OverdueMonitor],
})
export class OverdueModule {}
