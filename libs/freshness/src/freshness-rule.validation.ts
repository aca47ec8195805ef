/** A rule an admin sets: null limitDays turns the update check off for that target; warnDays must leave room. */
export interface RuleInput {
  limitDays?: unknown;
  warnDays?: unknown;
}

export interface RuleProblem {
  field: 'limitDays' | 'warnDays' | 'targetType' | 'target';
  message: string;
}

export const MAX_LIMIT_DAYS = 3660;

/** Checks a rule body; messages are zh-CN and name the field, as the back office shows them verbatim. */
export function ruleProblems(body: RuleInput): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const { limitDays, warnDays } = body;
  if (limitDays !== null && (typeof limitDays !== 'number' || !Number.isInteger(limitDays) || limitDays < 1 || limitDays > MAX_LIMIT_DAYS)) {
    problems.push({ field: 'limitDays', message: `limitDays（更新期限天数）须为 1 至 ${MAX_LIMIT_DAYS} 的整数，或 null 表示不检查更新` });
  }
  if (warnDays !== undefined && (typeof warnDays !== 'number' || !Number.isInteger(warnDays) || warnDays < 0 || warnDays > 365)) {
    problems.push({ field: 'warnDays', message: 'warnDays（提前预警天数）须为 0 至 365 的整数' });
  } else if (typeof warnDays === 'number' && typeof limitDays === 'number' && problems.length === 0 && warnDays >= limitDays) {
    problems.push({ field: 'warnDays', message: 'warnDays（提前预警天数）须小于 limitDays（更新期限天数）' });
  }
  return problems;
}
