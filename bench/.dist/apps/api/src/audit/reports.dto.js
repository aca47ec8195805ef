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
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate, ValidatorConstraint } from 'class-validator';
import { realDay } from './audit-query.dto.js';
let RealDay = class RealDay {
    validate(v) {
        return typeof v === 'string' && realDay(v);
    }
    defaultMessage() {
        return '$property is not a real date';
    }
};
RealDay = __decorate([
    ValidatorConstraint({ name: 'realDay' })
], RealDay);
export class ComplianceQueryDto {
    from;
    to;
    department;
    format;
}
__decorate([
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD (Beijing), the first day of the period' }),
    Validate(RealDay),
    __metadata("design:type", String)
], ComplianceQueryDto.prototype, "from", void 0);
__decorate([
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD (Beijing), the last day of the period' }),
    Validate(RealDay),
    __metadata("design:type", String)
], ComplianceQueryDto.prototype, "to", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], ComplianceQueryDto.prototype, "department", void 0);
__decorate([
    IsOptional(),
    IsIn(['json', 'xlsx', 'html'], { message: 'format must be json, xlsx or html' }),
    __metadata("design:type", String)
], ComplianceQueryDto.prototype, "format", void 0);
export class AnnualQueryDto {
    year;
    department;
}
__decorate([
    Type(() => Number),
    IsInt({ message: 'year must be a year like 2026' }),
    Min(2000),
    Max(2100),
    __metadata("design:type", Number)
], AnnualQueryDto.prototype, "year", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], AnnualQueryDto.prototype, "department", void 0);
