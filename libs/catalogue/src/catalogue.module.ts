import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/src/index.js';
import { CatalogueService } from './catalogue.service.js';
import { CatalogueTransfer } from './table/catalogue-transfer.service.js';

@Module({ imports: [AuditModule], providers: [CatalogueService, CatalogueTransfer], exports: [CatalogueService, CatalogueTransfer] })
export class CatalogueModule {}
