import { Module } from '@nestjs/common';
import { AppConfigModule } from '../../../libs/config/src/index.js';
import { DatabaseModule } from '../../../libs/database/src/index.js';
import { dispatchModule } from '../../../libs/dispatch/src/index.js';
import { AuditDailyJobs } from './audit/audit-daily.jobs.js';
import { AuditSealerRunner } from './audit/audit-sealer.runner.js';
import { ChannelWorkers } from './channel-workers.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { RemotePoller } from './remote-poller.service.js';
import { ScheduledPublisher } from './scheduled-publisher.service.js';
import { WorkerHttp } from './worker-http.service.js';
import { loggingModule } from '../../../libs/observability/src/index.js';
import { ReviewService } from '../../../libs/review/src/index.js';
import { SettleProcessor } from './settle.processor.js';
import { OverdueModule } from './overdue/overdue.module.js';
import { SubscribersModule } from '../../../libs/subscribers/src/index.js';
import { PushBatchRunner } from './push/push-batch.runner.js';
import { PushWorkers } from './push/push-workers.service.js';

@Module({
  imports: [AppConfigModule.forRoot(), loggingModule, DatabaseModule, dispatchModule('worker'), OverdueModule, SubscribersModule],
  providers: [ChannelWorkers, SettleProcessor, OutboxRelay, RemotePoller, ReviewService, ScheduledPublisher, WorkerHttp, AuditDailyJobs, AuditSealerRunner, PushBatchRunner, PushWorkers],
})
export class WorkerModule {}
