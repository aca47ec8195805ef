var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var AuditVerifier_1;
var _a, _b, _c;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAnchorsService } from '../anchors/audit-anchors.service.js';
import { AuditService } from '../audit.service.js';
export const SCHEDULER_ACTOR = 'system:audit-scheduler';
/**
 * Verification as an event: every run is stored (the last result is what monitoring reads) and logged in the
 * chain itself; a break is an alert — an error line for the log collector and an `audit.verify_failed` entry.
 */
let AuditVerifier = AuditVerifier_1 = class AuditVerifier {
    db;
    audit;
    anchors;
    logger = new Logger(AuditVerifier_1.name);
    constructor(db, audit, anchors) {
        this.db = db;
        this.audit = audit;
        this.anchors = anchors;
    }
    /** Walks the chain against every stored anchor plus `extra` (an anchor someone holds outside the system). */
    async run(trigger, actor, extra = []) {
        const startedAt = new Date();
        const result = await this.audit.verify({ anchors: [...(await this.anchors.refs()), ...extra] });
        const [row] = await this.db.query(`INSERT INTO audit_verifications (started_at, trigger, actor, valid, checked, first_broken_seq, head_seq, head_hash, anchors_checked, reason)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id, finished_at`, [startedAt, trigger, actor, result.valid, result.checked, result.firstBrokenSeq, result.head?.seq ?? null, result.head?.hash ?? null,
            result.anchorsChecked, result.reason ?? null]);
        const details = { verificationId: Number(row.id), trigger, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, head: result.head,
            anchorsChecked: result.anchorsChecked, externalAnchors: extra.map((a) => ({ seq: a.seq, hash: a.hash })), reason: result.reason ?? null };
        if (result.valid) {
            await this.audit.record({ actor, action: 'audit.verified', outcome: 'valid', details });
        }
        else {
            this.logger.error(`audit chain broken at seq ${result.firstBrokenSeq}: ${result.reason} (verification ${row.id}, ${trigger})`);
            await this.audit.record({ actor, action: 'audit.verify_failed', outcome: 'broken', details });
        }
        return { ...result, id: Number(row.id), trigger, actor, startedAt: startedAt.toISOString(), finishedAt: new Date(row.finished_at).toISOString() };
    }
    async last() {
        const [r] = await this.db.query(`SELECT * FROM audit_verifications ORDER BY id DESC LIMIT 1`);
        if (!r)
            return null;
        return {
            id: Number(r.id),
            trigger: r.trigger,
            actor: r.actor,
            startedAt: new Date(r.started_at).toISOString(),
            finishedAt: new Date(r.finished_at).toISOString(),
            valid: r.valid,
            checked: Number(r.checked),
            firstBrokenSeq: r.first_broken_seq === null ? null : Number(r.first_broken_seq),
            head: r.head_seq === null ? null : { seq: Number(r.head_seq), hash: r.head_hash },
            anchorsChecked: r.anchors_checked,
            ...(r.reason ? { reason: r.reason } : {}),
        };
    }
    /**
     * The daily job: verify, then anchor the head — only a head that verified, so a published anchor never
     * vouches for a log that was already broken.
     */
    async daily() {
        const verification = await this.run('scheduled', SCHEDULER_ACTOR);
        const anchor = verification.valid ? await this.anchors.exportHead('scheduled', SCHEDULER_ACTOR) : null;
        return { verification, anchor };
    }
};
AuditVerifier = AuditVerifier_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object, typeof (_c = typeof AuditAnchorsService !== "undefined" && AuditAnchorsService) === "function" ? _c : Object])
], AuditVerifier);
export { AuditVerifier };
