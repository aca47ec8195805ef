import type { FreshnessEntry } from './freshness.service.js';

/**
 * The figures an inspector checks under 国办秘函〔2019〕19号, and whether a 单项否决 threshold is crossed. Each
 * veto is listed with its threshold so the report reads the same as the inspection sheet.
 */
export interface InspectionFigures {
  columns: number;
  /** columns past their update limit (any kind with a limit) */
  staleColumns: number;
  /** of those, 动态要闻 (14 days) and 通知公告/政策文件 (6 months) columns */
  staleKeyColumns: number;
  emptyColumns: number;
  accounts: number;
  /** new-media accounts with no update within their limit (14 days by default), or never updated */
  staleNewMediaAccounts: number;
  homePageStale: boolean;
  vetoes: { code: string; label: string; value: number; threshold: number; crossed: boolean }[];
  failed: boolean;
}

export function inspectionFigures(columns: readonly FreshnessEntry[], accounts: readonly FreshnessEntry[]): InspectionFigures {
  const stale = columns.filter((c) => c.state === 'overdue');
  const staleKey = stale.filter((c) => c.rule.kind === 'dynamic' || c.rule.kind === 'notice');
  const empty = columns.filter((c) => c.state === 'empty');
  const newMedia = accounts.filter((a) => a.rule.kind === 'new_media');
  const staleNewMedia = newMedia.filter((a) => a.state === 'overdue' || a.state === 'empty');
  const home = accounts.filter((a) => a.rule.kind === 'home_page');
  const homeStale = home.some((a) => a.state === 'overdue' || a.state === 'empty');
  const vetoes = [
    { code: 'home_page', label: '网站首页超过2周未更新', value: homeStale ? 1 : 0, threshold: 1 },
    { code: 'key_columns', label: '动态要闻类栏目超过2周、通知公告政策文件类栏目超过6个月未更新（5个及以上）', value: staleKey.length, threshold: 5 },
    { code: 'stale_columns', label: '应更新但长期未更新的栏目（10个及以上）', value: stale.length, threshold: 10 },
    { code: 'empty_columns', label: '空白栏目（5个及以上）', value: empty.length, threshold: 5 },
    { code: 'new_media', label: '政务新媒体账号超过2周未更新', value: staleNewMedia.length, threshold: 1 },
  ].map((v) => ({ ...v, crossed: v.value >= v.threshold }));
  return {
    columns: columns.length, staleColumns: stale.length, staleKeyColumns: staleKey.length, emptyColumns: empty.length,
    accounts: accounts.length, staleNewMediaAccounts: staleNewMedia.length, homePageStale: homeStale,
    vetoes, failed: vetoes.some((v) => v.crossed),
  };
}
