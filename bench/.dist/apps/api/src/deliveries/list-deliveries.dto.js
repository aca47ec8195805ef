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
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DELIVERY_STATUSES } from '../../../../libs/dispatch/src/index.js';
/** `status` takes one status or several, comma-separated (awaiting_confirmation,unconfirmed). */
export class ListDeliveriesDto {
    status;
    channel;
    department;
    office;
    disclosure;
    limit;
    cursor;
}
__decorate([
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value)),
    IsIn(DELIVERY_STATUSES, { each: true, message: `status must be one or more of ${DELIVERY_STATUSES.join(', ')}, comma-separated` }),
    __metadata("design:type", Array)
], ListDeliveriesDto.prototype, "status", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], ListDeliveriesDto.prototype, "channel", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], ListDeliveriesDto.prototype, "department", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ListDeliveriesDto.prototype, "office", void 0);
__decorate([
    IsOptional(),
    IsUUID('all', { message: 'disclosure must be a UUID' }),
    __metadata("design:type", String)
], ListDeliveriesDto.prototype, "disclosure", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], ListDeliveriesDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ListDeliveriesDto.prototype, "cursor", void 0);
