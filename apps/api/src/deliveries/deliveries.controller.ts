import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { DeliveriesService } from '../../../../libs/dispatch/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { ConfirmDto } from './confirm.dto.js';
import { ListDeliveriesDto } from './list-deliveries.dto.js';

@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  /** The manual-task inbox and other cross-disclosure views: GET /api/deliveries?channel=manual&status=awaiting_confirmation */
  @Get()
  list(@Query() q: ListDeliveriesDto, @CurrentUser() user: Principal) {
    return this.deliveries.list(
      { status: q.status, channel: q.channel, department: q.department, office: q.office, disclosure: q.disclosure, limit: q.limit ?? 50, cursor: q.cursor },
      user,
    );
  }

  @Get(':id')
  get(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.deliveries.get(id, user);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('publisher')
  retry(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.deliveries.retry(id, user);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('publisher')
  confirm(@Param('id', uuidPipe('id')) id: string, @Body() dto: ConfirmDto, @CurrentUser() user: Principal) {
    return this.deliveries.confirm(id, dto, user);
  }
}
