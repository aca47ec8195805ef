var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../../config/src/index.js';
import { CalendarModule } from '../../calendar/src/index.js';
import { AuditModule } from '../../audit/src/index.js';
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
export function dispatchModule(role) {
    let DispatchModule = class DispatchModule {
    };
    DispatchModule = __decorate([
        Module({
            imports: [
                AuditModule,
                CatalogueModule,
                ChannelsModule,
                CalendarModule.forRootAsync({
                    inject: [AppConfig],
                    useFactory: (config) => ({ holidaysDir: path.join(config.configDir, 'holidays') }),
                }),
                BullModule.forRootAsync({
                    inject: [AppConfig],
                    useFactory: (config) => ({
                        prefix: config.get('QUEUE_PREFIX'),
                        connection: redisOptions(config.get('REDIS_URL'), role === 'api' ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 } : { maxRetriesPerRequest: null }),
                    }),
                }),
                BullModule.registerFlowProducer({ name: FLOW_PRODUCER }),
                BullModule.registerQueue({ name: DISCLOSURE_QUEUE }),
            ],
            providers: [DispatchProducer, DisclosuresService, DeliveriesService, DeliveryRunner],
            exports: [DispatchProducer, DisclosuresService, DeliveriesService, DeliveryRunner, AuditModule, CatalogueModule, ChannelsModule, BullModule],
        })
    ], DispatchModule);
    return DispatchModule;
}
