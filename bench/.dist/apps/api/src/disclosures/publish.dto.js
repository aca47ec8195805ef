var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** 公开目录 metadata of one record (政府信息公开条例 Art. 12 and common practice). */
export class DisclosureMetadataDto {
    indexNo; // 索引号
    docNo; // 文号
    writtenAt; // 成文日期
    summary; // 内容概述
    subject; // 主题分类
    keywords;
    category; // e.g. 规范性文件
    validity; // 有效性
}
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "indexNo", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "docNo", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'writtenAt must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "writtenAt", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(2000),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "summary", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "subject", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    IsString({ each: true }),
    MaxLength(50, { each: true }),
    __metadata("design:type", Array)
], DisclosureMetadataDto.prototype, "keywords", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "category", void 0);
__decorate([
    IsOptional(),
    IsIn(['in_force', 'repealed', 'expired']),
    __metadata("design:type", String)
], DisclosureMetadataDto.prototype, "validity", void 0);
export class PublishDto {
    catalogueItemId;
    title;
    body;
    generatedAt;
    metadata;
    approvalDate;
    noticeEndDate;
    /** Required for 与政策文件同步发布 (with_policy) items: the disclosure of the policy being interpreted. */
    policyDisclosureId;
}
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], PublishDto.prototype, "catalogueItemId", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(300),
    __metadata("design:type", String)
], PublishDto.prototype, "title", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(900_000),
    __metadata("design:type", String)
], PublishDto.prototype, "body", void 0);
__decorate([
    IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00+08:00' }),
    __metadata("design:type", String)
], PublishDto.prototype, "generatedAt", void 0);
__decorate([
    IsOptional(),
    ValidateNested(),
    Type(() => DisclosureMetadataDto),
    __metadata("design:type", DisclosureMetadataDto)
], PublishDto.prototype, "metadata", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], PublishDto.prototype, "approvalDate", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], PublishDto.prototype, "noticeEndDate", void 0);
__decorate([
    IsOptional(),
    IsUUID('all', { message: 'policyDisclosureId must be the UUID of the policy document\'s disclosure' }),
    __metadata("design:type", String)
], PublishDto.prototype, "policyDisclosureId", void 0);
