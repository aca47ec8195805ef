var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DisclosureMetadataDto } from '../disclosures/publish.dto.js';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export class CreateDraftDto {
    catalogueItemId;
    title;
    body;
    generatedAt;
    metadata;
    approvalDate;
    noticeEndDate;
}
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], CreateDraftDto.prototype, "catalogueItemId", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(300),
    __metadata("design:type", String)
], CreateDraftDto.prototype, "title", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(900_000),
    __metadata("design:type", String)
], CreateDraftDto.prototype, "body", void 0);
__decorate([
    IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time' }),
    __metadata("design:type", String)
], CreateDraftDto.prototype, "generatedAt", void 0);
__decorate([
    IsOptional(),
    ValidateNested(),
    Type(() => DisclosureMetadataDto),
    __metadata("design:type", typeof (_a = typeof DisclosureMetadataDto !== "undefined" && DisclosureMetadataDto) === "function" ? _a : Object)
], CreateDraftDto.prototype, "metadata", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' }),
    __metadata("design:type", String)
], CreateDraftDto.prototype, "approvalDate", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' }),
    __metadata("design:type", String)
], CreateDraftDto.prototype, "noticeEndDate", void 0);
export class UpdateDraftDto {
    catalogueItemId;
    title;
    body;
    generatedAt;
    metadata;
    approvalDate;
    noticeEndDate;
}
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], UpdateDraftDto.prototype, "catalogueItemId", void 0);
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(300),
    __metadata("design:type", String)
], UpdateDraftDto.prototype, "title", void 0);
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(900_000),
    __metadata("design:type", String)
], UpdateDraftDto.prototype, "body", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time' }),
    __metadata("design:type", String)
], UpdateDraftDto.prototype, "generatedAt", void 0);
__decorate([
    IsOptional(),
    ValidateNested(),
    Type(() => DisclosureMetadataDto),
    __metadata("design:type", typeof (_b = typeof DisclosureMetadataDto !== "undefined" && DisclosureMetadataDto) === "function" ? _b : Object)
], UpdateDraftDto.prototype, "metadata", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' }),
    __metadata("design:type", String)
], UpdateDraftDto.prototype, "approvalDate", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' }),
    __metadata("design:type", String)
], UpdateDraftDto.prototype, "noticeEndDate", void 0);
export class ReviewChecksDto {
    secrecy; // 保密关
    political; // 政治关
    legal; // 法律关
    wording; // 文字关
}
__decorate([
    IsBoolean(),
    __metadata("design:type", Boolean)
], ReviewChecksDto.prototype, "secrecy", void 0);
__decorate([
    IsBoolean(),
    __metadata("design:type", Boolean)
], ReviewChecksDto.prototype, "political", void 0);
__decorate([
    IsBoolean(),
    __metadata("design:type", Boolean)
], ReviewChecksDto.prototype, "legal", void 0);
__decorate([
    IsBoolean(),
    __metadata("design:type", Boolean)
], ReviewChecksDto.prototype, "wording", void 0);
export class ReviewDto {
    decision;
    checks;
    comments;
}
__decorate([
    IsIn(['approve', 'return']),
    __metadata("design:type", String)
], ReviewDto.prototype, "decision", void 0);
__decorate([
    ValidateNested(),
    Type(() => ReviewChecksDto),
    __metadata("design:type", ReviewChecksDto)
], ReviewDto.prototype, "checks", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(5000),
    __metadata("design:type", String)
], ReviewDto.prototype, "comments", void 0);
export class PublishDraftDto {
    scheduledAt;
}
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' }),
    __metadata("design:type", String)
], PublishDraftDto.prototype, "scheduledAt", void 0);
