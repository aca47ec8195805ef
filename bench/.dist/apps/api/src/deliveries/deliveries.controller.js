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
var _a, _b, _c;
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { DeliveriesService } from '../../../../libs/dispatch/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { ConfirmDto } from './confirm.dto.js';
import { ListDeliveriesDto } from './list-deliveries.dto.js';
let DeliveriesController = class DeliveriesController {
    deliveries;
    constructor(deliveries) {
        this.deliveries = deliveries;
    }
    /** The manual-task inbox and other cross-disclosure views: GET /api/deliveries?channel=manual&status=awaiting_confirmation */
    list(q, user) {
        return this.deliveries.list({ status: q.status, channel: q.channel, department: q.department, office: q.office, disclosure: q.disclosure, limit: q.limit ?? 50, cursor: q.cursor }, user);
    }
    get(id, user) {
        return this.deliveries.get(id, user);
    }
    retry(id, user) {
        return this.deliveries.retry(id, user);
    }
    confirm(id, dto, user) {
        return this.deliveries.confirm(id, dto, user);
    }
};
__decorate([
    Get(),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_b = typeof ListDeliveriesDto !== "undefined" && ListDeliveriesDto) === "function" ? _b : Object, Object]),
    __metadata("design:returntype", void 0)
], DeliveriesController.prototype, "list", null);
__decorate([
    Get(':id'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], DeliveriesController.prototype, "get", null);
__decorate([
    Post(':id/retry'),
    HttpCode(202),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], DeliveriesController.prototype, "retry", null);
__decorate([
    Post(':id/confirm'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_c = typeof ConfirmDto !== "undefined" && ConfirmDto) === "function" ? _c : Object, Object]),
    __metadata("design:returntype", void 0)
], DeliveriesController.prototype, "confirm", null);
DeliveriesController = __decorate([
    Controller('deliveries'),
    __metadata("design:paramtypes", [typeof (_a = typeof DeliveriesService !== "undefined" && DeliveriesService) === "function" ? _a : Object])
], DeliveriesController);
export { DeliveriesController };
