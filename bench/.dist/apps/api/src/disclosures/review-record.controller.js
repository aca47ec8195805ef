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
var _a, _b;
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { uuidPipe } from './disclosures.controller.js';
import { ReviewRecordDto } from './review-record.dto.js';
import { ReviewRecordService } from './review-record.service.js';
let ReviewRecordController = class ReviewRecordController {
    reviews;
    constructor(reviews) {
        this.reviews = reviews;
    }
    /** A reviewer records that the review of an 审核后公开 item is done; the legal due date is computed from it. */
    record(id, dto, user) {
        return this.reviews.record(id, dto.reviewedAt, user);
    }
};
__decorate([
    Post(':id/review-record'),
    HttpCode(200),
    Roles('reviewer'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_b = typeof ReviewRecordDto !== "undefined" && ReviewRecordDto) === "function" ? _b : Object, Object]),
    __metadata("design:returntype", void 0)
], ReviewRecordController.prototype, "record", null);
ReviewRecordController = __decorate([
    Controller('disclosures'),
    __metadata("design:paramtypes", [typeof (_a = typeof ReviewRecordService !== "undefined" && ReviewRecordService) === "function" ? _a : Object])
], ReviewRecordController);
export { ReviewRecordController };
