import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, type Principal } from '../../../../libs/auth/src/index.js';
import { OverdueReport, type OverdueState } from './overdue-report.service.js';

export class OverdueQuery {
  @IsOptional() @IsIn(['overdue', 'at_risk', 'waiting'], { message: 'state must be overdue, at_risk or waiting' })
  state?: OverdueState;

  @IsOptional() @IsString() @MaxLength(64)
  department?: string;
}

/** 逾期与临期：what is late, what is due within the warning lead, and what still waits for its deadline's input. */
@Controller('overdue')
export class OverdueController {
  constructor(private readonly report: OverdueReport) {}

  @Get()
  list(@Query() q: OverdueQuery, @CurrentUser() user: Principal) {
    return this.report.list(user, { department: q.department, state: q.state });
  }
}
