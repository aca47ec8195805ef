var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/src/index.js';
import { CatalogueModule } from '../../catalogue/src/index.js';
import { PushFanout } from './push-fanout.service.js';
import { PushProducer } from './push.producer.js';
import { PushRecipients } from './push-recipients.repository.js';
import { PushRecordsService } from './push-records.service.js';
import { SubscribersService } from './subscribers.service.js';
/** Subscribers and the per-recipient send records; depends on nothing above the database, audit and catalogue. */
let SubscribersModule = class SubscribersModule {
};
SubscribersModule = __decorate([
    Module({
        imports: [AuditModule, CatalogueModule],
        providers: [SubscribersService, PushRecipients, PushProducer, PushFanout, PushRecordsService],
        exports: [SubscribersService, PushRecipients, PushProducer, PushFanout, PushRecordsService],
    })
], SubscribersModule);
export { SubscribersModule };
