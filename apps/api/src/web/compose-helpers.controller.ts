import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { DisclosuresService } from '../../../../libs/dispatch/src/index.js';
import { channelPreview } from './channel-preview.js';
import { nextIndexNo } from './index-number.js';
import { ChannelPreviewDto, IndexNumberQuery } from './preview.dto.js';

/** What the back office's compose page asks before anything is saved or sent. Nothing here changes data. */
@Controller('web')
export class ComposeHelpersController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly db: DataSource,
  ) {}

  /** Per-channel renderings of a title and body: the WeChat article, the SMS and Weibo texts, the screen notice. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() dto: ChannelPreviewDto) {
    return channelPreview(dto);
  }

  /** The next free 索引号 for the item's department this year; a suggestion the editor may change. */
  @Get('index-number')
  @Roles('editor', 'publisher')
  async indexNumber(@Query() q: IndexNumberQuery, @CurrentUser() _user: Principal) {
    const { catalogue } = this.disclosures.resolveItem(q.catalogueItemId);
    return nextIndexNo(this.db, catalogue.department, new Date());
  }
}
