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
import { FreshnessModule } from '../../../../libs/freshness/src/index.js';
import { FreshnessMonitor } from '../freshness/freshness-monitor.service.js';

/**
 * The overdue monitor: deadline warnings and overdue notices (docs/deadlines.md), and with each of its sweeps the
 * screens' offline/online e-mail (docs/screens.md) and the freshness watchdog (docs/freshness.md). Needs the worker's BullMQ root.
 */
@Module({
  imports: [AuditModule, FreshnessModule, BullModule.registerQueue({ name: OVERDUE_QUEUE })],
  providers: [OfficeDirectory, OfficeMailer, OverdueMonitor, OverdueProcessor, OverdueScheduler, ScreenAlertMails, FreshnessMonitor],
  exports: [OverdueMonitor, FreshnessMonitor],
})
export class OverdueModule {}
