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
import { Body, ConflictException, Controller, Get, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { CreateDepartmentDto } from './create-department.dto.js';
/**
 * The publishing bodies of this deployment. Each owns its catalogues and its users; a user publishes only the
 * items of their own department's catalogues, an admin those of all.
 */
let DepartmentsController = class DepartmentsController {
    db;
    audit;
    constructor(db, audit) {
        this.db = db;
        this.audit = audit;
    }
    async list() {
        const rows = await this.db.query(`SELECT d.code, d.name, d.created_at,
         (SELECT count(*)::int FROM users u WHERE u.department_code = d.code) AS users,
         COALESCE((SELECT array_agg(DISTINCT cv.catalogue_code ORDER BY cv.catalogue_code) FROM catalogue_versions cv WHERE cv.department_code = d.code), '{}') AS catalogues
       FROM departments d ORDER BY d.code`);
        return {
            items: rows.map((r) => ({ code: r.code, name: r.name, createdAt: r.created_at, users: r.users, catalogues: r.catalogues })),
        };
    }
    async create(dto, admin) {
        const created = await this.db.transaction(async (m) => {
            const rows = await m.query(`INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code, name, created_at`, [dto.code, dto.name]);
            if (rows.length === 0)
                return undefined;
            await this.audit.append(m, { actor: `user:${admin.username}`, action: 'department.created', departmentCode: dto.code, outcome: 'ok', details: { name: dto.name } });
            return rows[0];
        });
        if (!created)
            throw new ConflictException({ message: `code: 部门 ${dto.code} 已存在`, field: 'code' });
        return { code: created.code, name: created.name, createdAt: created.created_at, users: 0, catalogues: [] };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], DepartmentsController.prototype, "list", null);
__decorate([
    Post(),
    __param(0, Body()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_c = typeof CreateDepartmentDto !== "undefined" && CreateDepartmentDto) === "function" ? _c : Object, Object]),
    __metadata("design:returntype", Promise)
], DepartmentsController.prototype, "create", null);
DepartmentsController = __decorate([
    Controller('departments'),
    Roles('admin'),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object])
], DepartmentsController);
export { DepartmentsController };
