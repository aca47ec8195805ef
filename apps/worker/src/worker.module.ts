import { Module } from '@nestjs/common';
import { AppConfigModule } from '../../../libs/config/src/index.js';
import { DatabaseModule } from '../../../libs/database/src/index.js';
import { dispatchModule } from '../../../libs/dispatch/src/index.js';
import { AuditDailyJobs } from './audit/audit-daily.jobs.js';
import { ChannelWorkers } from './channel-workers.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { RemotePoller } from './remote-poller.service.js';
import { ScheduledPublisher } from './scheduled-publisher.service.js';
import { ReviewService } from '../../../libs/review/src/index.js';
import { SettleProcessor } from './settle.processor.js';

@Module({
  imports: [AppConfigModule.forRoot(), DatabaseModule, dispatchModule('worker')],
  providers: [ChannelWorkers, SettleProcessor, OutboxRelay, RemotePoller, ReviewService, ScheduledPublisher, AuditDailyJobs],
})
export class WorkerModule {}
