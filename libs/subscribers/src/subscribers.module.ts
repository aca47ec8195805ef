import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/src/index.js';
import { CatalogueModule } from '../../catalogue/src/index.js';
import { PushFanout } from './push-fanout.service.js';
import { PushProducer } from './push.producer.js';
import { PushRecipients } from './push-recipients.repository.js';
import { PushRecordsService } from './push-records.service.js';
import { SubscribersService } from './subscribers.service.js';

/** Subscribers and the per-recipient send records; depends on nothing above the database, audit and catalogue. */
@Module({
  imports: [AuditModule, CatalogueModule],
  providers: [SubscribersService, PushRecipients, PushProducer, PushFanout, PushRecordsService],
  exports: [SubscribersService, PushRecipients, PushProducer, PushFanout, PushRecordsService],
})
export class SubscribersModule {}
