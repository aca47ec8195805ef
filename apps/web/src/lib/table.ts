import type { TablePaginationConfig } from 'antd';

// Shared pieces for the back office's antd Tables, so every list sorts and pages the same way. antd's own words
// (sort tips, 上一页/下一页, 条/页) come from the zh_CN locale set once in app.tsx's ConfigProvider.

/** Paging for a list the API returns whole: 20 a page, no pager when one page holds it all, the total in Chinese. */
export function paged(unit: string, pageSize = 20): TablePaginationConfig {
  return { pageSize, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} ${unit}` };
}

/** Chinese text in pinyin order (zh-CN collation); a missing value sorts as empty. */
export function byText<T>(get: (row: T) => string | null | undefined): (a: T, b: T) => number {
  return (a, b) => (get(a) ?? '').localeCompare(get(b) ?? '', 'zh-CN');
}

/** Smaller first; a row without the number sorts after the rest (before them when the column is sorted descending). */
export function byNumber<T>(get: (row: T) => number | null | undefined): (a: T, b: T) => number {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x == null || y == null) return x == null && y == null ? 0 : x == null ? 1 : -1;
    return x - y;
  };
}

/** Earlier first; a row without the time (no legal period, never connected) sorts as a missing number does. */
export function byTime<T>(get: (row: T) => string | null | undefined): (a: T, b: T) => number {
  return byNumber((r: T) => {
    const t = get(r);
    return t ? Date.parse(t) : null;
  });
}

/** By a fixed order of states (most urgent first), e.g. 已逾期 before 即将到期. */
export function byRank<T, K extends string>(order: readonly K[], get: (row: T) => K): (a: T, b: T) => number {
  return (a, b) => order.indexOf(get(a)) - order.indexOf(get(b));
}
