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
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
export class ListDisclosuresDto {
    status;
    department;
    item;
    channel;
    from;
    to;
    overdue;
    limit;
    cursor;
}
__decorate([
    IsOptional(),
    IsIn(['dispatching', 'delivered', 'partially_delivered', 'failed', 'withdrawn']),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "status", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "department", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "item", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "channel", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "from", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "to", void 0);
__decorate([
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
    __metadata("design:type", Boolean)
], ListDisclosuresDto.prototype, "overdue", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], ListDisclosuresDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ListDisclosuresDto.prototype, "cursor", void 0);
