var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a;
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entryFromRow } from '../chain/audit-row.js';
import { filterSql } from './audit-filter.js';
const SELECT = `SELECT a.*, d.department_code AS disclosure_department FROM audit_log a LEFT JOIN disclosures d ON d.id = a.disclosure_id`;
function listEntry(r) {
    return { ...entryFromRow(r), disclosureDepartment: r.disclosure_department };
}
/** Reading the log: filtered pages for people, and a bounded page-by-page walk for exports. */
let AuditQueryService = class AuditQueryService {
    db;
    constructor(db) {
        this.db = db;
    }
    /** Keyset pagination on seq: a page never shifts when new entries arrive. The cursor is the last seq seen. */
    async list(filter, page) {
        const args = [];
        const where = filterSql(filter, args);
        if (page.cursor !== undefined) {
            args.push(page.cursor);
            where.push(`a.seq ${page.order === 'asc' ? '>' : '<'} $${args.length}`);
        }
        args.push(page.limit + 1);
        const rows = await this.db.query(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.seq ${page.order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${args.length}`, args);
        const items = rows.slice(0, page.limit).map(listEntry);
        return { items, nextCursor: rows.length > page.limit ? String(items[items.length - 1].seq) : null };
    }
    /**
     * Every matching entry in seq order, `pageSize` at a time, up to the head as it was when the walk began:
     * an export is a consistent snapshot and ends even while the log keeps growing (its own entry included).
     */
    async *walk(filter, pageSize = 1_000_000) {
        const [top] = await this.db.query(`SELECT coalesce(max(seq), 0) AS seq FROM audit_log`);
        let after = '0';
        for (;;) {
            const args = [];
            const where = filterSql(filter, args);
            args.push(after);
            where.push(`a.seq > $${args.length}`);
            args.push(top.seq);
            where.push(`a.seq <= $${args.length}`);
            args.push(pageSize);
            const rows = await this.db.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.seq LIMIT $${args.length}`, args);
            if (rows.length === 0)
                return;
            yield rows.map(listEntry);
            if (rows.length < pageSize)
                return;
            after = String(rows[rows.length - 1].seq);
        }
    }
};
AuditQueryService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], AuditQueryService);
export { AuditQueryService };
