var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a, _b, _c, _d, _e, _f, _g, _h;
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Public } from '../../../../libs/auth/src/index.js';
import { AckService, FeedService, PresenceService, ScreenAuth, ScreenHub, ScreenRegistry, tokenFrom } from '../../../../libs/screens/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { AckDto, PairDto } from './screen.dto.js';
/** If-None-Match may list several tags and mark them weak; any one equal to ours means unchanged. */
function notModified(header, etag) {
    if (!header)
        return false;
    return header.split(',').some((t) => {
        const tag = t.trim().replace(/^W\//, '');
        return tag === etag || tag === '*';
    });
}
/**
 * What screens call, each with its own token (not a user's): the feed (JSON and Atom), the live event stream, the
 * acknowledgement of what it shows, and the pairing-code exchange. Public to the user guard; the screen token is
 * checked here: a missing, wrong or revoked token is 401, another screen's token 403.
 */
let ScreenFeedController = class ScreenFeedController {
    auth;
    feeds;
    hub;
    acks;
    presence;
    registry;
    constructor(auth, feeds, hub, acks, presence, registry) {
        this.auth = auth;
        this.feeds = feeds;
        this.hub = hub;
        this.acks = acks;
        this.presence = presence;
        this.registry = registry;
    }
    /** The notices to show now. Most polls end in a 304 answered from memory: no query, no body. */
    async feed(id, authorization, req, res) {
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
    async atom(id, authorization, queryToken, req, res) {
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
    async events(id, authorization, lastEventId, queryToken, queryLastEventId, req, res) {
        const screen = await this.auth.authenticate(id, tokenFrom(authorization, queryToken));
        await this.hub.open(screen, req, res, lastEventId ?? (typeof queryLastEventId === 'string' ? queryLastEventId : undefined));
    }
    /** The content version the screen now shows. */
    async ack(id, authorization, dto) {
        const screen = await this.auth.authenticate(id, tokenFrom(authorization));
        return this.acks.ack(screen, dto.version);
    }
    /** Exchanges a one-time pairing code for the screen's token (the kiosk page does this for ?code=…). */
    pair(id, dto) {
        return this.registry.pair(id, dto.code);
    }
};
__decorate([
    Get(':id/feed'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Headers('authorization')),
    __param(2, Req()),
    __param(3, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ScreenFeedController.prototype, "feed", null);
__decorate([
    Get(':id/feed.atom'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Headers('authorization')),
    __param(2, Query('token')),
    __param(3, Req()),
    __param(4, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ScreenFeedController.prototype, "atom", null);
__decorate([
    Get(':id/events'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Headers('authorization')),
    __param(2, Headers('last-event-id')),
    __param(3, Query('token')),
    __param(4, Query('lastEventId')),
    __param(5, Req()),
    __param(6, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object, Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ScreenFeedController.prototype, "events", null);
__decorate([
    Post(':id/ack'),
    HttpCode(200),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Headers('authorization')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, typeof (_g = typeof AckDto !== "undefined" && AckDto) === "function" ? _g : Object]),
    __metadata("design:returntype", Promise)
], ScreenFeedController.prototype, "ack", null);
__decorate([
    Post(':id/pair'),
    HttpCode(200),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_h = typeof PairDto !== "undefined" && PairDto) === "function" ? _h : Object]),
    __metadata("design:returntype", void 0)
], ScreenFeedController.prototype, "pair", null);
ScreenFeedController = __decorate([
    Controller('screens'),
    Public(),
    __metadata("design:paramtypes", [typeof (_a = typeof ScreenAuth !== "undefined" && ScreenAuth) === "function" ? _a : Object, typeof (_b = typeof FeedService !== "undefined" && FeedService) === "function" ? _b : Object, typeof (_c = typeof ScreenHub !== "undefined" && ScreenHub) === "function" ? _c : Object, typeof (_d = typeof AckService !== "undefined" && AckService) === "function" ? _d : Object, typeof (_e = typeof PresenceService !== "undefined" && PresenceService) === "function" ? _e : Object, typeof (_f = typeof ScreenRegistry !== "undefined" && ScreenRegistry) === "function" ? _f : Object])
], ScreenFeedController);
export { ScreenFeedController };
