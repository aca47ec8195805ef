import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AuditService } from '../../audit/src/index.js';
import { AttachmentsService, MAX_ATTACHMENTS, metaOf, type AttachmentMeta } from '../../attachments/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { CatalogueService, type CatalogueItem, type CatalogueVersion } from '../../catalogue/src/index.js';
import { ChannelRegistry, MANUAL_CHANNEL } from '../../channels/src/index.js';
import { returning } from '../../database/src/index.js';
import { recomputeDisclosureStatus } from './delivery-status.js';
import { DispatchProducer } from './dispatch.producer.js';
import { PublishBatches, type StoredPublish } from './batching/publish-batches.js';
import { CalendarService } from '../../calendar/src/index.js';
import { ConflictError, ForbiddenError, IdempotencyMismatchError, NotFoundError, ValidationError } from './errors.js';
import { deliveryView, disclosureView, type DisclosureView } from './views.js';

export interface PublishInput {
  catalogueItemId: string;
  title: string;
  body: string;
  generatedAt: string;
  metadata?: object;
  approvalDate?: string;
  noticeEndDate?: string;
  /** with_policy items: the policy document this interpretation belongs to; its due date becomes this one's. */
  policyDisclosureId?: string;
  /** uploaded files (POST /api/attachments) to publish with it, in this order */
  attachmentIds?: string[];
}

export interface ListFilter {
  status?: string;
  departmentCode?: string;
  catalogueItemId?: string;
  channel?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  limit: number;
  cursor?: string;
}

@Injectable()
export class DisclosuresService implements OnModuleDestroy {
  private readonly logger = new Logger(DisclosuresService.name);
  /** publishes arriving together share a commit and a queue hand-off (batching/publish-batches.ts) */
  private readonly publishes: PublishBatches;
  /** queue hand-offs of committed publishes still running (publish() does not wait for them) */
  private readonly handoffs = new Set<Promise<void>>();

  constructor(
    private readonly db: DataSource,
    private readonly catalogues: CatalogueService,
    private readonly channels: ChannelRegistry,
    private readonly producer: DispatchProducer,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly attachments: AttachmentsService,
  ) {
    this.publishes = new PublishBatches(db, producer);
  }

  /** `code:item` is the global id; a bare item id is accepted when exactly one catalogue has it. */
  resolveItem(globalId: string): { catalogue: CatalogueVersion; item: CatalogueItem } {
    const sep = globalId.indexOf(':');
    const candidates =
      sep > 0 ? [this.catalogues.get(globalId.slice(0, sep))].filter((c) => !!c) : this.catalogues.list();
    const itemId = sep > 0 ? globalId.slice(sep + 1) : globalId;
    const found = candidates.flatMap((c) => (c!.byId.has(itemId) ? [{ catalogue: c!, item: c!.byId.get(itemId)! }] : []));
    if (found.length === 0) throw new ValidationError('catalogueItemId', `no catalogue item "${globalId}"`);
    if (found.length > 1) throw new ValidationError('catalogueItemId', `"${globalId}" is ambiguous; use catalogue:item`);
    return found[0];
  }

  /**
   * Publish once: the disclosure, one delivery per resolved channel, the outbox row and the audit entries are
   * one transaction; the queue is told after the commit. If Redis is down the disclosure is still committed and
   * the outbox relay hands it to the queue when Redis is back.
   */
  async publish(input: PublishInput, user: Principal, idempotencyKey?: string): Promise<{ disclosure: DisclosureView; created: boolean }> {
    const requestHash = createHash('sha256').update(canonicalize(input) ?? '').digest('hex');
    if (idempotencyKey) {
      const existing = await this.findByKey(user.id, idempotencyKey, requestHash);
      if (existing) return { disclosure: existing, created: false };
    }
    await this.catalogues.ensureFresh(); // another API process may have stored a new catalogue version
    const { catalogue, item } = this.resolveItem(input.catalogueItemId);
    if (!user.roles.includes('admin') && user.departmentCode !== catalogue.department) {
      throw new ForbiddenError(`catalogueItemId: ${catalogue.code} belongs to department ${catalogue.department}; you may publish only your department's items`);
    }
    const policy = await this.policyLink(item, input.policyDisclosureId, user);
    const attachments = await this.attachmentsFor(input.attachmentIds, catalogue.department);
    const generatedAt = new Date(input.generatedAt);
    const due = this.calendar.computeDue(item.timeLimit, {
      generatedAt, approvalDate: input.approvalDate, noticeEndDate: input.noticeEndDate, policyDueAt: policy?.dueAt, policyProvisional: policy?.provisional,
    });
    const resolved = this.channels.resolve(item.carriers);
    const id = randomUUID();
    const deliveries = resolved.map((r) => ({ id: randomUUID(), carrier: r.carrier, channel: r.channel.name, adapter: r.channel.type }));
    const metadata = {
      ...input.metadata, publisher: catalogue.publisher, itemPath: item.path, office: item.office, timeLimit: item.timeLimit,
      ...(policy ? { policyDisclosureId: policy.id } : {}),
    };

    let created: StoredPublish;
    try {
      // shared with the publishes arriving at the same moment: one commit, one turn at the audit chain's lock
      created = await this.publishes.store({
        params: [id, catalogue.code, catalogue.id, item.id, catalogue.department, input.title, input.body, JSON.stringify(metadata),
          generatedAt, due.dueAt, due.provisional, user.id, idempotencyKey ?? null, requestHash,
          deliveries.map((d) => d.id), deliveries.map((d) => d.carrier), deliveries.map((d) => d.channel), deliveries.map((d) => d.adapter),
          JSON.stringify(attachments)],
        audit: {
          actor: `user:${user.username}`,
          action: 'disclosure.published',
          disclosureId: id,
          catalogueCode: catalogue.code,
          departmentCode: catalogue.department,
          outcome: 'ok',
          details: {
            title: input.title,
            itemId: item.id,
            catalogueVersion: catalogue.version,
            dueAt: due.dueAt?.toISOString() ?? null,
            deliveries: deliveries.map((d) => ({ id: d.id, carrier: d.carrier, channel: d.channel })),
            ...(attachments.length ? { attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, sha256: a.sha256 })) } : {}),
          },
        },
      });
    } catch (err) {
      // Two requests with one Idempotency-Key raced: the loser returns the winner's disclosure.
      if ((err as { code?: string }).code === '23505' && idempotencyKey) {
        const existing = await this.findByKey(user.id, idempotencyKey, requestHash);
        if (existing) return { disclosure: existing, created: false };
      }
      throw err;
    }

    // The reply waits for the commit, not for the queue: what was committed is delivered whatever happens next
    // (the outbox relay hands over what this process does not), and at 10 publishes/s the hand-off's Redis
    // round trip and outbox commit were 8 of a publish's 19 ms (docs/benchmarks.md, 2026-12-05).
    this.handToQueue(id, deliveries.map((d) => ({ id: d.id, channel: d.channel, generation: 0 })));
    // as get() shows it: deliveries by carrier, then channel
    const rows = [...created.deliveries].sort((a, b) => cmp(a.carrier, b.carrier) || cmp(a.channel, b.channel));
    return { disclosure: { ...disclosureView(created.disclosure), deliveries: rows.map(deliveryView) }, created: true };
  }

  /**
   * Changes the content and propagates it: channels that can update get an `update` job; the others get a
   * follow-up manual task (a newspaper cannot change what it printed). Deliveries not yet made simply send the
   * new content when their job runs.
   */
  async update(id: string, input: { title?: string; body?: string; metadata?: object; attachmentIds?: string[] }, user: Principal): Promise<DisclosureView> {
    const current = await this.getOrThrow(id, user);
    if (current.status === 'withdrawn') throw new ConflictError(`disclosure ${id} is withdrawn; publish a new one instead`);
    this.assertMayPublish(user, current.departmentCode);
    const attachments = input.attachmentIds ? await this.attachmentsFor(input.attachmentIds, current.departmentCode) : null;
    const jobs = await this.db.transaction(async (m) => {
      await m.query(`SELECT 1 FROM disclosures WHERE id = $1 FOR UPDATE`, [id]);
      await m.query(
        `UPDATE disclosures SET title = COALESCE($2, title), body = COALESCE($3, body), metadata = metadata || $4::jsonb,
           attachments = COALESCE($5::jsonb, attachments), revision = revision + 1, updated_at = now() WHERE id = $1`,
        [id, input.title ?? null, input.body ?? null, JSON.stringify(input.metadata ?? {}), attachments && JSON.stringify(attachments)],
      );
      const plan = await this.followUps(m, id, 'update');
      await recomputeDisclosureStatus(m, id);
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'disclosure.updated', disclosureId: id, departmentCode: current.departmentCode, outcome: 'ok',
        details: { changed: Object.keys(input), revision: current.revision + 1, updates: plan.jobs.map((j) => j.id), manualFollowUps: plan.followUps },
      });
      return plan.jobs;
    });
    await this.enqueueEach(jobs);
    return (await this.get(id))!;
  }

  /**
   * Takes the disclosure down everywhere it can be: channels that can withdraw get a `withdraw` job; the others
   * a follow-up manual task; deliveries not yet made are cancelled; one in flight is withdrawn as soon as it lands.
   */
  async withdraw(id: string, reason: string, user: Principal): Promise<DisclosureView> {
    const current = await this.getOrThrow(id, user);
    if (current.status === 'withdrawn') throw new ConflictError(`disclosure ${id} is already withdrawn`);
    this.assertMayPublish(user, current.departmentCode);
    const jobs = await this.db.transaction(async (m) => {
      await m.query(`SELECT 1 FROM disclosures WHERE id = $1 FOR UPDATE`, [id]);
      await m.query(`UPDATE disclosures SET status = 'withdrawn', withdrawn_at = now(), withdraw_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
      await m.query(
        `UPDATE deliveries SET status = 'withdrawn', updated_at = now(), last_error = NULL
         WHERE disclosure_id = $1 AND status IN ('queued','awaiting_confirmation','failed','unconfirmed') AND operation = 'publish'`,
        [id],
      );
      await m.query(`UPDATE deliveries SET withdraw_requested = true WHERE disclosure_id = $1 AND status = 'in_progress'`, [id]);
      const plan = await this.followUps(m, id, 'withdraw');
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'disclosure.withdrawn', disclosureId: id, departmentCode: current.departmentCode, outcome: 'ok',
        details: { reason, withdrawals: plan.jobs.map((j) => j.id), manualFollowUps: plan.followUps },
      });
      return plan.jobs;
    });
    await this.enqueueEach(jobs);
    return (await this.get(id))!;
  }

  /**
   * The uploaded files to link, in the order given: each must exist and belong to the item's department (or have
   * been uploaded by an admin without one). What the disclosure keeps is a copy of their name, type, size and hash.
   */
  async attachmentsFor(ids: string[] | undefined, departmentCode: string): Promise<AttachmentMeta[]> {
    if (!ids?.length) return [];
    if (ids.length > MAX_ATTACHMENTS) throw new ValidationError('attachmentIds', `附件最多 ${MAX_ATTACHMENTS} 个 (at most ${MAX_ATTACHMENTS} attachments)`);
    if (new Set(ids).size !== ids.length) throw new ValidationError('attachmentIds', '同一附件重复添加 (an attachment is listed twice)');
    const found = new Map((await this.attachments.find(ids)).map((a) => [a.id, a]));
    return ids.map((id, i) => {
      const a = found.get(id);
      if (!a || (a.departmentCode !== null && a.departmentCode !== departmentCode)) {
        throw new ValidationError(`attachmentIds[${i}]`, `附件不存在或不属于本部门，请重新上传 (no uploaded attachment ${id} of department ${departmentCode})`);
      }
      return metaOf(a);
    });
  }

  /** For each published delivery: an operation job where the adapter can do it, else a manual follow-up task. */
  private async followUps(
    m: EntityManager,
    disclosureId: string,
    operation: 'update' | 'withdraw',
  ): Promise<{ jobs: { id: string; channel: string; generation: number }[]; followUps: string[] }> {
    // What the remote holds: a delivered publish — or, for a withdrawal, also one whose update is still queued or
    // did not go through (the first revision is still out there; a withdrawn disclosure must not be updated either)
    const published: { id: string; channel: string; carrier: string }[] = await m.query(
      `SELECT id, channel, carrier FROM deliveries WHERE disclosure_id = $1 AND follow_up_of IS NULL
         AND (status IN ('delivered','confirmed') OR ($2 = 'withdraw' AND operation = 'update' AND status IN ('queued','failed','unconfirmed')))`,
      [disclosureId, operation],
    );
    const jobs: { id: string; channel: string; generation: number }[] = [];
    const followUps: string[] = [];
    for (const d of published) {
      if (d.channel !== MANUAL_CHANNEL && this.channels.can(d.channel, operation)) {
        const [r] = returning(await m.query(
          `UPDATE deliveries SET status = 'queued', operation = $2, generation = generation + 1, updated_at = now() WHERE id = $1 RETURNING generation`,
          [d.id, operation],
        ));
        jobs.push({ id: d.id, channel: d.channel, generation: r.generation });
      } else {
        const taskId = randomUUID();
        await m.query(
          `INSERT INTO deliveries (id, disclosure_id, carrier, channel, adapter, status, follow_up_of, purpose)
           VALUES ($1, $2, $3, $4, 'manual', 'awaiting_confirmation', $5, $6)`,
          [taskId, disclosureId, d.carrier, MANUAL_CHANNEL, d.id, operation],
        );
        followUps.push(taskId);
      }
    }
    return { jobs, followUps };
  }

  private async enqueueEach(jobs: { id: string; channel: string; generation: number }[]): Promise<void> {
    for (const j of jobs) {
      // on failure the reconciler re-adds the job: the row already says queued
      await this.producer.enqueueDelivery(j).catch((err) => this.logger.warn(`delivery ${j.id}: queue unavailable: ${(err as Error).message}`));
    }
  }

  /**
   * 政策解读 (with_policy) is published together with the policy it interprets, so it takes that policy's due date.
   * The link is required: without it there is no deadline to keep, and a missing deadline is not a choice to
   * make silently. Other kinds take no link.
   */
  private async policyLink(item: CatalogueItem, policyId: string | undefined, user: Principal): Promise<{ id: string; dueAt?: Date; provisional: boolean } | undefined> {
    if (item.timeLimit.kind !== 'with_policy') {
      if (policyId) throw new ValidationError('policyDisclosureId', `事项 ${item.id} 的公开时限不是“与政策文件同步发布”，不需要关联政策文件`);
      return undefined;
    }
    if (!policyId) throw new ValidationError('policyDisclosureId', `事项 ${item.id} 须与政策文件同步发布：请在 policyDisclosureId 中给出所解读政策文件的公开记录`);
    const policy = await this.get(policyId, user);
    if (!policy) throw new ValidationError('policyDisclosureId', `没有公开记录 ${policyId}`);
    if (policy.status === 'withdrawn') throw new ValidationError('policyDisclosureId', `政策文件 ${policyId} 已撤回`);
    return { id: policy.id, dueAt: policy.dueAt ? new Date(policy.dueAt) : undefined, provisional: policy.dueProvisional };
  }

  private assertMayPublish(user: Principal, departmentCode: string): void {
    if (!user.roles.includes('admin') && user.departmentCode !== departmentCode) {
      throw new ForbiddenError(`disclosure belongs to department ${departmentCode}; you may change only your department's disclosures`);
    }
  }

  /** Best effort: on failure the outbox row stays pending and the relay retries it. */
  private handToQueue(id: string, deliveries: { id: string; channel: string; generation: number }[]): void {
    const handoff: Promise<void> = this.publishes.handOver(id, deliveries).then(
      () => undefined,
      (err: unknown) => this.logger.warn(`disclosure ${id}: queue unavailable, the outbox relay will dispatch it: ${(err as Error).message}`),
    ).finally(() => this.handoffs.delete(handoff));
    this.handoffs.add(handoff);
  }

  /** A stopping API finishes the hand-offs it started, so the relay's grace period is for crashes only. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.handoffs]);
  }

  private async findByKey(userId: string, key: string, requestHash: string): Promise<DisclosureView | undefined> {
    const [row] = await this.db.query(`SELECT id, request_hash FROM disclosures WHERE created_by = $1 AND idempotency_key = $2`, [userId, key]);
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new IdempotencyMismatchError('Idempotency-Key was already used with a different request body');
    }
    return this.get(row.id);
  }

  async get(id: string, user?: Principal): Promise<DisclosureView | undefined> {
    // One statement, so one snapshot: read apart, a delivery settling in between showed every channel delivered
    // under a disclosure still 分发中.
    const [found] = await this.db.query(
      `SELECT to_jsonb(d.*) AS disclosure,
              COALESCE((SELECT jsonb_agg(to_jsonb(x.*) ORDER BY x.carrier, x.channel) FROM deliveries x WHERE x.disclosure_id = d.id), '[]'::jsonb) AS deliveries
       FROM disclosures d WHERE d.id = $1`,
      [id],
    );
    if (!found) return undefined;
    const row = found.disclosure as Record<string, unknown>;
    if (user && !canSee(user, row.department_code as string)) return undefined;
    return { ...disclosureView(row), deliveries: (found.deliveries as Record<string, unknown>[]).map(deliveryView) };
  }

  async getOrThrow(id: string, user: Principal): Promise<DisclosureView> {
    const d = await this.get(id, user);
    if (!d) throw new NotFoundError(`disclosure ${id} not found`);
    return d;
  }

  /** Keyset pagination on (created_at, id): stable under concurrent inserts, no OFFSET scans. */
  async list(filter: ListFilter, user: Principal): Promise<{ items: DisclosureView[]; nextCursor: string | null }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (!user.roles.includes('admin') && !user.roles.includes('auditor')) add('d.department_code = ?', user.departmentCode ?? '');
    if (filter.status) add('d.status = ?', filter.status);
    if (filter.departmentCode) add('d.department_code = ?', filter.departmentCode);
    if (filter.catalogueItemId) {
      await this.catalogues.ensureFresh();
      const { catalogue, item } = this.resolveItem(filter.catalogueItemId);
      add('d.catalogue_code = ?', catalogue.code);
      add('d.item_id = ?', item.id);
    }
    if (filter.channel) add('EXISTS (SELECT 1 FROM deliveries x WHERE x.disclosure_id = d.id AND x.channel = ?)', filter.channel);
    if (filter.from) add('d.created_at >= ?', new Date(filter.from));
    if (filter.to) add('d.created_at < ?', new Date(filter.to));
    if (filter.overdue) {
      where.push(`d.due_at < now() AND EXISTS (SELECT 1 FROM deliveries x WHERE x.disclosure_id = d.id AND x.status NOT IN ('delivered','confirmed','withdrawn'))`);
    }
    if (filter.cursor) {
      const [at, cid] = decodeCursor(filter.cursor);
      args.push(at, cid);
      where.push(`(d.created_at, d.id) < ($${args.length - 1}, $${args.length})`);
    }
    args.push(filter.limit + 1);
    // both reads in one snapshot (REPEATABLE READ), so a row's status badge and its channels agree, as in get()
    const { rows, deliveries } = await this.db.transaction('REPEATABLE READ', async (m) => {
      const rows = await m.query(
        `SELECT d.* FROM disclosures d ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY d.created_at DESC, d.id DESC LIMIT $${args.length}`,
        args,
      );
      const ids = rows.slice(0, filter.limit).map((r: { id: string }) => r.id);
      const deliveries = ids.length ? await m.query(`SELECT * FROM deliveries WHERE disclosure_id = ANY($1) ORDER BY carrier, channel`, [ids]) : [];
      return { rows, deliveries };
    });
    const page = rows.slice(0, filter.limit);
    const byDisclosure = new Map<string, ReturnType<typeof deliveryView>[]>();
    for (const d of deliveries) {
      const list = byDisclosure.get(d.disclosure_id) ?? [];
      list.push(deliveryView(d));
      byDisclosure.set(d.disclosure_id, list);
    }
    const last = page[page.length - 1];
    return {
      items: page.map((r: Record<string, unknown>) => ({ ...disclosureView(r), deliveries: byDisclosure.get(r.id as string) ?? [] })),
      nextCursor: rows.length > filter.limit ? encodeCursor(last.created_at, last.id) : null,
    };
  }
}

export function canSee(user: Principal, departmentCode: string): boolean {
  return user.roles.includes('admin') || user.roles.includes('auditor') || user.departmentCode === departmentCode;
}

/** Byte order, as PostgreSQL's C collation sorts (the embedded and test clusters are initialised with C.UTF-8). */
function cmp(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return [date, id];
  } catch {
    throw new ValidationError('cursor', 'is not a cursor this API returned');
  }
}
