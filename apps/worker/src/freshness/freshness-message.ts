import { KIND_LABELS, type FreshnessEntry } from '../../../../libs/freshness/src/index.js';

export type FreshnessLevel = 'warning' | 'overdue';

function what(e: Pick<FreshnessEntry, 'targetType' | 'name'>): string {
  return e.targetType === 'column' ? `网站栏目「${e.name}」` : `渠道账号「${e.name}」`;
}

export function freshnessTitle(level: FreshnessLevel, e: Pick<FreshnessEntry, 'targetType' | 'name' | 'daysLeft'>): string {
  return level === 'overdue' ? `【更新超期】${what(e)}已超过更新期限` : `【更新预警】${what(e)}还剩 ${e.daysLeft} 天须更新`;
}

export function freshnessSummary(level: FreshnessLevel, e: Pick<FreshnessEntry, 'targetType' | 'name' | 'daysLeft' | 'lastUpdateDate' | 'dueDate'>): string {
  return level === 'overdue'
    ? `${what(e)}最近一次更新为 ${e.lastUpdateDate}，已于 ${e.dueDate} 到期未更新（超期 ${-(e.daysLeft ?? 0)} 天）。`
    : `${what(e)}最近一次更新为 ${e.lastUpdateDate}，须在 ${e.dueDate} 前（含当日）更新。`;
}

/** The e-mail body: plain zh-CN text naming the rule, so the office knows which inspection item is at stake. */
export function freshnessText(level: FreshnessLevel, e: FreshnessEntry): string {
  const lines = [
    freshnessSummary(level, e),
    '',
    `类别：${KIND_LABELS[e.rule.kind]}（更新期限 ${e.rule.limitDays} 天${e.rule.custom ? '，管理员设定' : '，按检查指标默认'}）`,
    `最近更新：${e.lastUpdateDate}${e.lastTitle ? `《${e.lastTitle}》` : ''}`,
    `到期日：${e.dueDate}`,
  ];
  if (e.office) lines.push(`责任科室：${e.office}`);
  lines.push(
    '',
    level === 'overdue'
      ? '依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号），栏目或账号长期未更新可能构成单项否决，请尽快发布更新。'
      : '请在到期前通过政务公开分发系统发布更新，以免被检查判定为长期未更新。',
  );
  return lines.join('\n');
}
