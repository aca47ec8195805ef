var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b, _c, _d;
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { CalendarService } from '../../../../libs/calendar/src/index.js';
import { canSee, ConflictError, DisclosuresService, ForbiddenError, NotFoundError, ValidationError } from '../../../../libs/dispatch/src/index.js';
// A review a few minutes "in the future" is clock skew between the reviewer's machine and ours, not a typo.
const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * 审核后公开 (after_review): the deadline starts when the reviewing office has reviewed the item, which is only
 * known later. Recording the review sets the disclosure's due date once; until then it waits (GET /api/overdue).
 */
let ReviewRecordService = class ReviewRecordService {
    db;
    calendar;
    audit;
    disclosures;
    constructor(db, calendar, audit, disclosures) {
        this.db = db;
        this.calendar = calendar;
        this.audit = audit;
        this.disclosures = disclosures;
    }
    async record(id, reviewedAtText, user, now = new Date()) {
        const reviewedAt = new Date(reviewedAtText);
        if (reviewedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
            throw new ValidationError('reviewedAt', '审核时间不能晚于当前时间');
        await this.db.transaction(async (m) => {
            const [d] = await m.query(`SELECT * FROM disclosures WHERE id = $1 FOR UPDATE`, [id]);
            if (!d || !canSee(user, d.department_code))
                throw new NotFoundError(`disclosure ${id} not found`);
            if (!user.roles.includes('admin') && user.departmentCode !== d.department_code) {
                throw new ForbiddenError(`disclosure belongs to department ${d.department_code}; you may record reviews only for your department`);
            }
            const limit = d.metadata?.timeLimit;
            if (limit?.kind !== 'after_review')
                throw new ConflictError(`该公开记录的公开时限不是“审核后公开”(${limit?.kind ?? 'unknown'})，无需登记审核`);
            if (d.metadata.reviewedAt)
                throw new ConflictError(`该公开记录已于 ${d.metadata.reviewedAt} 登记审核`);
            if (d.status === 'withdrawn')
                throw new ConflictError('该公开记录已撤回');
            const generatedAt = new Date(d.generated_at);
            if (reviewedAt.getTime() < generatedAt.getTime())
                throw new ValidationError('reviewedAt', '审核时间不能早于信息生成时间');
            const due = this.calendar.computeDue(limit, { generatedAt, reviewedAt });
            await m.query(`UPDATE disclosures SET due_at = $2, due_provisional = $3, metadata = metadata || $4::jsonb, updated_at = now() WHERE id = $1`, [id, due.dueAt, due.provisional, JSON.stringify({ reviewedAt: reviewedAt.toISOString(), reviewedBy: user.username })]);
            // deliveries made before the review counted as on time against no deadline; judge them against the real one
            await m.query(`UPDATE deliveries SET on_time = (delivered_at <= $2) WHERE disclosure_id = $1 AND delivered_at IS NOT NULL`, [id, due.dueAt]);
            await this.audit.append(m, {
                actor: `user:${user.username}`, action: 'disclosure.review_recorded', disclosureId: id, departmentCode: d.department_code, outcome: 'ok',
                details: { reviewedAt: reviewedAt.toISOString(), dueAt: due.dueAt?.toISOString() ?? null, provisional: due.provisional },
            });
        });
        return (await this.disclosures.get(id));
    }
};
ReviewRecordService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof CalendarService !== "undefined" && CalendarService) === "function" ? _b : Object, typeof (_c = typeof AuditService !== "undefined" && AuditService) === "function" ? _c : Object, typeof (_d = typeof DisclosuresService !== "undefined" && DisclosuresService) === "function" ? _d : Object])
], ReviewRecordService);
export { ReviewRecordService };
