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
import { PushRecordsService } from '../../../../libs/subscribers/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { PushRecipientsQuery, ResolveUnknownDto } from './subscriber.dto.js';
/** The per-recipient records of an email or SMS delivery, and what a person decides about unknown outcomes. */
let PushRecordsController = class PushRecordsController {
    records;
    constructor(records) {
        this.records = records;
    }
    list(id, q) {
        return this.records.list(id, { status: q.status, after: q.after, limit: q.limit ?? 100 });
    }
    /**
     * After checking the gateway (QuerySendDetails) or the mail server's log: `sent` closes an unknown recipient,
     * `failed` lets a retry of the delivery send to it.
     */
    resolve(id, dto, user) {
        return this.records.resolveUnknown(id, dto, user);
    }
};
__decorate([
    Get(':id/recipients'),
    Roles('publisher', 'auditor'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_b = typeof PushRecipientsQuery !== "undefined" && PushRecipientsQuery) === "function" ? _b : Object]),
    __metadata("design:returntype", void 0)
], PushRecordsController.prototype, "list", null);
__decorate([
    Post(':id/resolve'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_c = typeof ResolveUnknownDto !== "undefined" && ResolveUnknownDto) === "function" ? _c : Object, Object]),
    __metadata("design:returntype", void 0)
], PushRecordsController.prototype, "resolve", null);
PushRecordsController = __decorate([
    Controller('push/deliveries'),
    __metadata("design:paramtypes", [typeof (_a = typeof PushRecordsService !== "undefined" && PushRecordsService) === "function" ? _a : Object])
], PushRecordsController);
export { PushRecordsController };
