import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
import { FreshnessService, type FreshnessEntry } from '../../../../libs/freshness/src/index.js';
import { OfficeDirectory } from '../overdue/office-directory.js';
import { OfficeMailer } from '../overdue/office-mailer.js';
import { MAX_EMAIL_ATTEMPTS, RECLAIM_AFTER } from '../overdue/overdue-monitor.service.js';
import { freshnessSummary, freshnessText, freshnessTitle, type FreshnessLevel } from './freshness-message.js';

const ACTOR = 'system:freshness-monitor';

export interface FreshnessSweepResult {
  asOf: string;
  raised: { targetType: string; target: string; level: FreshnessLevel; daysLeft: number }[];
  emailed: number;
  emailFailed: number;
}

/**
 * Runs with each overdue sweep. A column or account inside its warning days gets a warning, and one past its limit
 * an escalation: each at most once per last update (freshness_alerts' primary key includes the update it is
 * about, so a new update starts afresh), as a notification, an audit entry and an e-mail. The warning goes to the
 * office responsible; the escalation also to the department's default address (its 政务公开 office). Empty
 * columns are listed, not mailed: they have no update to count from, and the compliance report counts them.
 */
@Injectable()
export class FreshnessMonitor {
  private readonly logger = new Logger(FreshnessMonitor.name);

  constructor(
    private readonly db: DataSource,
    private readonly freshness: FreshnessService,
    private readonly audit: AuditService,
    private readonly offices: OfficeDirectory,
    private readonly mailer: OfficeMailer,
  ) {}

  async sweep(now: Date = new Date()): Promise<FreshnessSweepResult> {
    const { columns, accounts } = await this.freshness.overview(now);
    const raised: FreshnessSweepResult['raised'] = [];
    for (const e of [...columns, ...accounts]) {
      if ((e.state !== 'warning' && e.state !== 'overdue') || !e.lastUpdateAt || e.daysLeft === null) continue;
      if (await this.record(e, e.state, now)) raised.push({ targetType: e.targetType, target: e.target, level: e.state, daysLeft: e.daysLeft });
    }
    const mail = await this.sendPendingEmails();
    if (raised.length || mail.sent || mail.failed) {
      this.logger.log(`freshness sweep as of ${now.toISOString()}: ${raised.length} alerts raised, ${mail.sent} e-mails sent, ${mail.failed} failed`);
    }
    return { asOf: now.toISOString(), raised, emailed: mail.sent, emailFailed: mail.failed };
  }

  private recipientsFor(e: FreshnessEntry, level: FreshnessLevel): string[] {
    if (e.targetType === 'account') return this.offices.accountRecipients(e.target);
    const own = this.offices.recipients(e.departmentCode ?? '', e.office);
    return level === 'overdue' ? [...new Set([...own, ...this.offices.departmentDefault(e.departmentCode ?? '')])] : own;
  }

  private async record(e: FreshnessEntry, level: FreshnessLevel, now: Date): Promise<boolean> {
    const to = this.recipientsFor(e, level);
    const emailStatus = to.length === 0 ? 'no_recipient' : this.mailer.configured ? 'pending' : 'not_configured';
    return this.db.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO freshness_alerts (target_type, target, level, cycle, due_date, days_left, as_of, department_code, office, email_to, email_status, facts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING target`,
        [e.targetType, e.target, level, e.lastUpdateAt, e.dueDate, e.daysLeft, now, e.departmentCode, e.office, to, emailStatus, JSON.stringify(e)],
      );
      if (inserted.length === 0) return false; // raised before, by this worker or another
      const data = {
        targetType: e.targetType, target: e.target, kind: e.rule.kind, limitDays: e.rule.limitDays, lastUpdateAt: e.lastUpdateAt,
        dueDate: e.dueDate, daysLeft: e.daysLeft, emailTo: to, emailStatus,
      };
      await m.query(
        `INSERT INTO notifications (kind, severity, department_code, office, title, message, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [`freshness.${level}`, level === 'overdue' ? 'critical' : 'warning', e.departmentCode, e.office, freshnessTitle(level, e), freshnessSummary(level, e), JSON.stringify(data)],
      );
      await this.audit.append(m, {
        actor: ACTOR, action: `freshness.${level}`, departmentCode: e.departmentCode, outcome: 'notified',
        catalogueCode: e.targetType === 'column' ? e.target.split(':')[0] : null, channel: e.targetType === 'account' ? e.target : null,
        details: { ...data, asOf: now.toISOString(), office: e.office },
      });
      return true;
    });
  }

  /** Claim-then-send, as deadline alerts do: `sending` keeps two workers apart; failures retry up to the limit. */
  private async sendPendingEmails(): Promise<{ sent: number; failed: number }> {
    if (!this.mailer.configured) return { sent: 0, failed: 0 };
    const claimed = returning(await this.db.query(
      `UPDATE freshness_alerts a SET email_status = 'sending', email_claimed_at = now(), email_attempts = a.email_attempts + 1
       FROM (SELECT target_type, target, cycle, level FROM freshness_alerts
             WHERE (email_status IN ('pending','failed') AND email_attempts < $1)
                OR (email_status = 'sending' AND email_claimed_at < now() - $2::interval AND email_attempts < $1)
             ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED) c
       WHERE a.target_type = c.target_type AND a.target = c.target AND a.cycle = c.cycle AND a.level = c.level
       RETURNING a.*`,
      [MAX_EMAIL_ATTEMPTS, RECLAIM_AFTER],
    )) as { target_type: string; target: string; cycle: Date; level: FreshnessLevel; email_to: string[]; email_attempts: number; facts: FreshnessEntry }[];
    let sent = 0;
    let failed = 0;
    for (const a of claimed) {
      const key = [a.target_type, a.target, a.cycle, a.level];
      try {
        const messageId = await this.mailer.send({ to: a.email_to, subject: freshnessTitle(a.level, a.facts), text: freshnessText(a.level, a.facts) });
        await this.db.query(
          `UPDATE freshness_alerts SET email_status = 'sent', email_sent_at = now(), email_message_id = $5, email_error = NULL
           WHERE target_type = $1 AND target = $2 AND cycle = $3 AND level = $4`,
          [...key, messageId],
        );
        sent++;
      } catch (err) {
        await this.db.query(
          `UPDATE freshness_alerts SET email_status = 'failed', email_error = $5 WHERE target_type = $1 AND target = $2 AND cycle = $3 AND level = $4`,
          [...key, String((err as Error)?.message ?? err).slice(0, 2000)],
        );
        this.logger.warn(`freshness ${a.level} e-mail for ${a.target_type} ${a.target} (attempt ${a.email_attempts}): ${(err as Error).message}`);
        failed++;
      }
    }
    return { sent, failed };
  }
}
