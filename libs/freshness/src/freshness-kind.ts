/**
 * Update rules of the State Council's 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号), by kind of column.
 * The limits are calendar days, as the inspection counts them. Six months is read as 180 days and a year as 365:
 * never later than the inspector's own count (the shortest half-year has 181 days), so a column is never judged
 * fresh by us and stale by the inspection.
 */
export const FRESHNESS_KINDS = ['dynamic', 'notice', 'planning', 'static', 'new_media', 'home_page', 'other'] as const;
export type FreshnessKind = (typeof FRESHNESS_KINDS)[number];

/** Days allowed without an update; null: not checked for updates (a static column is still checked for emptiness). */
export const DEFAULT_LIMIT_DAYS: Record<FreshnessKind, number | null> = {
  dynamic: 14, // 动态、要闻: 2 weeks
  notice: 180, // 通知公告、政策文件: 6 months
  planning: 365, // 人事、规划计划: 1 year
  static: null, // 机构概况、指南: updated when they change
  new_media: 14, // 政务新媒体 accounts: 2 weeks
  home_page: 14, // the website's home page: 2 weeks
  other: null,
};

/** Days before the limit at which the office responsible is warned, unless a rule says otherwise. */
export const DEFAULT_WARN_DAYS = 3;

export const KIND_LABELS: Record<FreshnessKind, string> = {
  dynamic: '动态要闻类', notice: '通知公告、政策文件类', planning: '人事、规划计划类', static: '机构概况等静态类',
  new_media: '政务新媒体账号', home_page: '网站首页', other: '不检查更新',
};

/**
 * Column names → kind, first match wins, matched on the catalogue item's path (the column names, not the free
 * text of its content, which mentions everything). The order puts the specific before the general: 机构领导 is
 * static though a leader is a person; 年度重点工作 is planning though it names 工作. Unmatched columns are
 * `notice`, the 6-month rule, because the inspection expects every column to be maintained.
 */
export const KIND_KEYWORDS: readonly { kind: FreshnessKind; words: readonly string[] }[] = [
  { kind: 'static', words: ['机关简介', '机构领导', '下属机构', '议事协调机构', '机构职能', '指南', '领导信息'] },
  { kind: 'dynamic', words: ['动态', '要闻', '新闻', '会议'] },
  { kind: 'planning', words: ['人事', '计划', '规划', '总结', '年度', '重点工作', '预决算', '专项资金', '建议提案'] },
  { kind: 'notice', words: ['通知', '公告', '公示', '政策', '文件', '解读', '意见征集', '采购'] },
];

/** The kind of a website column, derived from its catalogue path (e.g. [其他相关信息, 工作动态] → dynamic). */
export function kindOfColumn(path: readonly string[]): FreshnessKind {
  const names = path.join('/');
  for (const { kind, words } of KIND_KEYWORDS) if (words.some((w) => names.includes(w))) return kind;
  return 'notice';
}

/** The kind of a channel account: the new-media carriers and the website (its home page) are inspected. */
export function kindOfChannel(channel: { name: string; carriers: readonly string[] }): FreshnessKind {
  if (channel.carriers.includes('new_media')) return 'new_media';
  if (channel.carriers.includes('website')) return 'home_page';
  return 'other';
}
