import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/src/index.js';
import { CatalogueModule } from '../../catalogue/src/index.js';
import { ChannelsModule } from '../../channels/src/index.js';
import { FreshnessService } from './freshness.service.js';

/** The freshness watchdog's rules and computation (docs/freshness.md). Static modules: the same instances as dispatch's. */
@Module({ imports: [AuditModule, CatalogueModule, ChannelsModule], providers: [FreshnessService], exports: [FreshnessService] })
export class FreshnessModule {}
