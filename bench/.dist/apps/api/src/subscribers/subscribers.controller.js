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
var SubscribersController_1;
var _a, _b, _c, _d, _e, _f, _g, _h;
import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Logger, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { CurrentUser, Public, Roles } from '../../../../libs/auth/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { isVerificationSender, PushProducer, SubscribersService } from '../../../../libs/subscribers/src/index.js';
import { rowsFromCsv, rowsFromJson } from './import-rows.js';
import { invalidLinkPage, unsubscribeConfirmPage, unsubscribedPage, verifiedPage, verifyConfirmPage } from './subscriber-pages.js';
import { ConsentDto, CreateSubscriberDto, ImportSubscribersDto, ListSubscribersQuery, TopicsDto } from './subscriber.dto.js';
const idPipe = new ParseIntPipe({ exceptionFactory: () => new BadRequestException({ message: 'id must be a subscriber id (a positive integer)', field: 'id' }) });
/**
 * Subscribers of targeted push. Staff add or import them (publisher role); subscribers themselves only ever
 * follow links from their mail: confirm an address, unsubscribe in one click (RFC 8058). Those two routes are
 * public and answer zh-CN pages.
 */
let SubscribersController = SubscribersController_1 = class SubscribersController {
    subscribers;
    channels;
    producer;
    logger = new Logger(SubscribersController_1.name);
    constructor(subscribers, channels, producer) {
        this.subscribers = subscribers;
        this.channels = channels;
        this.producer = producer;
    }
    async unsubscribePage(token, res) {
        const found = await this.subscribers.unsubscribePreview(token);
        if (!found)
            return void html(res, 404, invalidLinkPage('unsubscribe'));
        html(res, 200, found.unsubscribed ? unsubscribedPage(found.email, true) : unsubscribeConfirmPage(String(token), found.email));
    }
    /** RFC 8058 one-click: the POST itself unsubscribes, with no login and no further question. */
    async unsubscribe(token, res) {
        const done = await this.subscribers.unsubscribe(token);
        if (!done)
            return void html(res, 404, invalidLinkPage('unsubscribe'));
        html(res, 200, unsubscribedPage(done.email, done.already));
    }
    async verifyPage(token, res) {
        const found = await this.subscribers.verificationPreview(token);
        if (!found)
            return void html(res, 404, invalidLinkPage('verify'));
        html(res, 200, verifyConfirmPage(String(token), found.email, found.verified));
    }
    async verify(token, res) {
        const done = await this.subscribers.verifyEmail(token);
        if (!done)
            return void html(res, 404, invalidLinkPage('verify'));
        html(res, 200, verifiedPage(done.email));
    }
    async create(dto, user) {
        const r = await this.subscribers.create(dto, user);
        const verification = r.needsEmailVerification ? await this.sendVerification(r.view.id) : 'not_needed';
        return { ...r.view, verification };
    }
    async import(dto, user) {
        let rows;
        if (dto.csv !== undefined && dto.rows !== undefined)
            throw new BadRequestException({ message: 'give either rows or csv, not both', field: 'csv' });
        if (dto.csv !== undefined) {
            try {
                rows = rowsFromCsv(dto.csv);
            }
            catch (err) {
                throw new BadRequestException({ message: `csv: ${err.message}`, field: 'csv' });
            }
        }
        else if (dto.rows !== undefined) {
            rows = rowsFromJson(dto.rows);
        }
        else {
            throw new BadRequestException({ message: 'rows or csv is required', field: 'rows' });
        }
        if (rows.length === 0)
            throw new BadRequestException({ message: 'nothing to import', field: dto.csv !== undefined ? 'csv' : 'rows' });
        const result = await this.subscribers.import(rows, user);
        let queued = 0;
        for (const id of result.needsEmailVerification)
            if ((await this.sendVerification(id)) === 'queued')
                queued++;
        return { created: result.created, updated: result.updated, rejected: result.problems, verificationMailsQueued: queued };
    }
    list(q, user) {
        return this.subscribers.list(user, { q: q.q, topic: q.topic, after: q.after, limit: q.limit ?? 50 });
    }
    get(id, user) {
        return this.subscribers.get(id, user);
    }
    setTopics(id, dto, user) {
        return this.subscribers.setTopics(id, dto.topics, user);
    }
    /** Staff record consent evidence (a paper form, a service-hall sign-up): needed for phone numbers. */
    consent(id, dto, user) {
        return this.subscribers.recordConsent(id, dto.consent, user);
    }
    async resendVerification(id, user) {
        const s = await this.subscribers.get(id, user);
        if (s.emailStatus !== 'unverified')
            throw new BadRequestException({ message: `the email address is ${s.emailStatus ?? 'missing'}; nothing to confirm`, field: 'email' });
        return { verification: await this.sendVerification(id) };
    }
    /** Erases the subscriber's personal data (个人信息保护法: deletion on request); send records keep masked addresses. */
    async erase(id, user) {
        await this.subscribers.erase(id, user);
    }
    /** The confirmation mail goes out from the worker through the first email channel. */
    async sendVerification(subscriberId) {
        const channel = this.channels.list().find((c) => isVerificationSender(this.channels.adapter(c.name)));
        if (!channel)
            return 'no_email_channel';
        try {
            await this.producer.enqueueVerification(channel.name, subscriberId);
            return 'queued';
        }
        catch (err) {
            this.logger.warn(`subscriber ${subscriberId}: verification mail not queued: ${err.message}`);
            return 'queue_unavailable';
        }
    }
};
__decorate([
    Get('unsubscribe'),
    Public(),
    __param(0, Query('token')),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "unsubscribePage", null);
__decorate([
    Post('unsubscribe'),
    Public(),
    __param(0, Query('token')),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "unsubscribe", null);
__decorate([
    Get('verify'),
    Public(),
    __param(0, Query('token')),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "verifyPage", null);
__decorate([
    Post('verify'),
    Public(),
    __param(0, Query('token')),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "verify", null);
__decorate([
    Post(),
    Roles('publisher'),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof CreateSubscriberDto !== "undefined" && CreateSubscriberDto) === "function" ? _d : Object, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "create", null);
__decorate([
    Post('import'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_e = typeof ImportSubscribersDto !== "undefined" && ImportSubscribersDto) === "function" ? _e : Object, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "import", null);
__decorate([
    Get(),
    Roles('publisher', 'auditor'),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_f = typeof ListSubscribersQuery !== "undefined" && ListSubscribersQuery) === "function" ? _f : Object, Object]),
    __metadata("design:returntype", void 0)
], SubscribersController.prototype, "list", null);
__decorate([
    Get(':id'),
    Roles('publisher', 'auditor'),
    __param(0, Param('id', idPipe)),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, Object]),
    __metadata("design:returntype", void 0)
], SubscribersController.prototype, "get", null);
__decorate([
    Put(':id/topics'),
    Roles('publisher'),
    __param(0, Param('id', idPipe)),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, typeof (_g = typeof TopicsDto !== "undefined" && TopicsDto) === "function" ? _g : Object, Object]),
    __metadata("design:returntype", void 0)
], SubscribersController.prototype, "setTopics", null);
__decorate([
    Post(':id/consent'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Param('id', idPipe)),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, typeof (_h = typeof ConsentDto !== "undefined" && ConsentDto) === "function" ? _h : Object, Object]),
    __metadata("design:returntype", void 0)
], SubscribersController.prototype, "consent", null);
__decorate([
    Post(':id/verification'),
    HttpCode(202),
    Roles('publisher'),
    __param(0, Param('id', idPipe)),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "resendVerification", null);
__decorate([
    Delete(':id'),
    HttpCode(204),
    Roles('publisher'),
    __param(0, Param('id', idPipe)),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, Object]),
    __metadata("design:returntype", Promise)
], SubscribersController.prototype, "erase", null);
SubscribersController = SubscribersController_1 = __decorate([
    Controller('subscribers'),
    __metadata("design:paramtypes", [typeof (_a = typeof SubscribersService !== "undefined" && SubscribersService) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof PushProducer !== "undefined" && PushProducer) === "function" ? _c : Object])
], SubscribersController);
export { SubscribersController };
function html(res, status, body) {
    res
        .status(status)
        .set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" })
        .send(body);
}
