var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { IsISO8601 } from 'class-validator';
export class ReviewRecordDto {
    /** When the reviewing office (e.g. 市本级督查室) completed its review. */
    reviewedAt;
}
__decorate([
    IsISO8601({ strict: true }, { message: 'reviewedAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00+08:00' }),
    __metadata("design:type", String)
], ReviewRecordDto.prototype, "reviewedAt", void 0);
