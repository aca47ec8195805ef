import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { ReviewService, type DraftView } from '../../../../libs/review/src/index.js';
import { ContentCheckService } from '../../../../libs/content-check/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { CreateDraftDto, PublishDraftDto, ReviewDto, UpdateDraftDto } from './draft.dto.js';

class ListDraftsDto {
  @IsOptional() @IsIn(['draft', 'submitted', 'returned', 'approved', 'scheduled', 'published'])
  status?: string;
}

/** 先审后发: editors draft and submit, reviewers approve or return, publishers publish (now or scheduled). */
@Controller('drafts')
export class DraftsController {
  constructor(
    private readonly review: ReviewService,
    private readonly contentCheck: ContentCheckService,
  ) {}

  @Post()
  @Roles('editor', 'publisher')
  create(@Body() dto: CreateDraftDto, @CurrentUser() user: Principal) {
    return this.review.create(dto, user);
  }

  @Get()
  list(@Query() q: ListDraftsDto, @CurrentUser() user: Principal) {
    return this.review.list(user, q.status).then((items) => ({ items }));
  }

  @Get(':id')
  get(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.review.get(id, user);
  }

  @Patch(':id')
  @Roles('editor', 'publisher')
  update(@Param('id', uuidPipe('id')) id: string, @Body() dto: UpdateDraftDto, @CurrentUser() user: Principal) {
    return this.review.update(id, dto, user);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('editor', 'publisher')
  submit(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.review.submit(id, user);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('reviewer')
  async reviewDraft(@Param('id', uuidPipe('id')) id: string, @Body() dto: ReviewDto, @CurrentUser() user: Principal) {
    // an approval is a decision to publish this content: the reviewer sees the check and answers for any warning
    if (dto.decision === 'approve') await this.checkDraft(await this.review.get(id, user), dto.contentCheckOverride?.reason, user, 'draft.review');
    return this.review.review(id, { decision: dto.decision, checks: { ...dto.checks }, comments: dto.comments ?? '' }, user);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('publisher')
  async publish(@Param('id', uuidPipe('id')) id: string, @Body() dto: PublishDraftDto, @CurrentUser() user: Principal) {
    // checked when the publisher acts (now or scheduling): the expressions list may have changed since review
    await this.checkDraft(await this.review.get(id, user), dto.contentCheckOverride?.reason, user, 'draft.publish');
    return this.review.publish(id, user, dto.scheduledAt);
  }

  private checkDraft(d: DraftView, reason: string | undefined, user: Principal, step: 'draft.review' | 'draft.publish'): Promise<void> {
    const attachmentIds = (d.inputs?.attachmentIds as string[] | undefined) ?? [];
    return this.contentCheck.assertPublishable({ title: d.title, body: d.body, attachmentIds }, reason, user, { step, draftId: d.id, departmentCode: d.departmentCode });
  }
}
