import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentUser, type Principal } from '../../../../libs/auth/src/index.js';
import { ContentCheckService, type CheckResult } from '../../../../libs/content-check/src/index.js';
import { ContentCheckDto } from './content-check.dto.js';

/** 发布前检查 for the compose and review pages: the same check every publish path runs, without publishing. */
@Controller('content-check')
export class ContentCheckController {
  constructor(private readonly check: ContentCheckService) {}

  @Post()
  @HttpCode(200)
  run(@Body() dto: ContentCheckDto, @CurrentUser() user: Principal): Promise<CheckResult> {
    return this.check.check(dto, user);
  }
}
