import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
import { OfficeDirectory } from '../overdue/office-directory.js';
import { OfficeMailer } from '../overdue/office-mailer.js';
import { MAX_EMAIL_ATTEMPTS, RECLAIM_AFTER } from '../overdue/overdue-monitor.service.js';

const KINDS = ['screen.offline', 'screen.online'];
/** Older notices are not mailed: e-mail switched on today should not deliver last month's outages. */
const FRESH_FOR = '1 day';

/**
 * E-mail for the screens' notices (offline, back online), to the `screens` addresses in offices.yaml. The API's
 * presence sweep writes the notice; this runs with each overdue sweep and keeps its mail state in the notice's
 * `data.email` ({status, attempts, to, error, messageId}). A claim (status `sending`) keeps two workers from sending
 * the same one; a refused mail is retried by later sweeps up to MAX_EMAIL_ATTEMPTS, as deadline alerts are.
 */
@Injectable()
export class ScreenAlertMails {
  private readonly logger = new Logger(ScreenAlertMails.name);

  constructor(
    private readonly db: DataSource,
    private readonly offices: OfficeDirectory,
    private readonly mailer: OfficeMailer,
    private readonly config: AppConfig,
  ) {}

  async send(): Promise<{ sent: number; failed: number }> {
    const to = this.offices.screenRecipients();
    if (!this.mailer.configured || to.length === 0) return { sent: 0, failed: 0 };
    const claimed = returning(await this.db.query(
      `UPDATE notifications n SET data = n.data || jsonb_build_object('email', COALESCE(n.data->'email', '{}'::jsonb) || jsonb_build_object(
           'status', 'sending', 'claimedAt', now(), 'to', $4::jsonb, 'attempts', COALESCE((n.data->'email'->>'attempts')::int, 0) + 1))
       FROM (SELECT id FROM notifications
             WHERE kind = ANY($1) AND created_at > now() - $5::interval AND COALESCE((data->'email'->>'attempts')::int, 0) < $2
               AND (COALESCE(data->'email'->>'status', 'pending') IN ('pending', 'failed')
                    OR (data->'email'->>'status' = 'sending' AND (data->'email'->>'claimedAt')::timestamptz < now() - $3::interval))
             ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED) c
       WHERE n.id = c.id
       RETURNING n.*`,
      [KINDS, MAX_EMAIL_ATTEMPTS, RECLAIM_AFTER, JSON.stringify(to), FRESH_FOR],
    ));
    let sent = 0;
    let failed = 0;
    for (const n of claimed.sort((a, b) => Number(a.id) - Number(b.id))) {
      try {
        const messageId = await this.mailer.send({ to, subject: `【电子屏】${n.title}`, text: this.text(n) });
        await this.mark(n.id, { status: 'sent', sentAt: new Date().toISOString(), messageId, error: null });
        sent++;
      } catch (err) {
        const error = String((err as Error)?.message ?? err).slice(0, 2000);
        await this.mark(n.id, { status: 'failed', error });
        this.logger.warn(`screen notice ${n.id} e-mail (attempt ${n.data.email.attempts}): ${error}`);
        failed++;
      }
    }
    return { sent, failed };
  }

  private text(n: Record<string, any>): string {
    return [
      n.title,
      '',
      n.message,
      '',
      `电子屏分组：${n.data.group ?? '—'}`,
      `查看电子屏状态：${this.config.publicBaseUrl}/admin/screens`,
      '',
      '—— 政务公开一键分发系统自动发送。收件人在 offices.yaml 的 screens 中设置。',
    ].join('\n');
  }

  private async mark(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.db.query(`UPDATE notifications SET data = jsonb_set(data, '{email}', COALESCE(data->'email', '{}'::jsonb) || $2::jsonb) WHERE id = $1`, [
      id, JSON.stringify(patch),
    ]);
  }
}
