var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { beijingDayStart, nextDay } from '../../../../libs/audit/src/index.js';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** The filters GET /api/audit and its exports share. */
export class AuditFilterDto {
    from;
    to;
    actor;
    action;
    department;
    disclosure;
    channel;
    outcome;
}
__decorate([
    IsOptional(),
    Matches(DAY_OR_INSTANT, { message: 'from must be a date (YYYY-MM-DD, Beijing) or an ISO 8601 instant with offset' }),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "from", void 0);
__decorate([
    IsOptional(),
    Matches(DAY_OR_INSTANT, { message: 'to must be a date (YYYY-MM-DD, Beijing, inclusive) or an ISO 8601 instant with offset (exclusive)' }),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "to", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "actor", void 0);
__decorate([
    IsOptional(),
    Matches(/^[a-z][a-z_]*(\.[a-z_]+)*(\.\*)?$/, { message: 'action must be an action name like delivery.attempt, or a prefix like delivery.*' }),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "action", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "department", void 0);
__decorate([
    IsOptional(),
    IsUUID('all', { message: 'disclosure must be a UUID' }),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "disclosure", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "channel", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], AuditFilterDto.prototype, "outcome", void 0);
export class ListAuditDto extends AuditFilterDto {
    limit;
    cursor;
    order;
}
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Number)
], ListAuditDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor a previous page returned' }),
    __metadata("design:type", String)
], ListAuditDto.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    IsIn(['asc', 'desc']),
    __metadata("design:type", String)
], ListAuditDto.prototype, "order", void 0);
export class ExportAuditDto extends AuditFilterDto {
    format;
}
__decorate([
    IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' }),
    __metadata("design:type", String)
], ExportAuditDto.prototype, "format", void 0);
export class VerifyAuditDto {
    anchorSeq;
    anchorHash;
}
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], VerifyAuditDto.prototype, "anchorSeq", void 0);
__decorate([
    IsOptional(),
    Matches(/^[0-9a-f]{64}$/, { message: 'anchorHash must be 64 lowercase hex characters (a SHA-256)' }),
    __metadata("design:type", String)
], VerifyAuditDto.prototype, "anchorHash", void 0);
export class ListAnchorsDto {
    limit;
    cursor;
}
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Number)
], ListAnchorsDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor a previous page returned' }),
    __metadata("design:type", String)
], ListAnchorsDto.prototype, "cursor", void 0);
const bad = (field, message) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message, field });
/** A Beijing date means that whole day: `from` its start, `to` the end of it. An instant is taken as given. */
export function toInstant(v, field, end) {
    const d = DAY.test(v) ? beijingDayStart(end ? nextDay(v) : v) : new Date(v);
    if (Number.isNaN(d.getTime()) || !realDay(v))
        throw bad(field, `${field} is not a real date`);
    return d;
}
export function toFilter(q) {
    const from = q.from ? toInstant(q.from, 'from', false) : undefined;
    const to = q.to ? toInstant(q.to, 'to', true) : undefined;
    if (from && to && from >= to)
        throw bad('to', 'to must be after from');
    return { from, to, actor: q.actor, action: q.action, department: q.department, disclosure: q.disclosure, channel: q.channel, outcome: q.outcome };
}
/** 2026-02-30 matches the pattern but is not a day. */
export function realDay(v) {
    const day = v.slice(0, 10);
    const d = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
export { bad as badParam };
