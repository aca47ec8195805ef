import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { uuidPipe } from './disclosures.controller.js';
import { ReviewRecordDto } from './review-record.dto.js';
import { ReviewRecordService } from './review-record.service.js';

@Controller('disclosures')
export class ReviewRecordController {
  constructor(private readonly reviews: ReviewRecordService) {}

  /** A reviewer records that the review of an 审核后公开 item is done; the legal due date is computed from it. */
  @Post(':id/review-record')
  @HttpCode(200)
  @Roles('reviewer')
  record(@Param('id', uuidPipe('id')) id: string, @Body() dto: ReviewRecordDto, @CurrentUser() user: Principal) {
    return this.reviews.record(id, dto.reviewedAt, user);
  }
}
