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
var _a, _b, _c, _d, _e, _f, _g;
import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, Sse } from '@nestjs/common';
import { from, mergeMap } from 'rxjs';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { DisclosuresService } from '../../../../libs/dispatch/src/index.js';
import { DisclosureWatch } from './disclosure-watch.service.js';
import { ListDisclosuresDto } from './list-disclosures.dto.js';
import { PublishDto } from './publish.dto.js';
import { UpdateDisclosureDto, WithdrawDto } from './update.dto.js';
export const uuidPipe = (field) => new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ message: `${field} must be a UUID`, field }) });
let DisclosuresController = class DisclosuresController {
    disclosures;
    watch;
    constructor(disclosures, watch) {
        this.disclosures = disclosures;
        this.watch = watch;
    }
    /**
     * Server-sent events: the whole disclosure with its deliveries each time any of them changes, so the page
     * shows queued → in progress → delivered live. Read it with fetch (it needs the Authorization header).
     */
    async events(id, user) {
        await this.disclosures.getOrThrow(id, user);
        return this.watch.watch(id).pipe(mergeMap(() => from(this.disclosures.getOrThrow(id, user).then((d) => ({ data: d, type: 'disclosure' })))));
    }
    /** Publish once. 201 with the new disclosure; a repeated Idempotency-Key returns the first one with 200. */
    async publish(dto, key, user, res) {
        if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
            throw new BadRequestException({ message: 'Idempotency-Key must be 1-200 visible ASCII characters', field: 'Idempotency-Key' });
        }
        const { disclosure, created } = await this.disclosures.publish(dto, user, key);
        res.status(created ? 201 : 200);
        return disclosure;
    }
    list(q, user) {
        return this.disclosures.list({ status: q.status, departmentCode: q.department, catalogueItemId: q.item, channel: q.channel, from: q.from, to: q.to, overdue: q.overdue, limit: q.limit ?? 50, cursor: q.cursor }, user);
    }
    get(id, user) {
        return this.disclosures.getOrThrow(id, user);
    }
    /** Changes title, body or metadata and propagates the change to every channel that can take it. */
    update(id, dto, user) {
        if (dto.title === undefined && dto.body === undefined && dto.metadata === undefined) {
            throw new BadRequestException({ message: 'nothing to change: give title, body or metadata', field: 'body' });
        }
        return this.disclosures.update(id, dto, user);
    }
    withdraw(id, dto, user) {
        return this.disclosures.withdraw(id, dto.reason, user);
    }
};
__decorate([
    Sse(':id/events'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", typeof (_c = typeof Promise !== "undefined" && Promise) === "function" ? _c : Object)
], DisclosuresController.prototype, "events", null);
__decorate([
    Post(),
    Roles('publisher'),
    __param(0, Body()),
    __param(1, Headers('idempotency-key')),
    __param(2, CurrentUser()),
    __param(3, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof PublishDto !== "undefined" && PublishDto) === "function" ? _d : Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], DisclosuresController.prototype, "publish", null);
__decorate([
    Get(),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_e = typeof ListDisclosuresDto !== "undefined" && ListDisclosuresDto) === "function" ? _e : Object, Object]),
    __metadata("design:returntype", void 0)
], DisclosuresController.prototype, "list", null);
__decorate([
    Get(':id'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], DisclosuresController.prototype, "get", null);
__decorate([
    Patch(':id'),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_f = typeof UpdateDisclosureDto !== "undefined" && UpdateDisclosureDto) === "function" ? _f : Object, Object]),
    __metadata("design:returntype", void 0)
], DisclosuresController.prototype, "update", null);
__decorate([
    Post(':id/withdraw'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_g = typeof WithdrawDto !== "undefined" && WithdrawDto) === "function" ? _g : Object, Object]),
    __metadata("design:returntype", void 0)
], DisclosuresController.prototype, "withdraw", null);
DisclosuresController = __decorate([
    Controller('disclosures'),
    __metadata("design:paramtypes", [typeof (_a = typeof DisclosuresService !== "undefined" && DisclosuresService) === "function" ? _a : Object, typeof (_b = typeof DisclosureWatch !== "undefined" && DisclosureWatch) === "function" ? _b : Object])
], DisclosuresController);
export { DisclosuresController };
