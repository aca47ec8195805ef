var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var AuthService_1;
var _a, _b, _c, _d;
import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../../audit/src/index.js';
import { LoginThrottle } from './login-throttle.service.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
let AuthService = AuthService_1 = class AuthService {
    db;
    jwt;
    audit;
    throttle;
    logger = new Logger(AuthService_1.name);
    constructor(db, jwt, audit, throttle) {
        this.db = db;
        this.jwt = jwt;
        this.audit = audit;
        this.throttle = throttle;
    }
    async login(username, password, ip) {
        await this.throttle.check(username, ip);
        const [row] = await this.db.query(`SELECT * FROM users WHERE username = $1`, [username]);
        const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
        if (!row || !ok || row.disabled) {
            await this.throttle.failed(username, ip);
            await this.audit.record({ actor: `user:${username}`, action: 'auth.login_failed', outcome: 'failed', details: { ip } });
            throw new UnauthorizedException('用户名或密码错误');
        }
        const claims = { sub: row.id, username: row.username, roles: row.roles, dept: row.department_code, tv: row.token_version };
        await this.throttle.succeeded(username);
        const accessToken = await this.jwt.signAsync(claims);
        const decoded = this.jwt.decode(accessToken);
        await this.audit.record({ actor: `user:${username}`, action: 'auth.login', outcome: 'ok', departmentCode: row.department_code, details: { ip } });
        return {
            accessToken,
            expiresIn: decoded.exp - decoded.iat,
            user: { id: row.id, username: row.username, roles: row.roles, departmentCode: row.department_code },
        };
    }
    /** Checks signature and expiry, then that the user still exists, is enabled and has not revoked the token. */
    async authenticate(token) {
        let claims;
        try {
            claims = await this.jwt.verifyAsync(token);
        }
        catch {
            throw new UnauthorizedException('登录已失效，请重新登录');
        }
        const [row] = await this.db.query(`SELECT id, username, roles, department_code, disabled, token_version FROM users WHERE id = $1`, [claims.sub]);
        if (!row || row.disabled || row.token_version !== claims.tv)
            throw new UnauthorizedException('登录已失效，请重新登录');
        return { kind: 'user', id: row.id, username: row.username, roles: row.roles, departmentCode: row.department_code };
    }
    async createUser(input) {
        const [row] = await this.db.query(`INSERT INTO users (username, display_name, password_hash, roles, department_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [input.username, input.displayName ?? input.username, await hashPassword(input.password), input.roles, input.departmentCode ?? null]);
        return row.id;
    }
    /**
     * Local mode's first start: an admin with BOOTSTRAP_ADMIN_PASSWORD, or a generated password printed once.
     * Does nothing when any user exists, so a restart never resets a password.
     */
    async ensureBootstrapAdmin(password) {
        const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM users`);
        if (count > 0)
            return;
        const chosen = password ?? randomBytes(12).toString('base64url');
        try {
            await this.createUser({ username: 'admin', password: chosen, roles: ['admin'], displayName: '系统管理员' });
        }
        catch (err) {
            if (err.code === '23505')
                return; // another process created it first
            throw err;
        }
        await this.audit.record({ actor: 'system:bootstrap', action: 'user.created', outcome: 'ok', details: { username: 'admin', roles: ['admin'] } });
        if (!password)
            this.logger.warn(`created user "admin" with generated password: ${chosen} (shown once; change it after logging in)`);
        else
            this.logger.log('created user "admin" with the password from BOOTSTRAP_ADMIN_PASSWORD');
    }
};
AuthService = AuthService_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof JwtService !== "undefined" && JwtService) === "function" ? _b : Object, typeof (_c = typeof AuditService !== "undefined" && AuditService) === "function" ? _c : Object, typeof (_d = typeof LoginThrottle !== "undefined" && LoginThrottle) === "function" ? _d : Object])
], AuthService);
export { AuthService };
