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
import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { AuthService, CurrentUser, hashPassword, Roles } from '../../../../libs/auth/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { CreateUserDto, UpdateUserDto } from './create-user.dto.js';
let UsersController = class UsersController {
    auth;
    db;
    audit;
    constructor(auth, db, audit) {
        this.auth = auth;
        this.db = db;
        this.audit = audit;
    }
    async list() {
        const rows = await this.db.query(`SELECT id, username, display_name, roles, department_code, disabled, created_at FROM users ORDER BY username`);
        return { items: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, roles: r.roles, departmentCode: r.department_code, disabled: r.disabled, createdAt: r.created_at })) };
    }
    async create(dto, admin) {
        if (dto.departmentCode) {
            const [dept] = await this.db.query(`SELECT 1 FROM departments WHERE code = $1`, [dto.departmentCode]);
            if (!dept)
                throw new BadRequestException({ message: `departmentCode: no department "${dto.departmentCode}"`, field: 'departmentCode' });
        }
        let id;
        try {
            id = await this.auth.createUser(dto);
        }
        catch (err) {
            if (err.code === '23505')
                throw new ConflictException({ message: `username: "${dto.username}" is taken`, field: 'username' });
            throw err;
        }
        await this.audit.record({ actor: `user:${admin.username}`, action: 'user.created', departmentCode: dto.departmentCode ?? null, outcome: 'ok', details: { username: dto.username, roles: dto.roles } });
        return { id, username: dto.username, roles: dto.roles, departmentCode: dto.departmentCode ?? null };
    }
    /**
     * Changes roles, department, name, password or the disabled flag. Any change that affects what the user may do
     * bumps token_version, so every token issued before stops working at once.
     */
    async update(id, dto, admin) {
        if (dto.departmentCode) {
            const [dept] = await this.db.query(`SELECT 1 FROM departments WHERE code = $1`, [dto.departmentCode]);
            if (!dept)
                throw new BadRequestException({ message: `departmentCode: no department "${dto.departmentCode}"`, field: 'departmentCode' });
        }
        const revoke = dto.roles !== undefined || dto.departmentCode !== undefined || dto.disabled !== undefined || dto.password !== undefined;
        const [row] = returning(await this.db.query(`UPDATE users SET roles = COALESCE($2, roles), department_code = COALESCE($3, department_code), display_name = COALESCE($4, display_name),
         disabled = COALESCE($5, disabled), password_hash = COALESCE($6, password_hash),
         token_version = token_version + CASE WHEN $7 THEN 1 ELSE 0 END, updated_at = now()
       WHERE id = $1 RETURNING id, username, roles, department_code, disabled`, [id, dto.roles ?? null, dto.departmentCode ?? null, dto.displayName ?? null, dto.disabled ?? null, dto.password ? await hashPassword(dto.password) : null, revoke]));
        if (!row)
            throw new NotFoundException(`user ${id} not found`);
        await this.audit.record({
            actor: `user:${admin.username}`, action: 'user.updated', departmentCode: row.department_code, outcome: 'ok',
            details: { username: row.username, changed: Object.keys(dto).filter((k) => k !== 'password').concat(dto.password ? ['password'] : []), sessionsRevoked: revoke },
        });
        return { id: row.id, username: row.username, roles: row.roles, departmentCode: row.department_code, disabled: row.disabled };
    }
    /** Ends every session of the user (a lost laptop, a leaked token) without changing anything else. */
    async revokeSessions(id, admin) {
        const [row] = returning(await this.db.query(`UPDATE users SET token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING username`, [id]));
        if (!row)
            throw new NotFoundException(`user ${id} not found`);
        await this.audit.record({ actor: `user:${admin.username}`, action: 'user.sessions_revoked', outcome: 'ok', details: { username: row.username } });
        return { revoked: true };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "list", null);
__decorate([
    Post(),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof CreateUserDto !== "undefined" && CreateUserDto) === "function" ? _d : Object, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "create", null);
__decorate([
    Patch(':id'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Body()),
    __param(2, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_e = typeof UpdateUserDto !== "undefined" && UpdateUserDto) === "function" ? _e : Object, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "update", null);
__decorate([
    Post(':id/revoke-sessions'),
    HttpCode(200),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "revokeSessions", null);
UsersController = __decorate([
    Controller('users'),
    Roles('admin'),
    __metadata("design:paramtypes", [typeof (_a = typeof AuthService !== "undefined" && AuthService) === "function" ? _a : Object, typeof (_b = typeof DataSource !== "undefined" && DataSource) === "function" ? _b : Object, typeof (_c = typeof AuditService !== "undefined" && AuditService) === "function" ? _c : Object])
], UsersController);
export { UsersController };
