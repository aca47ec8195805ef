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
import { entryHash, GENESIS_HASH } from './audit-hash.js';
import { recordFromRow } from './chain/audit-row.js';
/** One lock id for the whole log: appends are serialized so concurrent writers extend one chain. */
const CHAIN_LOCK = 7_310_442_001;
/**
 * Appends to the hash-chained audit log inside the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. Call it last in a transaction: the chain lock is held until commit.
 */
let AuditService = class AuditService {
    db;
    constructor(db) {
        this.db = db;
    }
    async append(m, ...inputs) {
        if (inputs.length === 0)
            return;
        await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
        const [head] = await m.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
        let seq = head ? Number(head.seq) : 0;
        let prev = head?.hash ?? GENESIS_HASH;
        const at = new Date().toISOString();
        const cols = [];
        const rows = [];
        for (const input of inputs) {
            seq += 1;
            const record = {
                seq,
                at,
                actor: input.actor,
                action: input.action,
                disclosureId: input.disclosureId ?? null,
                deliveryId: input.deliveryId ?? null,
                catalogueCode: input.catalogueCode ?? null,
                screenId: input.screenId ?? null,
                departmentCode: input.departmentCode ?? null,
                channel: input.channel ?? null,
                outcome: input.outcome ?? null,
                details: input.details ?? {},
            };
            const hash = entryHash(prev, record);
            const base = cols.length;
            rows.push(`(${Array.from({ length: 14 }, (_, i) => `$${base + i + 1}`).join(',')})`);
            cols.push(seq, at, record.actor, record.action, record.disclosureId, record.deliveryId, record.catalogueCode, record.screenId, record.departmentCode, record.channel, record.outcome, JSON.stringify(record.details), prev, hash);
            prev = hash;
        }
        await m.query(`INSERT INTO audit_log (seq, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code,
        channel, outcome, details, prev_hash, hash) VALUES ${rows.join(',')}`, cols);
    }
    /**
     * Appends outside any other work (login events, exports, settled dispatches …). Concurrent calls share one
     * transaction (group commit): each waits for the one running, and the chain lock and the commit are paid once
     * for all of them instead of once each. Resolves once its entries are committed; if a shared commit fails,
     * each call is retried on its own so a failure stays with the call it belongs to.
     */
    record(...inputs) {
        if (inputs.length === 0)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.waiting.push({ inputs, resolve, reject });
            if (!this.recording)
                void this.recordWaiting();
        });
    }
    waiting = [];
    recording = false;
    async recordWaiting() {
        this.recording = true;
        try {
            while (this.waiting.length) {
                const batch = this.waiting.splice(0, 500);
                try {
                    await this.db.transaction((m) => this.append(m, ...batch.flatMap((b) => b.inputs)));
                    batch.forEach((b) => b.resolve());
                }
                catch (err) {
                    if (batch.length === 1)
                        batch[0].reject(err);
                    else
                        for (const b of batch)
                            await this.db.transaction((m) => this.append(m, ...b.inputs)).then(b.resolve, b.reject);
                }
            }
        }
        finally {
            this.recording = false;
        }
    }
    /**
     * Walks the chain in seq order, one keyset page at a time, so memory stays flat for any log size. Anchored
     * heads (published outside the system) are checked on the way: the stored entry at an anchor's seq must still
     * have the anchored hash, which catches a rewrite that recomputed every hash after the change.
     */
    async verify(opts = {}) {
        const pageSize = opts.pageSize ?? 5000;
        const anchors = new Map();
        for (const a of opts.anchors ?? [])
            anchors.set(a.seq, [...(anchors.get(a.seq) ?? []), a]);
        let prev = GENESIS_HASH;
        let expectedSeq = 1;
        let checked = 0;
        let anchorsChecked = 0;
        let head = null;
        // bigint's minimum: rows a tamperer slipped in before seq 1 are read too, and fail
        let after = '-9223372036854775808';
        const broken = (firstBrokenSeq, reason) => ({ valid: false, checked, firstBrokenSeq, head, reason, anchorsChecked });
        for (;;) {
            const rows = await this.db.query(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, pageSize]);
            if (rows.length === 0)
                break;
            for (const r of rows) {
                const seq = Number(r.seq);
                if (seq < expectedSeq)
                    return broken(seq, `entry ${seq} is not part of the chain (the chain starts at 1)`);
                if (seq > expectedSeq)
                    return broken(expectedSeq, `entry ${expectedSeq} is missing`);
                if (r.prev_hash !== prev)
                    return broken(seq, `entry ${seq} does not link to the entry before it`);
                if (entryHash(prev, recordFromRow(r)) !== r.hash)
                    return broken(seq, `entry ${seq} was changed after it was written`);
                for (const a of anchors.get(seq) ?? []) {
                    anchorsChecked += 1;
                    if (a.hash !== r.hash)
                        return broken(seq, `entry ${seq} does not match the anchored hash${a.source ? ` (${a.source})` : ''}`);
                }
                anchors.delete(seq);
                prev = r.hash;
                head = { seq, hash: r.hash };
                checked += 1;
                expectedSeq += 1;
            }
            after = String(rows[rows.length - 1].seq);
        }
        if (anchors.size > 0) {
            const missing = Math.min(...anchors.keys());
            return broken(expectedSeq, `anchored entry ${missing} is missing: the log ends at ${expectedSeq - 1}`);
        }
        return { valid: true, checked, firstBrokenSeq: null, head, anchorsChecked };
    }
    /** The newest entry: what a daily anchor publishes. */
    async head() {
        const [r] = await this.db.query(`SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1`);
        return r ? { seq: Number(r.seq), hash: r.hash, at: new Date(r.at).toISOString() } : null;
    }
};
AuditService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], AuditService);
export { AuditService };
