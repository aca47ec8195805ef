import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import type { Response } from 'express';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { DisclosuresService } from '../../../../libs/dispatch/src/index.js';
import { ContentCheckService } from '../../../../libs/content-check/src/index.js';
import { DisclosureWatch } from './disclosure-watch.service.js';
import { ListDisclosuresDto } from './list-disclosures.dto.js';
import { PublishDto } from './publish.dto.js';
import { UpdateDisclosureDto, WithdrawDto } from './update.dto.js';

export const uuidPipe = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ message: `${field} must be a UUID`, field }) });

@Controller('disclosures')
export class DisclosuresController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly watch: DisclosureWatch,
    private readonly contentCheck: ContentCheckService,
  ) {}

  /**
   * Server-sent events: the whole disclosure with its deliveries each time any of them changes, so the page
   * shows queued → in progress → delivered live. Read it with fetch (it needs the Authorization header).
   */
  @Sse(':id/events')
  async events(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal): Promise<Observable<MessageEvent>> {
    await this.disclosures.getOrThrow(id, user);
    return this.watch.watch(id).pipe(
      mergeMap(() => from(this.disclosures.getOrThrow(id, user).then((d) => ({ data: d, type: 'disclosure' }) as MessageEvent))),
    );
  }

  /** Publish once. 201 with the new disclosure; a repeated Idempotency-Key returns the first one with 200. */
  @Post()
  @Roles('publisher')
  async publish(
    @Body() dto: PublishDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new BadRequestException({ message: 'Idempotency-Key must be 1-200 visible ASCII characters', field: 'Idempotency-Key' });
    }
    // a direct API publish is checked like one from the back office; the override is not part of what is published
    const { contentCheckOverride, ...input } = dto;
    await this.contentCheck.assertPublishable(input, contentCheckOverride?.reason, user, { step: 'publish' });
    const { disclosure, created } = await this.disclosures.publish(input, user, key);
    res.status(created ? 201 : 200);
    return disclosure;
  }

  @Get()
  list(@Query() q: ListDisclosuresDto, @CurrentUser() user: Principal) {
    return this.disclosures.list(
      { status: q.status, departmentCode: q.department, catalogueItemId: q.item, channel: q.channel, from: q.from, to: q.to, overdue: q.overdue, limit: q.limit ?? 50, cursor: q.cursor },
      user,
    );
  }

  @Get(':id')
  get(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.disclosures.getOrThrow(id, user);
  }

  /** Changes title, body, metadata or attachments and propagates the change to every channel that can take it. */
  @Patch(':id')
  @Roles('publisher')
  async update(@Param('id', uuidPipe('id')) id: string, @Body() dto: UpdateDisclosureDto, @CurrentUser() user: Principal) {
    if (dto.title === undefined && dto.body === undefined && dto.metadata === undefined && dto.attachmentIds === undefined) {
      throw new BadRequestException({ message: 'nothing to change: give title, body, metadata or attachmentIds', field: 'body' });
    }
    const { contentCheckOverride, ...input } = dto;
    if (input.title !== undefined || input.body !== undefined || input.attachmentIds !== undefined) {
      const current = await this.disclosures.getOrThrow(id, user);
      await this.contentCheck.assertPublishable(
        { title: input.title ?? current.title, body: input.body ?? current.body, attachmentIds: input.attachmentIds ?? current.attachments?.map((a) => a.id) },
        contentCheckOverride?.reason, user, { step: 'publish', disclosureId: id, departmentCode: current.departmentCode },
      );
    }
    return this.disclosures.update(id, input, user);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('publisher')
  withdraw(@Param('id', uuidPipe('id')) id: string, @Body() dto: WithdrawDto, @CurrentUser() user: Principal) {
    return this.disclosures.withdraw(id, dto.reason, user);
  }
}
