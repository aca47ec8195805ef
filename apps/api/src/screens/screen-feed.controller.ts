import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../../../libs/auth/src/index.js';
import { AckService, FeedService, PresenceService, ScreenAuth, ScreenHub, ScreenRegistry, tokenFrom } from '../../../../libs/screens/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { notModified } from './not-modified.js';
import { AckDto, PairDto } from './screen.dto.js';

/**
 * What screens call, each with its own token (not a user's): the feed (JSON and Atom), the live event stream, the
 * acknowledgement of what it shows, and the pairing-code exchange. Public to the user guard; the screen token is
 * checked here: a missing, wrong or revoked token is 401, another screen's token 403.
 */
@Controller('screens')
@Public()
export class ScreenFeedController {
  constructor(
    private readonly auth: ScreenAuth,
    private readonly feeds: FeedService,
    private readonly hub: ScreenHub,
    private readonly acks: AckService,
    private readonly presence: PresenceService,
    private readonly registry: ScreenRegistry,
  ) {}

  /** The notices to show now. Most polls end in a 304 answered from memory: no query, no body. */
  @Get(':id/feed')
  async feed(@Param('id', uuidPipe('id')) id: string, @Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res() res: Response) {
    const screen = await this.auth.authenticate(id, tokenFrom(authorization));
    this.presence.seen(id);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization');
    const etag = this.feeds.currentEtag(screen.group);
    if (notModified(req.headers['if-none-match'], etag)) {
      res.setHeader('ETag', etag);
      res.status(304).end();
      return;
    }
    const f = await this.feeds.feed(screen.group);
    res.setHeader('ETag', this.feeds.etag(screen.group, f.version));
    res.type('application/json; charset=utf-8').send(this.feeds.json(screen, f));
  }

  /** The same feed as Atom, for vendor controllers that read feeds (token as bearer or ?token=). */
  @Get(':id/feed.atom')
  async atom(
    @Param('id', uuidPipe('id')) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Query('token') queryToken: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const screen = await this.auth.authenticate(id, tokenFrom(authorization, queryToken));
    this.presence.seen(id);
    res.setHeader('Cache-Control', 'private, no-cache');
    const etag = this.feeds.currentEtag(screen.group, 'atom');
    if (notModified(req.headers['if-none-match'], etag)) {
      res.setHeader('ETag', etag);
      res.status(304).end();
      return;
    }
    const f = await this.feeds.feed(screen.group);
    res.setHeader('ETag', this.feeds.etag(screen.group, f.version, 'atom'));
    res.type('application/atom+xml; charset=utf-8').send(this.feeds.atom(screen, f));
  }

  /**
   * Server-sent events: `notice` (new or changed, with the item), `withdrawn`, `expired` (with the notice id), `reset`
   * (fetch the feed again) and `ready`. EventSource cannot set headers, so ?token= is accepted here.
   */
  @Get(':id/events')
  async events(
    @Param('id', uuidPipe('id')) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('token') queryToken: unknown,
    @Query('lastEventId') queryLastEventId: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const screen = await this.auth.authenticate(id, tokenFrom(authorization, queryToken));
    await this.hub.open(screen, req, res, lastEventId ?? (typeof queryLastEventId === 'string' ? queryLastEventId : undefined));
  }

  /** The content version the screen now shows. */
  @Post(':id/ack')
  @HttpCode(200)
  async ack(@Param('id', uuidPipe('id')) id: string, @Headers('authorization') authorization: string | undefined, @Body() dto: AckDto) {
    const screen = await this.auth.authenticate(id, tokenFrom(authorization));
    return this.acks.ack(screen, dto.version);
  }

  /** Exchanges a one-time pairing code for the screen's token (the kiosk page does this for ?code=…). */
  @Post(':id/pair')
  @HttpCode(200)
  pair(@Param('id', uuidPipe('id')) id: string, @Body() dto: PairDto) {
    return this.registry.pair(id, dto.code);
  }
}
