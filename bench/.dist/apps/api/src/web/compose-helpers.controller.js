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
var _a, _b, _c, _d;
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { DisclosuresService } from '../../../../libs/dispatch/src/index.js';
import { channelPreview } from './channel-preview.js';
import { nextIndexNo } from './index-number.js';
import { ChannelPreviewDto, IndexNumberQuery } from './preview.dto.js';
/** What the back office's compose page asks before anything is saved or sent. Nothing here changes data. */
let ComposeHelpersController = class ComposeHelpersController {
    disclosures;
    db;
    constructor(disclosures, db) {
        this.disclosures = disclosures;
        this.db = db;
    }
    /** Per-channel renderings of a title and body: the WeChat article, the SMS and Weibo texts, the screen notice. */
    preview(dto) {
        return channelPreview(dto);
    }
    /** The next free 索引号 for the item's department this year; a suggestion the editor may change. */
    async indexNumber(q, _user) {
        const { catalogue } = this.disclosures.resolveItem(q.catalogueItemId);
        return nextIndexNo(this.db, catalogue.department, new Date());
    }
};
__decorate([
    Post('preview'),
    HttpCode(200),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_c = typeof ChannelPreviewDto !== "undefined" && ChannelPreviewDto) === "function" ? _c : Object]),
    __metadata("design:returntype", void 0)
], ComposeHelpersController.prototype, "preview", null);
__decorate([
    Get('index-number'),
    Roles('editor', 'publisher'),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof IndexNumberQuery !== "undefined" && IndexNumberQuery) === "function" ? _d : Object, Object]),
    __metadata("design:returntype", Promise)
], ComposeHelpersController.prototype, "indexNumber", null);
ComposeHelpersController = __decorate([
    Controller('web'),
    __metadata("design:paramtypes", [typeof (_a = typeof DisclosuresService !== "undefined" && DisclosuresService) === "function" ? _a : Object, typeof (_b = typeof DataSource !== "undefined" && DataSource) === "function" ? _b : Object])
], ComposeHelpersController);
export { ComposeHelpersController };
