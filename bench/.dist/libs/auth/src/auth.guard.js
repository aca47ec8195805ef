var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
/** Global: every route needs a bearer token unless marked @Public(); @Roles() narrows who may call it. */
let AuthGuard = class AuthGuard {
    reflector;
    auth;
    constructor(reflector, auth) {
        this.reflector = reflector;
        this.auth = auth;
    }
    async canActivate(ctx) {
        const targets = [ctx.getHandler(), ctx.getClass()];
        if (this.reflector.getAllAndOverride(PUBLIC_KEY, targets))
            return true;
        const req = ctx.switchToHttp().getRequest();
        const header = req.headers.authorization;
        const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
        if (!token)
            throw new UnauthorizedException('需要登录（缺少 Authorization: Bearer 令牌）');
        req.user = await this.auth.authenticate(token);
        const roles = this.reflector.getAllAndOverride(ROLES_KEY, targets);
        if (roles?.length && !req.user.roles.includes('admin') && !roles.some((r) => req.user.roles.includes(r))) {
            throw new ForbiddenException(`需要以下角色之一：${roles.join(', ')}`);
        }
        return true;
    }
};
AuthGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof Reflector !== "undefined" && Reflector) === "function" ? _a : Object, typeof (_b = typeof AuthService !== "undefined" && AuthService) === "function" ? _b : Object])
], AuthGuard);
export { AuthGuard };
