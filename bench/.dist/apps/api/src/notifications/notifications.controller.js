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
import { Controller, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentUser } from '../../../../libs/auth/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
export class NotificationsQuery {
    unread;
    limit;
    /** ids below this one: the next page */
    before;
}
__decorate([
    IsOptional(),
    Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value)),
    IsBoolean(),
    __metadata("design:type", Boolean)
], NotificationsQuery.prototype, "unread", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], NotificationsQuery.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], NotificationsQuery.prototype, "before", void 0);
/** The back office's inbox: deadline warnings and overdue notices (and whatever else writes to notifications). */
let NotificationsController = class NotificationsController {
    db;
    constructor(db) {
        this.db = db;
    }
    async list(q, user) {
        const args = [];
        const where = [];
        if (!seesAll(user)) {
            args.push(user.departmentCode ?? '');
            where.push(`department_code = $${args.length}`);
        }
        if (q.unread)
            where.push('read_at IS NULL');
        if (q.before) {
            args.push(q.before);
            where.push(`id < $${args.length}`);
        }
        const limit = q.limit ?? 50;
        args.push(limit + 1);
        const rows = await this.db.query(`SELECT * FROM notifications ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${args.length}`, args);
        const page = rows.slice(0, limit);
        return { items: page.map(view), nextBefore: rows.length > limit ? Number(page[page.length - 1].id) : null };
    }
    async read(id, user) {
        const args = [id, user.username];
        const scope = seesAll(user) ? '' : `AND department_code = $3`;
        if (!seesAll(user))
            args.push(user.departmentCode ?? '');
        const [row] = returning(await this.db.query(`UPDATE notifications SET read_at = COALESCE(read_at, now()), read_by = COALESCE(read_by, $2) WHERE id = $1 ${scope} RETURNING *`, args));
        if (!row)
            throw new NotFoundException({ message: `notification ${id} not found`, field: 'id' });
        return view(row);
    }
};
__decorate([
    Get(),
    __param(0, Query()),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [NotificationsQuery, Object]),
    __metadata("design:returntype", Promise)
], NotificationsController.prototype, "list", null);
__decorate([
    Post(':id/read'),
    HttpCode(200),
    __param(0, Param('id', ParseIntPipe)),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, Object]),
    __metadata("design:returntype", Promise)
], NotificationsController.prototype, "read", null);
NotificationsController = __decorate([
    Controller('notifications'),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], NotificationsController);
export { NotificationsController };
function seesAll(user) {
    return user.roles.includes('admin') || user.roles.includes('auditor');
}
function view(r) {
    return {
        id: Number(r.id), kind: r.kind, severity: r.severity, departmentCode: r.department_code, disclosureId: r.disclosure_id, office: r.office,
        title: r.title, message: r.message, data: r.data, createdAt: new Date(r.created_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null, readBy: r.read_by,
    };
}
