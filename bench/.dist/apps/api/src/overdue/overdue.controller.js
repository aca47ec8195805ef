var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a;
import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser } from '../../../../libs/auth/src/index.js';
import { OverdueReport } from './overdue-report.service.js';
export class OverdueQuery {
    state;
    department;
}
__decorate([
    IsOptional(),
    IsIn(['overdue', 'at_risk', 'waiting'], { message: 'state must be overdue, at_risk or waiting' }),
    __metadata("design:type", Object)
], OverdueQuery.prototype, "state", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], OverdueQuery.prototype, "department", void 0);
/** 逾期与临期：what is late, what is due within the warning lead, and what still waits for its deadline's input. */
let OverdueController = class OverdueController {
    report;
    constructor(report) {
        this.report = report;
    }
    list(q, user) {
        return this.report.list(user, { department: q.department, state: q.state });
    }
};
__decorate([
    Get(),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [OverdueQuery, Object]),
    __metadata("design:returntype", void 0)
], OverdueController.prototype, "list", null);
OverdueController = __decorate([
    Controller('overdue'),
    __metadata("design:paramtypes", [typeof (_a = typeof OverdueReport !== "undefined" && OverdueReport) === "function" ? _a : Object])
], OverdueController);
export { OverdueController };
