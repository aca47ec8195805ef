import { useMemo, useState } from 'react';
import { useSession } from '../../auth/session';
import { Empty, ErrorBanner, Loading, PageTitle, Select } from '../../components/ui';
import { Table, type TableColumnsType } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { byNumber, byRank, byText, byTime } from '../../lib/table';
import { useTableView } from '../../lib/use-table-view';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { UnreadNotes } from '../notifications/UnreadNotes';
import { FreshnessRuleForm } from './FreshnessRuleForm';
import { daysLeftText, KIND_LABELS, STATE_BADGE, STATE_LABELS, type FreshnessEntry, type FreshnessOverview, type FreshnessState } from './freshness-types';

// most urgent first when a person sorts by 状态, the order the server lists them in (libs/freshness)
const STATE_ORDER: FreshnessState[] = ['overdue', 'warning', 'empty', 'ok', 'unchecked'];

const keyOf = (e: FreshnessEntry) => `${e.targetType}:${e.target}`;

interface RowsProps {
  caption: string;
  items: FreshnessEntry[];
  canEdit: boolean;
  onEdit: (e: FreshnessEntry) => void;
  /** the entry whose rule was just saved: its new state can move it to another page, which the table turns to */
  saved: string | null;
}

function Rows({ caption, items, canEdit, onEdit, saved }: RowsProps) {
  const columns: TableColumnsType<FreshnessEntry> = [
    {
      title: '状态',
      key: 'state',
      sorter: byRank(STATE_ORDER, (e) => e.state),
      render: (_, e) => <span className={`badge badge-${STATE_BADGE[e.state]}`}>{STATE_LABELS[e.state]}</span>,
    },
    { title: caption, key: 'name', sorter: byText((e) => e.name), render: (_, e) => e.name },
    {
      title: '类别与期限',
      key: 'rule',
      className: 'small',
      render: (_, e) => (
        <>
          {KIND_LABELS[e.rule.kind] ?? e.rule.kind}，{e.rule.limitDays === null ? '不检查更新' : `${e.rule.limitDays} 天`}
          {e.rule.custom && '（自定义）'}
        </>
      ),
    },
    {
      title: '最近更新',
      key: 'lastUpdate',
      className: 'small',
      sorter: byTime((e) => e.lastUpdateAt),
      render: (_, e) => (e.lastUpdateDate ? <>{e.lastUpdateDate} {e.lastDisclosureId && <Link to={`/disclosures/${e.lastDisclosureId}`}>{e.lastTitle}</Link>}</> : '从未更新'),
    },
    { title: '剩余', key: 'daysLeft', sorter: byNumber((e) => e.daysLeft), render: (_, e) => daysLeftText(e) },
    { title: '责任科室', key: 'office', sorter: byText((e) => e.office), render: (_, e) => e.office ?? '—' },
  ];
  if (canEdit)
    columns.push({
      title: '规则',
      key: 'edit',
      render: (_, e) => (
        <button type="button" className="button small" onClick={() => onEdit(e)} aria-label={`修改规则：${e.name}`}>
          修改
        </button>
      ),
    });
  const view = useTableView(columns, items, keyOf, '项', saved);
  if (!items.length) return <Empty>没有符合条件的{caption}。</Empty>;
  return (
    <Table<FreshnessEntry>
      className="freshness-table"
      aria-label={caption}
      rowKey="target"
      size="middle"
      dataSource={items}
      columns={view.columns}
      rowClassName={(e) => `row-${e.state}`}
      // the server's order (most urgent first) until a person sorts; a site has dozens of columns
      pagination={view.pagination}
      onChange={view.onChange}
    />
  );
}

/** 更新监测: every website column and channel account against the inspection's update limits (docs/freshness.md). */
export function FreshnessPage() {
  const { can } = useSession();
  const [state, setState] = useState(useSearchParams()[0].get('state') ?? '');
  const [editing, setEditing] = useState<FreshnessEntry | null>(null);
  const { data, error, loading, reload } = useApiQuery<FreshnessOverview>('/api/freshness');
  const [saved, setSaved] = useState<string | null>(null);
  // kept between renders: the tables turn to the saved entry's page only when the rows change
  const [accounts, columns] = useMemo(() => {
    const pick = (items: FreshnessEntry[]) => (state ? items.filter((e) => e.state === (state as FreshnessState)) : items);
    return [pick(data?.accounts ?? []), pick(data?.columns ?? [])];
  }, [data, state]);
  const isAdmin = can('admin');
  return (
    <>
      <PageTitle>更新监测</PageTitle>
      <UnreadNotes kind="freshness" title="未读更新提醒" />
      <div className="filters">
        <Select label="状态" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">全部</option>
          {Object.entries(STATE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
      </div>
      <ErrorBanner error={error} />
      {editing && (
        <FreshnessRuleForm
          key={editing.targetType + editing.target}
          entry={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setSaved(keyOf(editing));
            setEditing(null);
            reload();
          }}
        />
      )}
      {loading && !data ? (
        <Loading what="更新情况" />
      ) : data ? (
        <>
          <p className="muted">
            统计时间：{fmtDateTime(data.asOf)}。只计已送达的发布；期限按自然日计算，依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）。
          </p>
          <h2>单项否决指标</h2>
          <ul className="veto-list">
            {data.inspection.vetoes.map((v) => (
              <li key={v.code}>
                <span className={`badge badge-${v.crossed ? 'bad' : 'good'}`}>{v.crossed ? '已触及' : '未触及'}</span> {v.label}：现为 {v.value}，否决线 {v.threshold}
              </li>
            ))}
          </ul>
          <h2>渠道账号</h2>
          <Rows caption="渠道账号" items={accounts} canEdit={isAdmin} onEdit={setEditing} saved={saved} />
          <h2>网站栏目</h2>
          <Rows caption="网站栏目" items={columns} canEdit={isAdmin} onEdit={setEditing} saved={saved} />
        </>
      ) : null}
    </>
  );
}
