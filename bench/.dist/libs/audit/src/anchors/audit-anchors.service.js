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
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit.service.js';
import { anchorText } from './anchor-text.js';
function anchorView(r) {
    return {
        id: Number(r.id),
        seq: Number(r.seq),
        hash: r.hash,
        entryAt: new Date(r.entry_at).toISOString(),
        createdAt: new Date(r.created_at).toISOString(),
        source: r.source,
        createdBy: r.created_by,
        text: r.text,
    };
}
/**
 * Heads of the chain recorded for anchoring outside the system. The stored copy lets verification check every
 * past anchor; the published copy is what protects against someone who can also rewrite this table.
 */
let AuditAnchorsService = class AuditAnchorsService {
    db;
    audit;
    constructor(db, audit) {
        this.db = db;
        this.audit = audit;
    }
    /** Records the current head and logs that it did. Null when the log is still empty. */
    async exportHead(source, actor) {
        const head = await this.audit.head();
        if (!head)
            return null;
        const createdAt = new Date().toISOString();
        const text = anchorText({ seq: head.seq, hash: head.hash, entryAt: head.at, createdAt });
        const anchor = await this.db.transaction(async (m) => {
            const [row] = await m.query(`INSERT INTO audit_anchors (seq, hash, entry_at, created_at, source, created_by, text) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`, [head.seq, head.hash, head.at, createdAt, source, actor, text]);
            await this.audit.append(m, {
                actor, action: 'audit.head_exported', outcome: 'ok', details: { anchorId: Number(row.id), seq: head.seq, hash: head.hash, source },
            });
            return anchorView(row);
        });
        return anchor;
    }
    async list(limit, before) {
        const rows = await this.db.query(`SELECT * FROM audit_anchors ${before !== undefined ? 'WHERE id < $2' : ''} ORDER BY id DESC LIMIT $1`, before !== undefined ? [limit + 1, before] : [limit + 1]);
        const items = rows.slice(0, limit).map(anchorView);
        return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
    }
    async latest() {
        const [row] = await this.db.query(`SELECT * FROM audit_anchors ORDER BY id DESC LIMIT 1`);
        return row ? anchorView(row) : null;
    }
    /** Every stored anchor, for verification. A few hundred a year: small enough to hold. */
    async refs() {
        const rows = await this.db.query(`SELECT id, seq, hash FROM audit_anchors ORDER BY seq`);
        return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, source: `stored anchor ${r.id}` }));
    }
};
AuditAnchorsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object])
], AuditAnchorsService);
export { AuditAnchorsService };
