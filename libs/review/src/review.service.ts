import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/src/index.js';
import { AttachmentsService, metaOf } from '../../attachments/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { returning } from '../../database/src/index.js';
import { ConflictError, DisclosuresService, ForbiddenError, NotFoundError, ValidationError, type DisclosureView } from '../../dispatch/src/index.js';
import { draftView, type DraftView, type ReviewRecord } from './draft.view.js';

export interface DraftInput {
  catalogueItemId: string;
  title: string;
  body: string;
  generatedAt: string;
  metadata?: object;
  approvalDate?: string;
  noticeEndDate?: string;
  /** kept in `inputs` with the dates and handed to publish as they are */
  attachmentIds?: string[];
}

/**
 * 先审后发 — review first, then publish. Each step is a guarded status change (the WHERE names the statuses it may
 * leave), so two people acting at once cannot both succeed, and each is audited with who and what.
 */
@Injectable()
export class ReviewService {
  private readonly logger = new Logger(ReviewService.name);

  constructor(
    private readonly db: DataSource,
    private readonly disclosures: DisclosuresService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  async create(input: DraftInput, user: Principal): Promise<DraftView> {
    const { catalogue } = this.disclosures.resolveItem(input.catalogueItemId);
    this.assertDepartment(user, catalogue.department);
    const attachments = await this.disclosures.attachmentsFor(input.attachmentIds, catalogue.department); // a wrong id fails now, not at publish
    const { catalogueItemId, title, body, generatedAt, metadata, ...inputs } = input;
    const view = await this.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO drafts (catalogue_item_id, department_code, title, body, metadata, generated_at, inputs, status, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'draft',$8) RETURNING *`,
        [this.globalId(catalogueItemId), catalogue.department, title, body, JSON.stringify(metadata ?? {}), new Date(generatedAt), JSON.stringify(inputs), user.id],
      );
      await this.audit.append(m, { actor: `user:${user.username}`, action: 'draft.created', departmentCode: catalogue.department, outcome: 'ok', details: { draftId: row.id, title } });
      return draftView(row);
    });
    return { ...view, attachments };
  }

  async update(id: string, input: Partial<DraftInput>, user: Principal): Promise<DraftView> {
    const current = await this.get(id, user);
    const department = input.catalogueItemId ? this.disclosures.resolveItem(input.catalogueItemId).catalogue.department : current.departmentCode;
    if (input.catalogueItemId) this.assertDepartment(user, department);
    const linked = input.attachmentIds ?? (input.catalogueItemId ? (current.inputs.attachmentIds as string[] | undefined) : undefined);
    await this.disclosures.attachmentsFor(linked, department);
    const { catalogueItemId, title, body, generatedAt, metadata, ...inputs } = input;
    return this.transition(id, ['draft', 'returned'], user, 'draft.edited', { changed: Object.keys(input) }, current, (args) => ({
      sql: `catalogue_item_id = COALESCE(${args(catalogueItemId ? this.globalId(catalogueItemId) : null)}, catalogue_item_id),
            title = COALESCE(${args(title ?? null)}, title), body = COALESCE(${args(body ?? null)}, body),
            metadata = metadata || ${args(JSON.stringify(metadata ?? {}))}::jsonb,
            generated_at = COALESCE(${args(generatedAt ? new Date(generatedAt) : null)}::timestamptz, generated_at),
            inputs = inputs || ${args(JSON.stringify(inputs))}::jsonb`,
    }));
  }

  submit(id: string, user: Principal): Promise<DraftView> {
    return this.transition(id, ['draft', 'returned'], user, 'draft.submitted', {}, undefined, () => ({
      sql: `status = 'submitted', submitted_at = now()`,
    }));
  }

  /** Approval needs all four checks passed; a return needs comments saying what to fix. */
  review(id: string, record: ReviewRecord, user: Principal): Promise<DraftView> {
    const passed = Object.values(record.checks).every(Boolean);
    if (record.decision === 'approve' && !passed) throw new ValidationError('checks', 'every check (保密、政治、法律、文字) must pass before approval');
    if (record.decision === 'return' && !record.comments.trim()) throw new ValidationError('comments', 'say what must change when returning a draft');
    return this.transition(id, ['submitted'], user, 'draft.reviewed', { decision: record.decision, checks: record.checks, comments: record.comments }, undefined, (args) => ({
      sql: `status = ${args(record.decision === 'approve' ? 'approved' : 'returned')}, reviewed_by = ${args(user.id)}, reviewed_at = now(), review = ${args(JSON.stringify(record))}::jsonb`,
    }));
  }

  /** Publishes an approved draft now, or schedules it; the worker publishes scheduled drafts when due. */
  async publish(id: string, user: Principal, scheduledAt?: string): Promise<{ draft: DraftView; disclosure?: DisclosureView }> {
    if (scheduledAt && new Date(scheduledAt).getTime() > Date.now()) {
      const draft = await this.transition(id, ['approved', 'scheduled'], user, 'draft.scheduled', { scheduledAt }, undefined, (args) => ({
        sql: `status = 'scheduled', scheduled_at = ${args(new Date(scheduledAt))}, publisher_id = ${args(user.id)}`,
      }));
      return { draft };
    }
    const current = await this.get(id, user);
    if (!['approved', 'scheduled'].includes(current.status)) {
      throw new ConflictError(`draft ${id} is ${current.status}; only an approved draft can be published (先审后发)`);
    }
    const disclosure = await this.publishNow(current, user);
    return { draft: await this.get(id, user), disclosure };
  }

  /**
   * The idempotency key ties the draft to exactly one disclosure: a double click, or a worker re-running a
   * scheduled publish after a crash, gets the same disclosure back.
   */
  async publishNow(draft: DraftView, user: Principal): Promise<DisclosureView> {
    const { disclosure } = await this.disclosures.publish(
      { catalogueItemId: draft.catalogueItemId, title: draft.title, body: draft.body, generatedAt: draft.generatedAt, metadata: draft.metadata, ...(draft.inputs as object) },
      user,
      `draft:${draft.id}`,
    );
    await this.db.transaction(async (m) => {
      const [r] = returning(await m.query(
        `UPDATE drafts SET status = 'published', disclosure_id = $2, publisher_id = $3, publish_error = NULL, updated_at = now()
         WHERE id = $1 AND status IN ('approved','scheduled') RETURNING id`,
        [draft.id, disclosure.id, user.id],
      ));
      if (r) await this.audit.append(m, { actor: `user:${user.username}`, action: 'draft.published', disclosureId: disclosure.id, departmentCode: draft.departmentCode, outcome: 'ok', details: { draftId: draft.id } });
    });
    return disclosure;
  }

  async get(id: string, user: Principal): Promise<DraftView> {
    const [row] = await this.db.query(`SELECT * FROM drafts WHERE id = $1`, [id]);
    if (!row || !this.canSee(user, row.department_code)) throw new NotFoundError(`draft ${id} not found`);
    return this.withAttachments(draftView(row));
  }

  /** The linked files' names and sizes, for the pages that show one draft. */
  private async withAttachments(view: DraftView): Promise<DraftView> {
    const ids = (view.inputs?.attachmentIds as string[] | undefined) ?? [];
    if (ids.length === 0) return { ...view, attachments: [] };
    const found = new Map((await this.attachments.find(ids)).map((a) => [a.id, a]));
    return { ...view, attachments: ids.flatMap((id) => (found.has(id) ? [metaOf(found.get(id)!)] : [])) };
  }

  async list(user: Principal, status?: string): Promise<DraftView[]> {
    const all = user.roles.includes('admin') || user.roles.includes('auditor');
    const rows = await this.db.query(
      `SELECT * FROM drafts WHERE ($1::text IS NULL OR status = $1) AND ($2 OR department_code = $3) ORDER BY updated_at DESC LIMIT 200`,
      [status ?? null, all, user.departmentCode ?? ''],
    );
    return rows.map(draftView);
  }

  private async transition(
    id: string,
    from: string[],
    user: Principal,
    action: string,
    details: Record<string, unknown>,
    current: DraftView | undefined,
    set: (args: (v: unknown) => string) => { sql: string },
  ): Promise<DraftView> {
    const draft = current ?? (await this.get(id, user));
    this.assertDepartment(user, draft.departmentCode);
    const params: unknown[] = [id, from];
    const args = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const { sql } = set(args);
    return this.db.transaction(async (m) => {
      const [row] = returning(await m.query(`UPDATE drafts SET ${sql}, updated_at = now() WHERE id = $1 AND status = ANY($2) RETURNING *`, params));
      if (!row) throw new ConflictError(`draft ${id} is ${draft.status}; this step needs it to be ${from.join(' or ')}`);
      await this.audit.append(m, { actor: `user:${user.username}`, action, departmentCode: draft.departmentCode, outcome: row.status, details: { draftId: id, title: row.title, ...details } });
      return draftView(row);
    }).then((v) => this.withAttachments(v));
  }

  private globalId(id: string): string {
    const { catalogue, item } = this.disclosures.resolveItem(id);
    return `${catalogue.code}:${item.id}`;
  }

  private canSee(user: Principal, department: string): boolean {
    return user.roles.includes('admin') || user.roles.includes('auditor') || user.departmentCode === department;
  }

  private assertDepartment(user: Principal, department: string): void {
    if (!user.roles.includes('admin') && user.departmentCode !== department) {
      throw new ForbiddenError(`this belongs to department ${department}; you work for ${user.departmentCode ?? 'no department'}`);
    }
  }
}
