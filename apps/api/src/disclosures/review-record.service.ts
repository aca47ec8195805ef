import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import type { Principal } from '../../../../libs/auth/src/index.js';
import { CalendarService, type TimeLimit } from '../../../../libs/calendar/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
import { canSee, ConflictError, DisclosuresService, ForbiddenError, NotFoundError, ValidationError, type DisclosureView } from '../../../../libs/dispatch/src/index.js';

// A review a few minutes "in the future" is clock skew between the reviewer's machine and ours, not a typo.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * 审核后公开 (after_review): the deadline starts when the reviewing office has reviewed the item, which is only
 * known later. Recording the review sets the disclosure's due date once; until then it waits (GET /api/overdue).
 */
@Injectable()
export class ReviewRecordService {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly disclosures: DisclosuresService,
  ) {}

  async record(id: string, reviewedAtText: string, user: Principal, now = new Date()): Promise<DisclosureView> {
    const reviewedAt = new Date(reviewedAtText);
    if (reviewedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new ValidationError('reviewedAt', '审核时间不能晚于当前时间');
    await this.db.transaction(async (m) => {
      const [d] = await m.query(`SELECT * FROM disclosures WHERE id = $1 FOR UPDATE`, [id]);
      if (!d || !canSee(user, d.department_code)) throw new NotFoundError(`disclosure ${id} not found`);
      if (!user.roles.includes('admin') && user.departmentCode !== d.department_code) {
        throw new ForbiddenError(`disclosure belongs to department ${d.department_code}; you may record reviews only for your department`);
      }
      const limit = d.metadata?.timeLimit as TimeLimit | undefined;
      if (limit?.kind !== 'after_review') throw new ConflictError(`该公开记录的公开时限不是“审核后公开”(${limit?.kind ?? 'unknown'})，无需登记审核`);
      if (d.metadata.reviewedAt) throw new ConflictError(`该公开记录已于 ${d.metadata.reviewedAt} 登记审核`);
      if (d.status === 'withdrawn') throw new ConflictError('该公开记录已撤回');
      const generatedAt = new Date(d.generated_at);
      if (reviewedAt.getTime() < generatedAt.getTime()) throw new ValidationError('reviewedAt', '审核时间不能早于信息生成时间');
      const due = this.calendar.computeDue(limit, { generatedAt, reviewedAt });
      await m.query(
        `UPDATE disclosures SET due_at = $2, due_provisional = $3, metadata = metadata || $4::jsonb, updated_at = now() WHERE id = $1`,
        [id, due.dueAt, due.provisional, JSON.stringify({ reviewedAt: reviewedAt.toISOString(), reviewedBy: user.username })],
      );
      // 政策解读 (with_policy) published while this policy still waited for its review took no deadline: the
      // policy's deadline is theirs, so they get it now — in the same transaction, each with its own entry
      const interpretations = returning(await m.query(
        `UPDATE disclosures SET due_at = $2, due_provisional = $3, updated_at = now()
         WHERE metadata->>'policyDisclosureId' = $1 AND due_at IS NULL AND status <> 'withdrawn' RETURNING id, department_code`,
        [id, due.dueAt, due.provisional],
      ));
      // deliveries made before the review counted as on time against no deadline; judge them (the policy's and its
      // interpretations', which share its deadline) against the real one
      await m.query(`UPDATE deliveries SET on_time = (delivered_at <= $2) WHERE disclosure_id = ANY($1::uuid[]) AND delivered_at IS NOT NULL`, [
        [id, ...interpretations.map((i) => i.id as string)], due.dueAt,
      ]);
      await this.audit.append(
        m,
        {
          actor: `user:${user.username}`, action: 'disclosure.review_recorded', disclosureId: id, departmentCode: d.department_code, outcome: 'ok',
          details: { reviewedAt: reviewedAt.toISOString(), dueAt: due.dueAt?.toISOString() ?? null, provisional: due.provisional },
        },
        ...interpretations.map((i) => ({
          actor: `user:${user.username}`, action: 'disclosure.due_set', disclosureId: i.id, departmentCode: i.department_code, outcome: 'ok',
          details: { reason: 'policy_reviewed', policyDisclosureId: id, dueAt: due.dueAt?.toISOString() ?? null, provisional: due.provisional },
        })),
      );
    });
    return (await this.disclosures.get(id))!;
  }
}
