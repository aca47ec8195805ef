import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { ChannelRegistry } from '../../channels/src/index.js';
import { returning } from '../../database/src/index.js';
import { DispatchProducer } from './dispatch.producer.js';
import { recomputeDisclosureStatus } from './delivery-status.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import { canSee } from './disclosures.service.js';
import { deliveryView, type DeliveryView } from './views.js';
import { followChangeMadeInFlight } from './in-flight-change.js';

export interface Confirmation {
  note: string;
  date?: string;
  place?: string;
  evidence?: string;
}

/** What people do to one delivery: retry a failed one, confirm a manual task or an unconfirmed send. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly producer: DispatchProducer,
    private readonly audit: AuditService,
    private readonly channels: ChannelRegistry,
  ) {}

  async get(id: string, user: Principal): Promise<DeliveryView> {
    const [row] = await this.db.query(
      `SELECT x.*, d.department_code FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id WHERE x.id = $1`,
      [id],
    );
    if (!row || !canSee(user, row.department_code)) throw new NotFoundError(`delivery ${id} not found`);
    return deliveryView(row);
  }

  /**
   * Deliveries across disclosures, newest first, with what a person needs to act on them (the manual-task inbox
   * of an office: channel manual, status awaiting_confirmation). Departments a user cannot see are left out.
   */
  async list(filter: DeliveryListFilter, user: Principal): Promise<{ items: DeliveryListItem[]; nextCursor: string | null }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (!user.roles.includes('admin') && !user.roles.includes('auditor')) add('d.department_code = ?', user.departmentCode ?? '');
    if (filter.status?.length) add('x.status = ANY(?)', filter.status);
    if (filter.channel) add('x.channel = ?', filter.channel);
    if (filter.department) add('d.department_code = ?', filter.department);
    if (filter.office) add(`d.metadata->>'office' = ?`, filter.office);
    if (filter.disclosure) add('x.disclosure_id = ?', filter.disclosure);
    if (filter.cursor) {
      const [at, cid] = decodeListCursor(filter.cursor);
      args.push(at, cid);
      where.push(`(x.created_at, x.id) < ($${args.length - 1}, $${args.length})`);
    }
    args.push(filter.limit + 1);
    const rows = await this.db.query(
      `SELECT x.*, d.title AS disclosure_title, d.department_code, d.due_at, d.metadata->>'office' AS office,
         d.metadata->'itemPath' AS item_path, d.catalogue_code, d.item_id
       FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY x.created_at DESC, x.id DESC LIMIT $${args.length}`,
      args,
    );
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r: Record<string, unknown>) => ({
        ...deliveryView(r),
        disclosure: {
          id: r.disclosure_id as string,
          title: r.disclosure_title as string,
          departmentCode: r.department_code as string,
          catalogueItemId: `${r.catalogue_code}:${r.item_id}`,
          itemPath: (r.item_path as string[] | null) ?? [],
          office: (r.office as string | null) ?? null,
          dueAt: r.due_at == null ? null : new Date(r.due_at as string).toISOString(),
        },
      })),
      nextCursor: rows.length > filter.limit ? Buffer.from(JSON.stringify([new Date(last.created_at).toISOString(), last.id])).toString('base64url') : null,
    };
  }

  /**
   * Queues a failed or unconfirmed delivery again. The generation bump gives the new job a fresh deterministic
   * id; the Idempotency-Key the adapter sends stays the delivery id, so a receiver still sees one delivery.
   */
  async retry(id: string, user: Principal): Promise<DeliveryView> {
    const current = await this.get(id, user);
    if (!canAct(user, current)) throw new ForbiddenError('only publishers of the department may retry');
    const row = await this.db.transaction(async (m) => {
      // lock order disclosure → delivery everywhere (as update and withdraw do), so these never deadlock with them
      await m.query(`SELECT 1 FROM disclosures WHERE id = (SELECT disclosure_id FROM deliveries WHERE id = $1) FOR UPDATE`, [id]);
      const [r] = returning(await m.query(
        `UPDATE deliveries SET status = 'queued', generation = generation + 1, updated_at = now()
         WHERE id = $1 AND status IN ('failed','unconfirmed') RETURNING *`,
        [id],
      ));
      if (!r) throw new ConflictError(`delivery ${id} is ${current.status}; only failed or unconfirmed deliveries can be retried`);
      await recomputeDisclosureStatus(m, r.disclosure_id);
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'delivery.retry_requested', disclosureId: r.disclosure_id, deliveryId: id,
        channel: r.channel, outcome: 'queued', details: { previousStatus: current.status, lastError: current.lastError, generation: r.generation },
      });
      return r;
    });
    try {
      await this.producer.enqueueDelivery({ id, channel: row.channel, generation: row.generation });
    } catch (err) {
      // The row says queued: the relay's reconciler finds the missing job and adds it.
      this.logger.warn(`delivery ${id}: queue unavailable, the reconciler will queue it: ${(err as Error).message}`);
    }
    return deliveryView(row);
  }

  /**
   * Settles a delivery that was left awaiting the remote's result. Only a delivery still awaiting is changed, so a
   * repeated callback or a poll racing a callback settles it once; returns false when there was nothing to settle.
   */
  async completeRemote(id: string, result: RemoteResult): Promise<boolean> {
    const settled = await this.db.transaction(async (m) => {
      // lock order disclosure → delivery everywhere (as update and withdraw do), so these never deadlock with them
      await m.query(`SELECT 1 FROM disclosures WHERE id = (SELECT disclosure_id FROM deliveries WHERE id = $1) FOR UPDATE`, [id]);
      const [r] = returning(await m.query(
        `UPDATE deliveries x SET status = $2, awaiting_remote = false, remote_id = COALESCE($3, x.remote_id),
           remote_url = COALESCE($4, x.remote_url), last_error = COALESCE($5, x.last_error), updated_at = now(),
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE x.delivered_at END,
           on_time = CASE WHEN $2 = 'delivered' THEN (d.due_at IS NULL OR now() <= d.due_at) ELSE x.on_time END
         FROM disclosures d WHERE x.id = $1 AND d.id = x.disclosure_id AND x.awaiting_remote
         RETURNING x.*, d.revision AS current_revision`,
        [id, result.status, result.remoteId ?? null, result.remoteUrl ?? null, result.error ?? null],
      ));
      if (!r) return null;
      // A withdrawal or an update made while the remote was still working (WeChat's publish job before
      // PUBLISHJOBFINISH) is followed now that the item is up: taken down, or sent the new revision.
      const requeue = result.status === 'delivered' && r.operation !== 'withdraw'
        ? await followChangeMadeInFlight(m, r as { id: string; disclosure_id: string; carrier: string; channel: string }, { withdraw_requested: r.withdraw_requested, revision: r.current_revision }, r.sent_revision ?? null,
          (channel, operation) => this.channels.can(channel, operation))
        : null;
      await recomputeDisclosureStatus(m, r.disclosure_id);
      await this.audit.append(m, {
        actor: result.actor, action: 'delivery.remote_result', disclosureId: r.disclosure_id, deliveryId: id, channel: r.channel,
        outcome: result.status, details: { remoteId: result.remoteId, remoteUrl: result.remoteUrl, error: result.error, ...result.details },
      });
      return { channel: r.channel as string, requeue };
    });
    if (!settled) return false;
    if (settled.requeue) {
      // on failure the row says queued, and the relay's reconciler adds the job
      await this.producer.enqueueDelivery({ id, channel: settled.channel, generation: settled.requeue })
        .catch((err) => this.logger.warn(`delivery ${id}: queue unavailable, the reconciler will queue it: ${(err as Error).message}`));
    }
    return true;
  }

  /** A person records that a manual task was done (or that an unconfirmed send did arrive), with evidence. */
  async confirm(id: string, c: Confirmation, user: Principal): Promise<DeliveryView> {
    const current = await this.get(id, user);
    if (!canAct(user, current)) throw new ForbiddenError('only publishers of the department may confirm');
    const confirmation = { ...c, by: user.username, at: new Date().toISOString() };
    const row = await this.db.transaction(async (m) => {
      // lock order disclosure → delivery everywhere (as update and withdraw do), so these never deadlock with them
      await m.query(`SELECT 1 FROM disclosures WHERE id = (SELECT disclosure_id FROM deliveries WHERE id = $1) FOR UPDATE`, [id]);
      const [r] = returning(await m.query(
        `UPDATE deliveries x SET status = 'confirmed', awaiting_remote = false, confirmation = $2, updated_at = now(), delivered_at = now(),
           on_time = (d.due_at IS NULL OR now() <= d.due_at)
         FROM disclosures d WHERE x.id = $1 AND d.id = x.disclosure_id AND x.status IN ('awaiting_confirmation','unconfirmed')
         RETURNING x.*`,
        [id, JSON.stringify(confirmation)],
      ));
      if (!r) throw new ConflictError(`delivery ${id} is ${current.status}; only tasks awaiting confirmation or unconfirmed deliveries can be confirmed`);
      await recomputeDisclosureStatus(m, r.disclosure_id);
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'delivery.confirmed', disclosureId: r.disclosure_id, deliveryId: id,
        channel: r.channel, outcome: 'confirmed', details: { previousStatus: current.status, ...c },
      });
      return r;
    });
    return deliveryView(row);
  }
}

/** How a pending delivery ends: told by a callback, found by a poll, or recorded by a person. */
export interface RemoteResult {
  status: 'delivered' | 'failed';
  remoteId?: string;
  remoteUrl?: string;
  error?: string;
  /** who reports it, e.g. `callback:wechat`, `system:poller`, `user:alice` */
  actor: string;
  details?: Record<string, unknown>;
}

function canAct(user: Principal, _d: DeliveryView): boolean {
  return user.roles.includes('admin') || user.roles.includes('publisher');
}

export interface DeliveryListFilter {
  status?: string[];
  channel?: string;
  department?: string;
  office?: string;
  disclosure?: string;
  limit: number;
  cursor?: string;
}

export interface DeliveryListItem extends DeliveryView {
  disclosure: { id: string; title: string; departmentCode: string; catalogueItemId: string; itemPath: string[]; office: string | null; dueAt: string | null };
}

function decodeListCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return [date, id];
  } catch {
    throw new ValidationError('cursor', 'is not a cursor this API returned');
  }
}
