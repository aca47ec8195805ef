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
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, } from 'class-validator';
export class CreateSubscriberDto {
    name;
    email;
    phone;
    /** item:<catalogue>:<item>, group:<catalogue>:<一级事项 or group number>, catalogue:<catalogue> */
    topics;
    /** evidence of consent (e.g. 纸质登记表 2026-11-20 第12号): the addresses count as verified at once */
    consent;
    departmentCode;
}
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], CreateSubscriberDto.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(254),
    __metadata("design:type", String)
], CreateSubscriberDto.prototype, "email", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(32),
    __metadata("design:type", String)
], CreateSubscriberDto.prototype, "phone", void 0);
__decorate([
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(200),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
    __metadata("design:type", Array)
], CreateSubscriberDto.prototype, "topics", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], CreateSubscriberDto.prototype, "consent", void 0);
__decorate([
    IsOptional(),
    Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'departmentCode must be a department code' }),
    __metadata("design:type", String)
], CreateSubscriberDto.prototype, "departmentCode", void 0);
/** Rows (objects like CreateSubscriberDto) or a CSV text; each row is checked on its own and reported by number. */
export class ImportSubscribersDto {
    rows;
    /** header: name,email,phone,topics,consent (or 姓名,邮箱,手机,订阅,同意凭证); topics separated by ; or | */
    csv;
}
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(5000),
    IsObject({ each: true }),
    __metadata("design:type", Array)
], ImportSubscribersDto.prototype, "rows", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(900_000),
    __metadata("design:type", String)
], ImportSubscribersDto.prototype, "csv", void 0);
export class ListSubscribersQuery {
    q;
    topic;
    after;
    limit;
}
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], ListSubscribersQuery.prototype, "q", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ListSubscribersQuery.prototype, "topic", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    __metadata("design:type", Number)
], ListSubscribersQuery.prototype, "after", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Number)
], ListSubscribersQuery.prototype, "limit", void 0);
export class TopicsDto {
    topics;
}
__decorate([
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(200),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
    __metadata("design:type", Array)
], TopicsDto.prototype, "topics", void 0);
export class ConsentDto {
    consent;
}
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(500),
    __metadata("design:type", String)
], ConsentDto.prototype, "consent", void 0);
export class PushRecipientsQuery {
    status;
    after;
    limit;
}
__decorate([
    IsOptional(),
    IsIn(['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled']),
    __metadata("design:type", String)
], PushRecipientsQuery.prototype, "status", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    __metadata("design:type", Number)
], PushRecipientsQuery.prototype, "after", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(1000),
    __metadata("design:type", Number)
], PushRecipientsQuery.prototype, "limit", void 0);
export class ResolveUnknownDto {
    status;
    subscriberIds;
    /** what was checked, e.g. "QuerySendDetails 2026-11-25: 3 delivered" */
    note;
}
__decorate([
    IsIn(['sent', 'failed']),
    __metadata("design:type", String)
], ResolveUnknownDto.prototype, "status", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(10000),
    IsInt({ each: true }),
    Min(1, { each: true }),
    __metadata("design:type", Array)
], ResolveUnknownDto.prototype, "subscriberIds", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(1000),
    __metadata("design:type", String)
], ResolveUnknownDto.prototype, "note", void 0);
