import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { CalendarService, type TimeLimit } from '../../../../libs/calendar/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
import { alertSummary, alertText, alertTitle, type AlertFacts, type AlertLevel } from './alert-message.js';
import { OfficeDirectory } from './office-directory.js';
import { OfficeMailer } from './office-mailer.js';

const ACTOR = 'system:overdue-monitor';
/** A failing mail server is retried on later sweeps, up to this many attempts per alert. */
export const MAX_EMAIL_ATTEMPTS = 5;
/** An e-mail claimed by a worker that then died is taken up again after this long. */
export const RECLAIM_AFTER = '10 minutes';

export interface SweepResult {
  asOf: string;
  raised: { disclosureId: string; level: AlertLevel; workingDaysLeft: number }[];
  emailed: number;
  emailFailed: number;
}

/**
 * Looks at every disclosure with a publish delivery not yet delivered, confirmed or withdrawn. At the lead
 * (OVERDUE_LEAD_WORKING_DAYS working days before the due date) it raises a warning, and once the due date has
 * passed an overdue notice: each at most once per disclosure (deadline_alerts' primary key), each as a back-office
 * notification, an audit entry and an e-mail to the item's 责任科室. `now` is a parameter so that a sweep can be
 * run as of any instant: the scheduler passes the clock, the tests pass the day they need.
 */
@Injectable()
export class OverdueMonitor {
  private readonly logger = new Logger(OverdueMonitor.name);

  constructor(
    private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly offices: OfficeDirectory,
    private readonly mailer: OfficeMailer,
    private readonly config: AppConfig,
  ) {}

  get lead(): number {
    return this.config.get('OVERDUE_LEAD_WORKING_DAYS');
  }

  async sweep(now: Date = new Date()): Promise<SweepResult> {
    const raised = await this.raise(now);
    const mail = await this.sendPendingEmails();
    if (raised.length || mail.sent || mail.failed) {
      this.logger.log(`sweep as of ${now.toISOString()}: ${raised.length} alerts raised, ${mail.sent} e-mails sent, ${mail.failed} failed`);
    }
    return { asOf: now.toISOString(), raised, emailed: mail.sent, emailFailed: mail.failed };
  }

  private async raise(now: Date): Promise<SweepResult['raised']> {
    // The calendar-day bound only narrows the scan; three working days can span a Golden Week, hence the slack.
    const horizon = new Date(now.getTime() + (this.lead * 3 + 14) * 86_400_000);
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT d.id, d.title, d.catalogue_code, d.item_id, d.department_code, d.due_at, d.due_provisional, d.metadata,
         json_agg(json_build_object('carrier', x.carrier, 'channel', x.channel, 'status', x.status) ORDER BY x.carrier, x.channel) AS open,
         COALESCE((SELECT array_agg(a.level) FROM deadline_alerts a WHERE a.disclosure_id = d.id), '{}') AS alerts
       FROM disclosures d JOIN deliveries x ON x.disclosure_id = d.id
       WHERE d.status <> 'withdrawn' AND d.due_at IS NOT NULL AND d.due_at <= $1
         AND x.follow_up_of IS NULL AND x.delivered_at IS NULL AND x.status NOT IN ('delivered','confirmed','withdrawn')
         AND NOT EXISTS (SELECT 1 FROM deadline_alerts a WHERE a.disclosure_id = d.id AND a.level = 'overdue')
       GROUP BY d.id
       ORDER BY d.due_at`,
      [horizon],
    );
    const raised: SweepResult['raised'] = [];
    for (const r of rows) {
      const dueAt = new Date(r.due_at);
      const left = this.calendar.workingDaysUntil(now, dueAt);
      const level: AlertLevel | undefined = left.overdue ? 'overdue' : left.workingDays <= this.lead ? 'warning' : undefined;
      if (!level || (r.alerts as string[]).includes(level)) continue;
      const meta = r.metadata ?? {};
      const facts: AlertFacts = {
        level, disclosureId: r.id, title: r.title, catalogueItemId: `${r.catalogue_code}:${r.item_id}`, itemPath: meta.itemPath ?? [],
        timeLimitText: (meta.timeLimit as TimeLimit | undefined)?.text ?? null, office: meta.office ?? null, dueAt,
        provisional: r.due_provisional || left.provisional, workingDaysLeft: left.workingDays, open: r.open,
      };
      if (await this.record(facts, r.department_code, now)) raised.push({ disclosureId: r.id, level, workingDaysLeft: left.workingDays });
    }
    return raised;
  }

  /** The alert row, the notification and the audit entry commit together; the e-mail follows after the commit. */
  private async record(f: AlertFacts, department: string, now: Date): Promise<boolean> {
    const to = this.offices.recipients(department, f.office);
    const emailStatus = to.length === 0 ? 'no_recipient' : this.mailer.configured ? 'pending' : 'not_configured';
    return this.db.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO deadline_alerts (disclosure_id, level, due_at, working_days_left, as_of, office, email_to, email_status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (disclosure_id, level) DO NOTHING RETURNING disclosure_id`,
        [f.disclosureId, f.level, f.dueAt, f.workingDaysLeft, now, f.office, to, emailStatus],
      );
      if (inserted.length === 0) return false; // another worker raised it first
      const data = { dueAt: f.dueAt.toISOString(), workingDaysLeft: f.workingDaysLeft, provisional: f.provisional, open: f.open, emailTo: to, emailStatus };
      await m.query(
        `INSERT INTO notifications (kind, severity, department_code, disclosure_id, office, title, message, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [`deadline.${f.level}`, f.level === 'overdue' ? 'critical' : 'warning', department, f.disclosureId, f.office, alertTitle(f), alertSummary(f), JSON.stringify(data)],
      );
      await this.audit.append(m, {
        actor: ACTOR, action: `deadline.${f.level}`, disclosureId: f.disclosureId, departmentCode: department, outcome: 'notified',
        details: { ...data, asOf: now.toISOString(), lead: this.lead, office: f.office, catalogueItemId: f.catalogueItemId },
      });
      return true;
    });
  }

  /**
   * Sends each pending alert's e-mail once. A claim (status `sending`) keeps two workers from sending the same
   * one; a failure is kept with the server's answer and retried by later sweeps up to MAX_EMAIL_ATTEMPTS.
   */
  private async sendPendingEmails(): Promise<{ sent: number; failed: number }> {
    if (!this.mailer.configured) return { sent: 0, failed: 0 };
    const claimed = returning(await this.db.query(
      `UPDATE deadline_alerts a SET email_status = 'sending', email_claimed_at = now(), email_attempts = a.email_attempts + 1
       FROM (SELECT disclosure_id, level FROM deadline_alerts
             WHERE (email_status IN ('pending','failed') AND email_attempts < $1)
                OR (email_status = 'sending' AND email_claimed_at < now() - $2::interval AND email_attempts < $1)
             ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED) c
       WHERE a.disclosure_id = c.disclosure_id AND a.level = c.level
       RETURNING a.*`,
      [MAX_EMAIL_ATTEMPTS, RECLAIM_AFTER],
    ));
    let sent = 0;
    let failed = 0;
    for (const a of claimed) {
      try {
        const mail = await this.compose(a);
        const messageId = await this.mailer.send(mail);
        await this.db.query(
          `UPDATE deadline_alerts SET email_status = 'sent', email_sent_at = now(), email_message_id = $3, email_error = NULL WHERE disclosure_id = $1 AND level = $2`,
          [a.disclosure_id, a.level, messageId],
        );
        sent++;
      } catch (err) {
        await this.db.query(`UPDATE deadline_alerts SET email_status = 'failed', email_error = $3 WHERE disclosure_id = $1 AND level = $2`, [
          a.disclosure_id, a.level, String((err as Error)?.message ?? err).slice(0, 2000),
        ]);
        this.logger.warn(`deadline ${a.level} e-mail for disclosure ${a.disclosure_id} (attempt ${a.email_attempts}): ${(err as Error).message}`);
        failed++;
      }
    }
    return { sent, failed };
  }

  private async compose(a: Record<string, any>): Promise<{ to: string[]; subject: string; text: string }> {
    const [d] = await this.db.query(`SELECT * FROM disclosures WHERE id = $1`, [a.disclosure_id]);
    const open = await this.db.query(
      `SELECT carrier, channel, status FROM deliveries WHERE disclosure_id = $1 AND follow_up_of IS NULL AND delivered_at IS NULL
         AND status NOT IN ('delivered','confirmed','withdrawn') ORDER BY carrier, channel`,
      [a.disclosure_id],
    );
    const meta = d.metadata ?? {};
    const facts: AlertFacts = {
      level: a.level, disclosureId: d.id, title: d.title, catalogueItemId: `${d.catalogue_code}:${d.item_id}`, itemPath: meta.itemPath ?? [],
      timeLimitText: meta.timeLimit?.text ?? null, office: a.office, dueAt: new Date(a.due_at), provisional: d.due_provisional,
      workingDaysLeft: a.working_days_left, open,
    };
    return { to: a.email_to, subject: alertTitle(facts), text: alertText(facts) };
  }
}
