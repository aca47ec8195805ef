var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a;
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DisclosureMetadataDto } from './publish.dto.js';
export class UpdateDisclosureDto {
    title;
    body;
    metadata;
}
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(300),
    __metadata("design:type", String)
], UpdateDisclosureDto.prototype, "title", void 0);
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(900_000),
    __metadata("design:type", String)
], UpdateDisclosureDto.prototype, "body", void 0);
__decorate([
    IsOptional(),
    ValidateNested(),
    Type(() => DisclosureMetadataDto),
    __metadata("design:type", typeof (_a = typeof DisclosureMetadataDto !== "undefined" && DisclosureMetadataDto) === "function" ? _a : Object)
], UpdateDisclosureDto.prototype, "metadata", void 0);
export class WithdrawDto {
    reason;
}
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(2000),
    __metadata("design:type", String)
], WithdrawDto.prototype, "reason", void 0);
