import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { returning } from '../../database/src/index.js';
import { ConflictError, NotFoundError } from '../../dispatch/src/errors.js';
import { PushRecipients, type PushCounts } from './push-recipients.repository.js';

export interface PushRecordView {
  subscriberId: number;
  medium: string;
  address: string;
  status: string;
  attempts: number;
  remoteId: string | null;
  parts: number | null;
  error: string | null;
  sentAt: string | null;
  resolvedBy: string | null;
}

/**
 * What people see and decide about a push delivery's recipients. `unknown` rows (a timeout after the message
 * left) are never resent by the system: a person checks the gateway (SMS QuerySendDetails, the mail server's
 * log) and records here whether they arrived (`sent`) or not (`failed`, which a retry of the delivery resends).
 */
@Injectable()
export class PushRecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly recipients: PushRecipients,
  ) {}

  async list(deliveryId: string, filter: { status?: string; after?: number; limit: number }): Promise<{ counts: PushCounts; items: PushRecordView[]; nextAfter: number | null }> {
    await this.assertPush(deliveryId);
    const params: unknown[] = [deliveryId, filter.after ?? 0, filter.limit + 1];
    let where = '';
    if (filter.status) {
      params.push(filter.status);
      where = `AND status = $4`;
    }
    const rows = await this.db.query(
      `SELECT * FROM push_recipients WHERE delivery_id = $1 AND subscriber_id > $2 ${where} ORDER BY subscriber_id LIMIT $3`,
      params,
    );
    const items: PushRecordView[] = rows.slice(0, filter.limit).map((r: Record<string, any>) => ({
      subscriberId: Number(r.subscriber_id), medium: r.medium, address: r.address, status: r.status, attempts: r.attempts,
      remoteId: r.remote_id, parts: r.parts, error: r.error, sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null, resolvedBy: r.resolved_by,
    }));
    return { counts: await this.recipients.counts(deliveryId), items, nextAfter: rows.length > filter.limit ? items[items.length - 1].subscriberId : null };
  }

  async resolveUnknown(deliveryId: string, input: { status: 'sent' | 'failed'; subscriberIds?: number[]; note: string }, user: Principal): Promise<{ resolved: number; counts: PushCounts }> {
    const delivery = await this.assertPush(deliveryId);
    const resolved = await this.db.transaction(async (m) => {
      const rows = returning(await m.query(
        `UPDATE push_recipients SET status = $2, resolved_by = $3, error = CASE WHEN $2 = 'sent' THEN NULL ELSE error END,
           sent_at = CASE WHEN $2 = 'sent' THEN COALESCE(sent_at, now()) ELSE sent_at END, updated_at = now()
         WHERE delivery_id = $1 AND status = 'unknown' AND ($4::bigint[] IS NULL OR subscriber_id = ANY($4::bigint[])) RETURNING subscriber_id`,
        [deliveryId, input.status, user.username, input.subscriberIds ?? null],
      ));
      if (rows.length === 0) throw new ConflictError('no recipient of this delivery has an unknown outcome (or none of those given)');
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'push.unknown_resolved', disclosureId: delivery.disclosure_id, deliveryId, channel: delivery.channel,
        outcome: input.status, details: { recipients: rows.length, note: input.note },
      });
      return rows.length;
    });
    return { resolved, counts: await this.recipients.counts(deliveryId) };
  }

  private async assertPush(deliveryId: string): Promise<{ disclosure_id: string; channel: string }> {
    const [row] = await this.db.query(`SELECT disclosure_id, channel FROM deliveries WHERE id = $1`, [deliveryId]);
    if (!row) throw new NotFoundError(`delivery ${deliveryId} not found`);
    return row;
  }
}
