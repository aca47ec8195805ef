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
var _a, _b, _c, _d, _e;
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { ScreenGroupsService, ScreenRegistry } from '../../../../libs/screens/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { CreateScreenDto, ListScreensDto, UpdateScreenDto } from './screen.dto.js';
const kioskUrl = (id, token) => `/screens/${id}?token=${encodeURIComponent(token)}`;
/** The screen registry: admins register screens and manage their tokens; auditors and publishers see their health. */
let ScreensAdminController = class ScreensAdminController {
    registry;
    constructor(registry) {
        this.registry = registry;
    }
    /** Registers a screen. The token is shown once here (stored hashed): put it in the kiosk URL or the vendor's controller. */
    async create(dto, user) {
        const { screen, token } = await this.registry.create(dto, `user:${user.username}`);
        return { ...screen, token, kioskUrl: kioskUrl(screen.id, token) };
    }
    async list(q) {
        return { items: await this.registry.list({ group: q.group }) };
    }
    update(id, dto, user) {
        return this.registry.update(id, dto, `user:${user.username}`);
    }
    /** A new token; the old one stops working at once. Also brings a revoked screen back. */
    async rotate(id, user) {
        const { screen, token } = await this.registry.rotate(id, `user:${user.username}`);
        return { ...screen, token, kioskUrl: kioskUrl(screen.id, token) };
    }
    revoke(id, user) {
        return this.registry.revoke(id, `user:${user.username}`);
    }
    /** A one-time 8-digit code (10 minutes) to open the kiosk page without typing a token: /screens/:id?code=… */
    async pairingCode(id, user) {
        const p = await this.registry.issuePairingCode(id, `user:${user.username}`);
        return { ...p, pairingUrl: `/screens/${id}?code=${p.code}` };
    }
};
__decorate([
    Post(),
    Roles('admin'),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_b = typeof CreateScreenDto !== "undefined" && CreateScreenDto) === "function" ? _b : Object, Object]),
    __metadata("design:returntype", Promise)
], ScreensAdminController.prototype, "create", null);
__decorate([
    Get(),
    Roles('auditor', 'publisher'),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_c = typeof ListScreensDto !== "undefined" && ListScreensDto) === "function" ? _c : Object]),
    __metadata("design:returntype", Promise)
], ScreensAdminController.prototype, "list", null);
__decorate([
    Patch(':id'),
    Roles('admin'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_d = typeof UpdateScreenDto !== "undefined" && UpdateScreenDto) === "function" ? _d : Object, Object]),
    __metadata("design:returntype", void 0)
], ScreensAdminController.prototype, "update", null);
__decorate([
    Post(':id/token'),
    HttpCode(200),
    Roles('admin'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], ScreensAdminController.prototype, "rotate", null);
__decorate([
    Post(':id/revoke'),
    HttpCode(200),
    Roles('admin'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], ScreensAdminController.prototype, "revoke", null);
__decorate([
    Post(':id/pairing-code'),
    Roles('admin'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], ScreensAdminController.prototype, "pairingCode", null);
ScreensAdminController = __decorate([
    Controller('screens'),
    __metadata("design:paramtypes", [typeof (_a = typeof ScreenRegistry !== "undefined" && ScreenRegistry) === "function" ? _a : Object])
], ScreensAdminController);
export { ScreensAdminController };
/** The screen groups config/channels.yaml defines, and the carrier each shows. */
let ScreenGroupsController = class ScreenGroupsController {
    groups;
    constructor(groups) {
        this.groups = groups;
    }
    list() {
        return { items: this.groups.list() };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], ScreenGroupsController.prototype, "list", null);
ScreenGroupsController = __decorate([
    Controller('screen-groups'),
    __metadata("design:paramtypes", [typeof (_e = typeof ScreenGroupsService !== "undefined" && ScreenGroupsService) === "function" ? _e : Object])
], ScreenGroupsController);
export { ScreenGroupsController };
