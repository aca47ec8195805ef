import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Logger, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { isVerificationSender, PushProducer, SubscribersService, type SubscriberInput } from '../../../../libs/subscribers/src/index.js';
import { rowsFromCsv, rowsFromJson } from './import-rows.js';
import { invalidLinkPage, unsubscribeConfirmPage, unsubscribedPage, verifiedPage, verifyConfirmPage } from './subscriber-pages.js';
import { ConsentDto, CreateSubscriberDto, ImportSubscribersDto, ListSubscribersQuery, TopicsDto } from './subscriber.dto.js';

const idPipe = new ParseIntPipe({ exceptionFactory: () => new BadRequestException({ message: 'id must be a subscriber id (a positive integer)', field: 'id' }) });

/**
 * Subscribers of targeted push. Staff add or import them (publisher role); subscribers themselves only ever
 * follow links from their mail: confirm an address, unsubscribe in one click (RFC 8058). Those two routes are
 * public and answer zh-CN pages.
 */
@Controller('subscribers')
export class SubscribersController {
  private readonly logger = new Logger(SubscribersController.name);

  constructor(
    private readonly subscribers: SubscribersService,
    private readonly channels: ChannelRegistry,
    private readonly producer: PushProducer,
  ) {}

  @Get('unsubscribe')
  @Public()
  async unsubscribePage(@Query('token') token: string | undefined, @Res() res: Response) {
    const found = await this.subscribers.unsubscribePreview(token);
    if (!found) return void html(res, 404, invalidLinkPage('unsubscribe'));
    html(res, 200, found.unsubscribed ? unsubscribedPage(found.email, true) : unsubscribeConfirmPage(String(token), found.email));
  }

  /** RFC 8058 one-click: the POST itself unsubscribes, with no login and no further question. */
  @Post('unsubscribe')
  @Public()
  async unsubscribe(@Query('token') token: string | undefined, @Res() res: Response) {
    const done = await this.subscribers.unsubscribe(token);
    if (!done) return void html(res, 404, invalidLinkPage('unsubscribe'));
    html(res, 200, unsubscribedPage(done.email, done.already));
  }

  @Get('verify')
  @Public()
  async verifyPage(@Query('token') token: string | undefined, @Res() res: Response) {
    const found = await this.subscribers.verificationPreview(token);
    if (!found) return void html(res, 404, invalidLinkPage('verify'));
    html(res, 200, verifyConfirmPage(String(token), found.email, found.verified));
  }

  @Post('verify')
  @Public()
  async verify(@Query('token') token: string | undefined, @Res() res: Response) {
    const done = await this.subscribers.verifyEmail(token);
    if (!done) return void html(res, 404, invalidLinkPage('verify'));
    html(res, 200, verifiedPage(done.email));
  }

  @Post()
  @Roles('publisher')
  async create(@Body() dto: CreateSubscriberDto, @CurrentUser() user: Principal) {
    const r = await this.subscribers.create(dto, user);
    const verification = r.needsEmailVerification ? await this.sendVerification(r.view.id) : 'not_needed';
    return { ...r.view, verification };
  }

  @Post('import')
  @HttpCode(200)
  @Roles('publisher')
  async import(@Body() dto: ImportSubscribersDto, @CurrentUser() user: Principal) {
    let rows: SubscriberInput[];
    if (dto.csv !== undefined && dto.rows !== undefined) throw new BadRequestException({ message: 'give either rows or csv, not both', field: 'csv' });
    if (dto.csv !== undefined) {
      try {
        rows = rowsFromCsv(dto.csv);
      } catch (err) {
        throw new BadRequestException({ message: `csv: ${(err as Error).message}`, field: 'csv' });
      }
    } else if (dto.rows !== undefined) {
      rows = rowsFromJson(dto.rows);
    } else {
      throw new BadRequestException({ message: 'rows or csv is required', field: 'rows' });
    }
    if (rows.length === 0) throw new BadRequestException({ message: 'nothing to import', field: dto.csv !== undefined ? 'csv' : 'rows' });
    const result = await this.subscribers.import(rows, user);
    let queued = 0;
    for (const id of result.needsEmailVerification) if ((await this.sendVerification(id)) === 'queued') queued++;
    return { created: result.created, updated: result.updated, rejected: result.problems, verificationMailsQueued: queued };
  }

  @Get()
  @Roles('publisher', 'auditor')
  list(@Query() q: ListSubscribersQuery, @CurrentUser() user: Principal) {
    return this.subscribers.list(user, { q: q.q, topic: q.topic, after: q.after, limit: q.limit ?? 50 });
  }

  @Get(':id')
  @Roles('publisher', 'auditor')
  get(@Param('id', idPipe) id: number, @CurrentUser() user: Principal) {
    return this.subscribers.get(id, user);
  }

  @Put(':id/topics')
  @Roles('publisher')
  setTopics(@Param('id', idPipe) id: number, @Body() dto: TopicsDto, @CurrentUser() user: Principal) {
    return this.subscribers.setTopics(id, dto.topics, user);
  }

  /** Staff record consent evidence (a paper form, a service-hall sign-up): needed for phone numbers. */
  @Post(':id/consent')
  @HttpCode(200)
  @Roles('publisher')
  consent(@Param('id', idPipe) id: number, @Body() dto: ConsentDto, @CurrentUser() user: Principal) {
    return this.subscribers.recordConsent(id, dto.consent, user);
  }

  @Post(':id/verification')
  @HttpCode(202)
  @Roles('publisher')
  async resendVerification(@Param('id', idPipe) id: number, @CurrentUser() user: Principal) {
    const s = await this.subscribers.get(id, user);
    if (s.emailStatus !== 'unverified') throw new BadRequestException({ message: `the email address is ${s.emailStatus ?? 'missing'}; nothing to confirm`, field: 'email' });
    return { verification: await this.sendVerification(id) };
  }

  /** Erases the subscriber's personal data (个人信息保护法: deletion on request); send records keep masked addresses. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('publisher')
  async erase(@Param('id', idPipe) id: number, @CurrentUser() user: Principal) {
    await this.subscribers.erase(id, user);
  }

  /** The confirmation mail goes out from the worker through the first email channel. */
  private async sendVerification(subscriberId: number): Promise<'queued' | 'no_email_channel' | 'queue_unavailable'> {
    const channel = this.channels.list().find((c) => isVerificationSender(this.channels.adapter(c.name)));
    if (!channel) return 'no_email_channel';
    try {
      await this.producer.enqueueVerification(channel.name, subscriberId);
      return 'queued';
    } catch (err) {
      this.logger.warn(`subscriber ${subscriberId}: verification mail not queued: ${(err as Error).message}`);
      return 'queue_unavailable';
    }
  }
}

function html(res: Response, status: number, body: string): void {
  res
    .status(status)
    .set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" })
    .send(body);
}
