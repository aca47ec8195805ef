import { useEffect, useState, type Key } from 'react';
import type { TableColumnsType, TablePaginationConfig, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { paged } from './table';

/**
 * The sort and page of an antd Table held by the page, not inside antd, so the page can turn to the row a person just
 * changed: saving a rule or a setting can move a row (the server sorts by state) onto another page, out of sight.
 * `reveal` is that row's key; the table turns to its page whenever the rows or `reveal` change (keep `rows` the same
 * array between renders, e.g. with useMemo, or every render turns the page back).
 */
export function useTableView<T>(columns: TableColumnsType<T>, rows: readonly T[], keyOf: (row: T) => Key, unit: string, reveal?: Key | null) {
  const [sort, setSort] = useState<{ key?: Key; order?: SortOrder }>({});
  const [current, setCurrent] = useState(1);
  const pagination = paged(unit);
  const size = pagination.pageSize ?? 20;

  useEffect(() => {
    if (reveal == null) return;
    const at = sorted(columns, rows, sort).findIndex((r) => keyOf(r) === reveal);
    if (at >= 0) setCurrent(Math.floor(at / size) + 1);
    // columns are rebuilt every render; the rows, the row to show and the sort are what move it
  }, [rows, reveal]); // eslint-disable-line react-hooks/exhaustive-deps

  const onChange: TableProps<T>['onChange'] = (p, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort({ key: one?.columnKey, order: one?.order ?? undefined });
    setCurrent(p.current ?? 1);
  };
  return {
    columns: columns.map((c) => ('sorter' in c && c.sorter ? { ...c, sortOrder: sort.key === c.key ? (sort.order ?? null) : null } : c)),
    pagination: { ...pagination, current } satisfies TablePaginationConfig,
    onChange,
  };
}

/** The rows in the order the table shows them: antd's own rule (the column's compare, reversed for descending). */
function sorted<T>(columns: TableColumnsType<T>, rows: readonly T[], sort: { key?: Key; order?: SortOrder }): readonly T[] {
  const col = columns.find((c) => c.key === sort.key);
  const compare = col && 'sorter' in col && typeof col.sorter === 'function' ? col.sorter : null;
  if (!compare || !sort.order) return rows;
  const sign = sort.order === 'descend' ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b, sort.order));
}
