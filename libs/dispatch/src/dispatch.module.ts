import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../../config/src/index.js';
import { CalendarModule } from '../../calendar/src/index.js';
import { AuditModule } from '../../audit/src/index.js';
import { AttachmentsService } from '../../attachments/src/index.js';
import { CatalogueModule } from '../../catalogue/src/index.js';
import { ChannelsModule } from '../../channels/src/index.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryRunner } from './delivery.runner.js';
import { DisclosuresService } from './disclosures.service.js';
import { DispatchProducer } from './dispatch.producer.js';
import { DISCLOSURE_QUEUE, FLOW_PRODUCER, redisOptions } from './queues.js';

/**
 * Disclosures, deliveries and the way onto the queues. `role` picks the Redis connection behaviour: the API
 * fails fast when Redis is down (the outbox covers it), workers wait for it to come back.
 */
export function dispatchModule(role: 'api' | 'worker') {
  @Module({
    imports: [
      AuditModule,
      CatalogueModule,
      ChannelsModule,
      CalendarModule.forRootAsync({
        inject: [AppConfig],
        useFactory: (config: AppConfig) => ({
          holidaysDir: path.join(config.configDir, 'holidays'),
          settings: {
            countStartDay: config.get('DUE_COUNT_START_DAY'),
            immediateGraceWorkingDays: config.get('DUE_IMMEDIATE_GRACE_WORKING_DAYS'),
            afterReviewWorkingDays: config.get('DUE_AFTER_REVIEW_WORKING_DAYS'),
          },
        }),
      }),
      BullModule.forRootAsync({
        inject: [AppConfig],
        useFactory: (config: AppConfig) => ({
          prefix: config.get('QUEUE_PREFIX'),
          connection: redisOptions(
            config.get('REDIS_URL'),
            role === 'api' ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 } : { maxRetriesPerRequest: null },
          ),
        }),
      }),
      BullModule.registerFlowProducer({ name: FLOW_PRODUCER }),
      BullModule.registerQueue({ name: DISCLOSURE_QUEUE }),
    ],
    providers: [DispatchProducer, DisclosuresService, DeliveriesService, DeliveryRunner, AttachmentsService],
    exports: [DispatchProducer, DisclosuresService, DeliveriesService, DeliveryRunner, AttachmentsService, AuditModule, CatalogueModule, ChannelsModule, BullModule],
  })
  class DispatchModule {}
  return DispatchModule;
}
