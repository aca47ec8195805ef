var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const flag = ({ value }) => (value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : value);
export class ExportQuery {
    format;
    version;
}
__decorate([
    IsOptional(),
    IsIn(['xlsx', 'csv'], { message: 'format must be xlsx or csv' }),
    __metadata("design:type", String)
], ExportQuery.prototype, "format", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], ExportQuery.prototype, "version", void 0);
export class ImportQuery {
    /** 1: make a new catalogue (name and department required) instead of a new version of an existing one. */
    create;
    name;
    department;
    publisher;
    /** 1: check the file and report, store nothing. */
    dryRun;
}
__decorate([
    IsOptional(),
    Transform(flag),
    IsIn([true, false], { message: 'create must be 1 or 0' }),
    __metadata("design:type", Boolean)
], ImportQuery.prototype, "create", void 0);
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], ImportQuery.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'department must be a department code (lower-case letters, digits, dashes)' }),
    __metadata("design:type", String)
], ImportQuery.prototype, "department", void 0);
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], ImportQuery.prototype, "publisher", void 0);
__decorate([
    IsOptional(),
    Transform(flag),
    IsIn([true, false], { message: 'dryRun must be 1 or 0' }),
    __metadata("design:type", Boolean)
], ImportQuery.prototype, "dryRun", void 0);
export class PreviewQuery {
    generatedAt;
    approvalDate;
    noticeEndDate;
    policyDisclosureId;
    reviewedAt;
}
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00+08:00' }),
    __metadata("design:type", String)
], PreviewQuery.prototype, "generatedAt", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], PreviewQuery.prototype, "approvalDate", void 0);
__decorate([
    IsOptional(),
    Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], PreviewQuery.prototype, "noticeEndDate", void 0);
__decorate([
    IsOptional(),
    IsUUID('all', { message: 'policyDisclosureId must be a UUID' }),
    __metadata("design:type", String)
], PreviewQuery.prototype, "policyDisclosureId", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'reviewedAt must be an ISO 8601 date-time' }),
    __metadata("design:type", String)
], PreviewQuery.prototype, "reviewedAt", void 0);
