import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CARRIER_LABELS, CARRIERS, type Carrier } from '../../../catalogue/src/carriers.js';
import { beijingDayStart, beijingMinute, nextDay, zhDuration } from './zh-time.js';

export interface ComplianceQuery {
  /** first Beijing calendar day of the period, YYYY-MM-DD */
  from: string;
  /** last Beijing calendar day of the period (inclusive), YYYY-MM-DD */
  to: string;
  department?: string;
}

export interface CarrierCounts {
  carrier: string;
  label: string;
  total: number;
  onTime: number;
  late: number;
  missing: number;
  waiting: number;
}

export interface DeliveryLine {
  deliveryId: string;
  disclosureId: string;
  title: string;
  departmentCode: string;
  carrier: string;
  carrierLabel: string;
  channel: string;
  status: string;
  attempts: number;
  dueAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

export interface LateLine extends DeliveryLine {
  lateByMs: number;
  /** zh-CN: why it was late, as far as the record tells */
  reasons: string[];
}

export interface OverdueLine extends DeliveryLine {
  overdueByMs: number;
  publishedInPeriod: boolean;
}

export interface ComplianceReport {
  period: { from: string; to: string; department: string | null; generatedAt: string };
  published: {
    count: number;
    items: { id: string; title: string; catalogueItemId: string; departmentCode: string; publishedAt: string; dueAt: string | null; status: string }[];
    truncated: boolean;
  };
  carriers: CarrierCounts[];
  totals: Omit<CarrierCounts, 'carrier' | 'label'>;
  late: LateLine[];
  missing: DeliveryLine[];
  overdueNow: { count: number; items: OverdueLine[]; truncated: boolean };
}

const LIST_CAP = 5000;

/**
 * Classification of one delivery (a disclosure × carrier × channel; follow-up tasks of updates and withdrawals
 * are not publications and are left out):
 *   delivered — it reached the carrier (delivered_at set, or delivered/confirmed): on time unless on_time is false
 *               (or, where on_time was never set, unless delivered_at is after the disclosure's due_at);
 *   missing   — never delivered and no longer trying: failed, unconfirmed, or withdrawn before delivery;
 *   waiting   — never delivered and still on its way: queued, in_progress, awaiting_confirmation.
 */
const DELIVERED = `(x.delivered_at IS NOT NULL OR x.status IN ('delivered','confirmed'))`;
const LATE = `(${DELIVERED} AND (x.on_time = false OR (x.on_time IS NULL AND d.due_at IS NOT NULL AND x.delivered_at > d.due_at)))`;
const MISSING = `(NOT ${DELIVERED} AND x.status IN ('failed','unconfirmed','withdrawn'))`;
const WAITING = `(NOT ${DELIVERED} AND x.status IN ('queued','in_progress','awaiting_confirmation'))`;

const carrierLabel = (c: string) => CARRIER_LABELS[c as Carrier] ?? c;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function line(r: Record<string, any>): DeliveryLine {
  return {
    deliveryId: r.id, disclosureId: r.disclosure_id, title: r.title, departmentCode: r.department_code, carrier: r.carrier,
    carrierLabel: carrierLabel(r.carrier), channel: r.channel, status: r.status, attempts: r.attempts, dueAt: iso(r.due_at),
    deliveredAt: iso(r.delivered_at), lastError: r.last_error ?? null,
  };
}

/** Was it published on time, everywhere it had to go? For one period (by publish time) and department. */
@Injectable()
export class ComplianceReportService {
  constructor(private readonly db: DataSource) {}

  async departmentExists(code: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM departments WHERE code = $1`, [code])).length > 0;
  }

  async build(q: ComplianceQuery, now = new Date()): Promise<ComplianceReport> {
    const start = beijingDayStart(q.from);
    const end = beijingDayStart(nextDay(q.to));
    const args: unknown[] = [start, end];
    let dept = '';
    if (q.department) {
      args.push(q.department);
      dept = `AND d.department_code = $${args.length}`;
    }
    const inPeriod = `d.created_at >= $1 AND d.created_at < $2 ${dept}`;
    const primary = `FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id WHERE x.follow_up_of IS NULL AND ${inPeriod}`;

    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM disclosures d WHERE ${inPeriod}`, args);
    const items = await this.db.query(
      `SELECT id, title, catalogue_code, item_id, department_code, created_at, due_at, status FROM disclosures d WHERE ${inPeriod}
       ORDER BY created_at, id LIMIT ${LIST_CAP}`,
      args,
    );

    const counts: Record<string, any>[] = await this.db.query(
      `SELECT x.carrier, count(*)::int AS total,
         count(*) FILTER (WHERE ${DELIVERED} AND NOT ${LATE})::int AS on_time,
         count(*) FILTER (WHERE ${LATE})::int AS late,
         count(*) FILTER (WHERE ${MISSING})::int AS missing,
         count(*) FILTER (WHERE ${WAITING})::int AS waiting
       ${primary} GROUP BY x.carrier`,
      args,
    );
    const order = (c: string) => (CARRIERS as readonly string[]).indexOf(c) >>> 0;
    const carriers: CarrierCounts[] = counts
      .map((r) => ({ carrier: r.carrier, label: carrierLabel(r.carrier), total: r.total, onTime: r.on_time, late: r.late, missing: r.missing, waiting: r.waiting }))
      .sort((a, b) => order(a.carrier) - order(b.carrier));
    const totals = carriers.reduce(
      (t, c) => ({ total: t.total + c.total, onTime: t.onTime + c.onTime, late: t.late + c.late, missing: t.missing + c.missing, waiting: t.waiting + c.waiting }),
      { total: 0, onTime: 0, late: 0, missing: 0, waiting: 0 },
    );

    const lateRows = await this.db.query(
      `SELECT x.*, d.title, d.department_code, d.due_at, d.created_at AS published_at ${primary} AND ${LATE}
       ORDER BY d.created_at, x.carrier, x.channel LIMIT ${LIST_CAP}`,
      args,
    );
    const late = await this.withReasons(lateRows);
    const missing = (await this.db.query(
      `SELECT x.*, d.title, d.department_code, d.due_at ${primary} AND ${MISSING} ORDER BY d.created_at, x.carrier, x.channel LIMIT ${LIST_CAP}`,
      args,
    )).map(line);

    // "overdue now" is about today, not the period: anything of the department still owed past its time limit
    const overdueArgs: unknown[] = q.department ? [now, q.department] : [now];
    const overdueWhere = `FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id
       WHERE x.follow_up_of IS NULL AND NOT ${DELIVERED} AND x.status <> 'withdrawn' AND d.status <> 'withdrawn'
         AND d.due_at IS NOT NULL AND d.due_at < $1 ${q.department ? 'AND d.department_code = $2' : ''}`;
    const [{ n: overdueCount }] = await this.db.query(`SELECT count(*)::int AS n ${overdueWhere}`, overdueArgs);
    const p = overdueArgs.length;
    const overdueRows = await this.db.query(
      `SELECT x.*, d.title, d.department_code, d.due_at, (d.created_at >= $${p + 1} AND d.created_at < $${p + 2}) AS in_period ${overdueWhere}
       ORDER BY d.due_at, x.carrier, x.channel LIMIT ${LIST_CAP}`,
      [...overdueArgs, start, end],
    );

    return {
      period: { from: q.from, to: q.to, department: q.department ?? null, generatedAt: now.toISOString() },
      published: {
        count,
        items: items.map((r: Record<string, any>) => ({
          id: r.id, title: r.title, catalogueItemId: `${r.catalogue_code}:${r.item_id}`, departmentCode: r.department_code,
          publishedAt: iso(r.created_at)!, dueAt: iso(r.due_at), status: r.status,
        })),
        truncated: count > items.length,
      },
      carriers,
      totals,
      late,
      missing,
      overdueNow: {
        count: overdueCount,
        items: overdueRows.map((r: Record<string, any>) => ({ ...line(r), overdueByMs: now.getTime() - new Date(r.due_at).getTime(), publishedInPeriod: r.in_period })),
        truncated: overdueCount > overdueRows.length,
      },
    };
  }

  /** The record's own account of each late delivery: published late, failed attempts, a person's confirmation. */
  private async withReasons(rows: Record<string, any>[]): Promise<LateLine[]> {
    if (rows.length === 0) return [];
    const problems: { delivery_id: string; outcome: string; error: string | null; at: Date }[] = await this.db.query(
      `SELECT delivery_id, outcome, details->>'error' AS error, at FROM audit_log
       WHERE disclosure_id = ANY($1) AND delivery_id = ANY($2)
         AND action IN ('delivery.attempt','delivery.remote_result') AND outcome NOT IN ('delivered','confirmed','withdrawn')
       ORDER BY id`,
      [[...new Set(rows.map((r) => r.disclosure_id))], rows.map((r) => r.id)],
    );
    const byDelivery = new Map<string, typeof problems>();
    for (const p of problems) byDelivery.set(p.delivery_id, [...(byDelivery.get(p.delivery_id) ?? []), p]);
    return rows.map((r) => {
      const l = line(r);
      const due = r.due_at ? new Date(r.due_at) : null;
      const delivered = r.delivered_at ? new Date(r.delivered_at) : null;
      const lateByMs = due && delivered ? Math.max(0, delivered.getTime() - due.getTime()) : 0;
      const reasons: string[] = [];
      if (due && delivered) reasons.push(`公开时限 ${beijingMinute(due)}，实际送达 ${beijingMinute(delivered)}，逾期 ${zhDuration(lateByMs)}`);
      if (due && new Date(r.published_at) > due) reasons.push(`发布时已超过公开时限（发布于 ${beijingMinute(r.published_at)}）`);
      const failures = byDelivery.get(r.id) ?? [];
      if (failures.length) {
        const errors = [...new Set(failures.map((f) => f.error).filter((e): e is string => !!e))];
        reasons.push(`送达前有 ${failures.length} 次未成功${errors.length ? `：${errors.slice(0, 3).join('；')}` : ''}`);
      } else if (r.last_error) {
        reasons.push(`最近一次错误：${r.last_error}`);
      }
      if (r.status === 'confirmed') reasons.push('由人工确认完成');
      return { ...l, lateByMs, reasons };
    });
  }
}
