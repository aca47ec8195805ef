/** GET /api/freshness, as the back office reads it (docs/freshness.md). */
export type FreshnessState = 'ok' | 'warning' | 'overdue' | 'empty' | 'unchecked';

export interface FreshnessEntry {
  targetType: 'column' | 'account';
  target: string;
  name: string;
  departmentCode: string | null;
  office: string | null;
  state: FreshnessState;
  lastUpdateAt: string | null;
  lastUpdateDate: string | null;
  lastDisclosureId: string | null;
  lastTitle: string | null;
  dueDate: string | null;
  daysLeft: number | null;
  daysSince: number | null;
  rule: { kind: string; limitDays: number | null; warnDays: number; custom: boolean; updatedBy: string | null; updatedAt: string | null };
}

export interface Veto {
  code: string;
  label: string;
  value: number;
  threshold: number;
  crossed: boolean;
}

export interface FreshnessOverview {
  asOf: string;
  columns: FreshnessEntry[];
  accounts: FreshnessEntry[];
  inspection: { columns: number; staleColumns: number; staleKeyColumns: number; emptyColumns: number; staleNewMediaAccounts: number; homePageStale: boolean; vetoes: Veto[]; failed: boolean };
}

export const STATE_LABELS: Record<FreshnessState, string> = { ok: '正常', warning: '临期', overdue: '超期未更新', empty: '空白', unchecked: '不检查' };
export const STATE_BADGE: Record<FreshnessState, string> = { ok: 'good', warning: 'warn', overdue: 'bad', empty: 'bad', unchecked: 'muted' };
export const KIND_LABELS: Record<string, string> = {
  dynamic: '动态要闻类', notice: '通知公告、政策文件类', planning: '人事、规划计划类', static: '机构概况等静态类',
  new_media: '政务新媒体账号', home_page: '网站首页', other: '不检查更新',
};

export function daysLeftText(e: FreshnessEntry): string {
  if (e.daysLeft === null) return '—';
  if (e.daysLeft < 0) return `已超期 ${-e.daysLeft} 天`;
  if (e.daysLeft === 0) return '今天到期';
  return `还剩 ${e.daysLeft} 天`;
}
