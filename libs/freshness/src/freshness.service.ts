import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/src/index.js';
import { CatalogueService } from '../../catalogue/src/index.js';
import { ChannelRegistry } from '../../channels/src/index.js';
import { DEFAULT_LIMIT_DAYS, DEFAULT_WARN_DAYS, kindOfChannel, kindOfColumn, type FreshnessKind } from './freshness-kind.js';
import { judgeFreshness, type FreshnessJudgement } from './freshness-state.js';
import { inspectionFigures, type InspectionFigures } from './inspection-figures.js';

export type TargetType = 'column' | 'account';

export interface FreshnessRule {
  kind: FreshnessKind;
  limitDays: number | null;
  warnDays: number;
  /** true when an admin set it; false when it is the kind's default */
  custom: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface FreshnessEntry extends FreshnessJudgement {
  targetType: TargetType;
  /** column: '<catalogue>:<item>'; account: the channel name */
  target: string;
  name: string;
  departmentCode: string | null;
  office: string | null;
  rule: FreshnessRule;
  lastUpdateAt: string | null;
  /** the disclosure delivered last, for a link */
  lastDisclosureId: string | null;
  lastTitle: string | null;
}

export interface FreshnessOverview {
  asOf: string;
  columns: FreshnessEntry[];
  accounts: FreshnessEntry[];
  inspection: InspectionFigures;
}

interface LastRow {
  key: string;
  at: Date;
  disclosure_id: string;
  title: string;
}

interface RuleRow {
  target_type: TargetType;
  target: string;
  limit_days: number | null;
  warn_days: number;
  updated_by: string;
  updated_at: Date;
}

export class FreshnessRuleError extends Error {
  constructor(readonly field: string, message: string, readonly status: 400 | 404) {
    super(message);
  }
}

/**
 * Per website column (catalogue item with the website carrier) and per channel account: when it was last updated
 * by a delivery that actually reached it (delivered_at set, i.e. delivered or confirmed, not merely queued), and
 * what the inspection rules make of that. Withdrawn disclosures do not count: the update is no longer there.
 */
@Injectable()
export class FreshnessService {
  constructor(
    private readonly db: DataSource,
    private readonly catalogues: CatalogueService,
    private readonly channels: ChannelRegistry,
    private readonly audit: AuditService,
  ) {}

  async departmentExists(code: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM departments WHERE code = $1`, [code])).length > 0;
  }

  async overview(now: Date = new Date(), department?: string): Promise<FreshnessOverview> {
    const rules = await this.rules();
    const [columnRows, accountRows]: [LastRow[], LastRow[]] = await Promise.all([
      this.db.query(
        `SELECT DISTINCT ON (d.catalogue_code, d.item_id) d.catalogue_code || ':' || d.item_id AS key, x.delivered_at AS at, d.id AS disclosure_id, d.title
         FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id
         WHERE x.carrier = 'website' AND x.delivered_at IS NOT NULL AND x.delivered_at <= $1 AND x.follow_up_of IS NULL
           AND x.status <> 'withdrawn' AND d.status <> 'withdrawn'
         ORDER BY d.catalogue_code, d.item_id, x.delivered_at DESC`,
        [now],
      ),
      this.db.query(
        `SELECT DISTINCT ON (x.channel) x.channel AS key, x.delivered_at AS at, d.id AS disclosure_id, d.title
         FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id
         WHERE x.delivered_at IS NOT NULL AND x.delivered_at <= $1 AND x.follow_up_of IS NULL
           AND x.status <> 'withdrawn' AND d.status <> 'withdrawn'
         ORDER BY x.channel, x.delivered_at DESC`,
        [now],
      ),
    ]);
    const lastColumn = new Map(columnRows.map((r) => [r.key, r]));
    const lastAccount = new Map(accountRows.map((r) => [r.key, r]));

    const columns: FreshnessEntry[] = [];
    for (const cat of this.catalogues.list()) {
      if (department && cat.department !== department) continue;
      for (const item of cat.items) {
        if (!item.carriers.includes('website')) continue;
        const target = `${cat.code}:${item.id}`;
        const rule = this.ruleFor(rules, 'column', target, kindOfColumn(item.path));
        columns.push(this.entry('column', target, item.path.join(' / '), cat.department, item.office, rule, lastColumn.get(target), now));
      }
    }
    const accounts: FreshnessEntry[] = [];
    for (const ch of this.channels.list()) {
      if (ch.name === 'manual') continue; // manual tasks are people, not an account anyone inspects
      const rule = this.ruleFor(rules, 'account', ch.name, kindOfChannel(ch));
      accounts.push(this.entry('account', ch.name, ch.label ?? ch.name, null, null, rule, lastAccount.get(ch.name), now));
    }
    const order = { overdue: 0, warning: 1, empty: 2, ok: 3, unchecked: 4 } as const;
    const sort = (a: FreshnessEntry, b: FreshnessEntry) => order[a.state] - order[b.state] || (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.target.localeCompare(b.target);
    columns.sort(sort);
    accounts.sort(sort);
    return { asOf: now.toISOString(), columns, accounts, inspection: inspectionFigures(columns, accounts) };
  }

  /** Sets a target's rule (an override of its kind's default); `limitDays: null` turns the update check off. */
  async setRule(targetType: TargetType, target: string, input: { limitDays: number | null; warnDays?: number }, actor: string): Promise<FreshnessRule> {
    const kind = this.kindOf(targetType, target);
    const warnDays = input.warnDays ?? DEFAULT_WARN_DAYS;
    if (input.limitDays !== null && warnDays >= input.limitDays) {
      throw new FreshnessRuleError('warnDays', 'warnDays（提前预警天数）须小于 limitDays（更新期限天数）', 400);
    }
    return this.db.transaction(async (m) => {
      const [before]: RuleRow[] = await m.query(`SELECT * FROM freshness_rules WHERE target_type = $1 AND target = $2 FOR UPDATE`, [targetType, target]);
      const [row]: RuleRow[] = await m.query(
        `INSERT INTO freshness_rules (target_type, target, limit_days, warn_days, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (target_type, target) DO UPDATE SET limit_days = EXCLUDED.limit_days, warn_days = EXCLUDED.warn_days,
           updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING *`,
        [targetType, target, input.limitDays, warnDays, actor],
      );
      await this.audit.append(m, {
        actor, action: 'freshness.rule_set', outcome: 'ok',
        catalogueCode: targetType === 'column' ? target.split(':')[0] : null, channel: targetType === 'account' ? target : null,
        details: {
          targetType, target, kind,
          before: before ? { limitDays: before.limit_days, warnDays: before.warn_days } : { limitDays: DEFAULT_LIMIT_DAYS[kind], warnDays: DEFAULT_WARN_DAYS, default: true },
          after: { limitDays: row.limit_days, warnDays: row.warn_days },
        },
      });
      return this.toRule(kind, row);
    });
  }

  /** Drops the override: the target follows its kind's default again. */
  async resetRule(targetType: TargetType, target: string, actor: string): Promise<FreshnessRule> {
    const kind = this.kindOf(targetType, target);
    await this.db.transaction(async (m) => {
      const deleted: RuleRow[] = await m.query(`DELETE FROM freshness_rules WHERE target_type = $1 AND target = $2 RETURNING *`, [targetType, target]);
      if (deleted.length === 0) return;
      await this.audit.append(m, {
        actor, action: 'freshness.rule_reset', outcome: 'ok',
        catalogueCode: targetType === 'column' ? target.split(':')[0] : null, channel: targetType === 'account' ? target : null,
        details: { targetType, target, kind, before: { limitDays: deleted[0].limit_days, warnDays: deleted[0].warn_days } },
      });
    });
    return { kind, limitDays: DEFAULT_LIMIT_DAYS[kind], warnDays: DEFAULT_WARN_DAYS, custom: false, updatedBy: null, updatedAt: null };
  }

  /** The kind of an existing target, or a 404 naming the field when there is no such column or account. */
  kindOf(targetType: TargetType, target: string): FreshnessKind {
    if (targetType === 'column') {
      const [code, itemId] = target.split(':');
      const item = itemId ? this.catalogues.get(code)?.byId.get(itemId) : undefined;
      if (!item || !item.carriers.includes('website')) throw new FreshnessRuleError('target', `target：没有网站栏目“${target}”（格式为 目录代码:事项编号，且该事项勾选了政府网站）`, 404);
      return kindOfColumn(item.path);
    }
    const ch = this.channels.get(target);
    if (!ch || ch.name === 'manual') throw new FreshnessRuleError('target', `target：没有渠道账号“${target}”`, 404);
    return kindOfChannel(ch);
  }

  private async rules(): Promise<Map<string, RuleRow>> {
    const rows: RuleRow[] = await this.db.query(`SELECT * FROM freshness_rules`);
    return new Map(rows.map((r) => [`${r.target_type}|${r.target}`, r]));
  }

  private ruleFor(rules: Map<string, RuleRow>, type: TargetType, target: string, kind: FreshnessKind): FreshnessRule {
    const row = rules.get(`${type}|${target}`);
    return row ? this.toRule(kind, row) : { kind, limitDays: DEFAULT_LIMIT_DAYS[kind], warnDays: DEFAULT_WARN_DAYS, custom: false, updatedBy: null, updatedAt: null };
  }

  private toRule(kind: FreshnessKind, row: RuleRow): FreshnessRule {
    return { kind, limitDays: row.limit_days, warnDays: row.warn_days, custom: true, updatedBy: row.updated_by, updatedAt: new Date(row.updated_at).toISOString() };
  }

  private entry(targetType: TargetType, target: string, name: string, departmentCode: string | null, office: string | null,
    rule: FreshnessRule, last: LastRow | undefined, now: Date): FreshnessEntry {
    const at = last ? new Date(last.at) : null;
    return {
      targetType, target, name, departmentCode, office, rule, ...judgeFreshness(at, rule.limitDays, rule.warnDays, now),
      lastUpdateAt: at?.toISOString() ?? null, lastDisclosureId: last?.disclosure_id ?? null, lastTitle: last?.title ?? null,
    };
  }
}
