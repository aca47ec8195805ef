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
var _a, _b, _c, _d, _e;
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { AuthService, CurrentUser, Public } from '../../../../libs/auth/src/index.js';
import { ChangePasswordDto } from './change-password.dto.js';
import { LoginDto } from './login.dto.js';
import { changePassword } from './password-change.js';
let AuthController = class AuthController {
    auth;
    db;
    audit;
    constructor(auth, db, audit) {
        this.auth = auth;
        this.db = db;
        this.audit = audit;
    }
    login(dto, req) {
        return this.auth.login(dto.username, dto.password, req.ip);
    }
    me(user) {
        return user;
    }
    /** Every other session of this user ends; the answer carries a new token so this one goes on. */
    async password(dto, user, req) {
        await changePassword(this.db, this.audit, user, dto.currentPassword, dto.newPassword);
        return this.auth.login(user.username, dto.newPassword, req.ip);
    }
};
__decorate([
    Public(),
    Post('login'),
    HttpCode(200),
    __param(0, Body()),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof LoginDto !== "undefined" && LoginDto) === "function" ? _d : Object, Object]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "login", null);
__decorate([
    Get('me'),
    __param(0, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "me", null);
__decorate([
    Post('password'),
    HttpCode(200),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __param(2, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_e = typeof ChangePasswordDto !== "undefined" && ChangePasswordDto) === "function" ? _e : Object, Object, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "password", null);
AuthController = __decorate([
    Controller('auth'),
    __metadata("design:paramtypes", [typeof (_a = typeof AuthService !== "undefined" && AuthService) === "function" ? _a : Object, typeof (_b = typeof DataSource !== "undefined" && DataSource) === "function" ? _b : Object, typeof (_c = typeof AuditService !== "undefined" && AuditService) === "function" ? _c : Object])
], AuthController);
export { AuthController };
