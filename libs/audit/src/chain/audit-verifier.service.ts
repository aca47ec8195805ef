import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAnchorsService, type AuditAnchor } from '../anchors/audit-anchors.service.js';
import { AuditService, type AuditAnchorRef, type VerifyResult } from '../audit.service.js';

export interface VerificationRecord extends Omit<VerifyResult, 'unsealed'> {
  /** entries not sealed yet when the run ended; known for a run just made (the stored runs do not keep it) */
  unsealed?: number;
  id: number;
  trigger: 'scheduled' | 'api';
  actor: string;
  startedAt: string;
  finishedAt: string;
}

export const SCHEDULER_ACTOR = 'system:audit-scheduler';

/**
 * Verification as an event: every run is stored (the last result is what monitoring reads) and logged in the
 * chain itself; a break is an alert — an error line for the log collector and an `audit.verify_failed` entry.
 */
@Injectable()
export class AuditVerifier {
  private readonly logger = new Logger(AuditVerifier.name);

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly anchors: AuditAnchorsService,
  ) {}

  /** Walks the chain against every stored anchor plus `extra` (an anchor someone holds outside the system). */
  async run(trigger: 'scheduled' | 'api', actor: string, extra: AuditAnchorRef[] = []): Promise<VerificationRecord> {
    const startedAt = new Date();
    const result = await this.audit.verify({ anchors: [...(await this.anchors.refs()), ...extra] });
    const [row] = await this.db.query(
      `INSERT INTO audit_verifications (started_at, trigger, actor, valid, checked, first_broken_seq, head_seq, head_hash, anchors_checked, reason)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id, finished_at`,
      [startedAt, trigger, actor, result.valid, result.checked, result.firstBrokenSeq, result.head?.seq ?? null, result.head?.hash ?? null,
        result.anchorsChecked, result.reason ?? null],
    );
    const details = { verificationId: Number(row.id), trigger, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, head: result.head,
      anchorsChecked: result.anchorsChecked, unsealed: result.unsealed, externalAnchors: extra.map((a) => ({ seq: a.seq, hash: a.hash })), reason: result.reason ?? null };
    if (result.valid) {
      await this.audit.record({ actor, action: 'audit.verified', outcome: 'valid', details });
    } else {
      this.logger.error(`audit chain broken at seq ${result.firstBrokenSeq}: ${result.reason} (verification ${row.id}, ${trigger})`);
      await this.audit.record({ actor, action: 'audit.verify_failed', outcome: 'broken', details });
      // the back office's inbox too: a log line alone reaches nobody in an office without a log collector. No
      // department: the whole deployment's record is in question, so admins and auditors (who see all) get it.
      await this.db.query(
        `INSERT INTO notifications (kind, severity, title, message, data) VALUES ('audit.verify_failed', 'critical', $1, $2, $3)`,
        [
          `审计日志校验未通过：第 ${result.firstBrokenSeq} 条起记录不可信`,
          `${trigger === 'scheduled' ? '每日定时' : '人工发起的'}校验发现审计日志自第 ${result.firstBrokenSeq} 条起与哈希链不符（${result.reason ?? '原因未知'}）。请立即保全数据库并联系系统管理员核查。`,
          JSON.stringify(details),
        ],
      );
    }
    return { ...result, id: Number(row.id), trigger, actor, startedAt: startedAt.toISOString(), finishedAt: new Date(row.finished_at).toISOString() };
  }

  async last(): Promise<VerificationRecord | null> {
    const [r] = await this.db.query(`SELECT * FROM audit_verifications ORDER BY id DESC LIMIT 1`);
    if (!r) return null;
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
  async daily(): Promise<{ verification: VerificationRecord; anchor: AuditAnchor | null }> {
    const verification = await this.run('scheduled', SCHEDULER_ACTOR);
    const anchor = verification.valid ? await this.anchors.exportHead('scheduled', SCHEDULER_ACTOR) : null;
    return { verification, anchor };
  }
}
