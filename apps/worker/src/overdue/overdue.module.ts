import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../../../libs/audit/src/index.js';
import { OfficeDirectory } from './office-directory.js';
import { OfficeMailer } from './office-mailer.js';
import { OverdueMonitor } from './overdue-monitor.service.js';
import { OverdueProcessor } from './overdue.processor.js';
import { OVERDUE_QUEUE } from './overdue.queue.js';
import { OverdueScheduler } from './overdue.scheduler.js';
import { ScreenAlertMails } from '../screen-alerts/screen-alert-mails.service.js';

/**
 * The overdue monitor: deadline warnings and overdue notices (docs/deadlines.md), and with each of its sweeps the
 * screens' offline/online e-mail (docs/screens.md). Needs the worker's BullMQ root.
 */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: OVERDUE_QUEUE })],
  providers: [OfficeDirectory, OfficeMailer, OverdueMonitor, OverdueProcessor, OverdueScheduler, ScreenAlertMails],
  exports: [OverdueMonitor],
})
export class OverdueModule {}
