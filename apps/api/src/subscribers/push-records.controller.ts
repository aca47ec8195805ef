import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { PushRecordsService } from '../../../../libs/subscribers/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { PushRecipientsQuery, ResolveUnknownDto } from './subscriber.dto.js';

/** The per-recipient records of an email or SMS delivery, and what a person decides about unknown outcomes. */
@Controller('push/deliveries')
export class PushRecordsController {
  constructor(private readonly records: PushRecordsService) {}

  @Get(':id/recipients')
  @Roles('publisher', 'auditor')
  list(@Param('id', uuidPipe('id')) id: string, @Query() q: PushRecipientsQuery) {
    return this.records.list(id, { status: q.status, after: q.after, limit: q.limit ?? 100 });
  }

  /**
   * After checking the gateway (QuerySendDetails) or the mail server's log: `sent` closes an unknown recipient,
   * `failed` lets a retry of the delivery send to it.
   */
  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('publisher')
  resolve(@Param('id', uuidPipe('id')) id: string, @Body() dto: ResolveUnknownDto, @CurrentUser() user: Principal) {
    return this.records.resolveUnknown(id, dto, user);
  }
}
