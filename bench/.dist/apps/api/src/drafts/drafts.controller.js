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
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { ReviewService } from '../../../../libs/review/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { CreateDraftDto, PublishDraftDto, ReviewDto, UpdateDraftDto } from './draft.dto.js';
class ListDraftsDto {
    status;
}
__decorate([
    IsOptional(),
    IsIn(['draft', 'submitted', 'returned', 'approved', 'scheduled', 'published']),
    __metadata("design:type", String)
], ListDraftsDto.prototype, "status", void 0);
/** 先审后发: editors draft and submit, reviewers approve or return, publishers publish (now or scheduled). */
let DraftsController = class DraftsController {
    review;
    constructor(review) {
        this.review = review;
    }
    create(dto, user) {
        return this.review.create(dto, user);
    }
    list(q, user) {
        return this.review.list(user, q.status).then((items) => ({ items }));
    }
    get(id, user) {
        return this.review.get(id, user);
    }
    update(id, dto, user) {
        return this.review.update(id, dto, user);
    }
    submit(id, user) {
        return this.review.submit(id, user);
    }
    reviewDraft(id, dto, user) {
        return this.review.review(id, { decision: dto.decision, checks: { ...dto.checks }, comments: dto.comments ?? '' }, user);
    }
    publish(id, dto, user) {
        return this.review.publish(id, user, dto.scheduledAt);
    }
};
__decorate([
    Post(),
    Roles('editor', 'publisher'),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_b = typeof CreateDraftDto !== "undefined" && CreateDraftDto) === "function" ? _b : Object, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "create", null);
__decorate([
    Get(),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ListDraftsDto, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "list", null);
__decorate([
    Get(':id'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "get", null);
__decorate([
    Patch(':id'),
    Roles('editor', 'publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_c = typeof UpdateDraftDto !== "undefined" && UpdateDraftDto) === "function" ? _c : Object, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "update", null);
__decorate([
    Post(':id/submit'),
    HttpCode(200),
    Roles('editor', 'publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "submit", null);
__decorate([
    Post(':id/review'),
    HttpCode(200),
    Roles('reviewer'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_d = typeof ReviewDto !== "undefined" && ReviewDto) === "function" ? _d : Object, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "reviewDraft", null);
__decorate([
    Post(':id/publish'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_e = typeof PublishDraftDto !== "undefined" && PublishDraftDto) === "function" ? _e : Object, Object]),
    __metadata("design:returntype", void 0)
], DraftsController.prototype, "publish", null);
DraftsController = __decorate([
    Controller('drafts'),
    __metadata("design:paramtypes", [typeof (_a = typeof ReviewService !== "undefined" && ReviewService) === "function" ? _a : Object])
], DraftsController);
export { DraftsController };
