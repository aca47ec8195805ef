var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { AppConfigModule } from '../../../libs/config/src/index.js';
import { DatabaseModule } from '../../../libs/database/src/index.js';
import { dispatchModule } from '../../../libs/dispatch/src/index.js';
import { AuditDailyJobs } from './audit/audit-daily.jobs.js';
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
let WorkerModule = class WorkerModule {
};
WorkerModule = __decorate([
    Module({
        imports: [AppConfigModule.forRoot(), loggingModule, DatabaseModule, dispatchModule('worker'), OverdueModule, SubscribersModule],
        providers: [ChannelWorkers, SettleProcessor, OutboxRelay, RemotePoller, ReviewService, ScheduledPublisher, WorkerHttp, AuditDailyJobs, PushBatchRunner, PushWorkers],
    })
], WorkerModule);
export { WorkerModule };
