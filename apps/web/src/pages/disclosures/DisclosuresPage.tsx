import { useEffect, useState, type FormEvent } from 'react';
import { get, qs } from '../../api/client';
import type { Disclosure, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { Table, type TableColumnsType } from 'antd';
import { DateField } from '../../components/DateField';
import { Empty, ErrorBanner, Loading, PageTitle, Select, StatusBadge } from '../../components/ui';
import { dayStart, fmtDateTime } from '../../lib/format';
import { byTime } from '../../lib/table';
import { DISCLOSURE_STATUS, DELIVERY_STATUS, label } from '../../lib/labels';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDepartmentName } from '../../lib/departments';
import { useApiQuery } from '../../api/use-api';
import { useCatalogue } from '../compose/use-catalogue';
import { channelName, useChannels } from './use-channels';

const KEYS = ['status', 'department', 'item', 'channel', 'from', 'to', 'overdue'] as const;
type Filters = Record<(typeof KEYS)[number], string>;

export function DisclosuresPage() {
  const query = useSearchParams()[0];
  const navigate = useNavigate();
  const { can } = useSession();
  const current = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? ''])) as Filters;
  const [form, setForm] = useState<Filters>(current);
  useEffect(() => setForm(current), [query.toString()]);
  const channels = useChannels();
  const deptName = useDepartmentName();
  const { data: catalogue } = useCatalogue();
  const departments = useApiQuery<{ items: { code: string; name: string }[] }>(can('admin') ? '/api/departments' : null);

  const apiPath =
    '/api/disclosures' +
    qs({
      status: current.status, department: current.department, item: current.item, channel: current.channel,
      from: current.from ? dayStart(current.from) : undefined, to: current.to ? dayStart(current.to, true) : undefined,
      overdue: current.overdue === 'true' ? 'true' : undefined, limit: 50,
    });
  const { data, error, loading } = useApiQuery<Page<Disclosure>>(apiPath);
  const [more, setMore] = useState<{ items: Disclosure[]; next: string | null; error?: unknown }>({ items: [], next: null });
  useEffect(() => setMore({ items: [], next: data?.nextCursor ?? null }), [data]);

  function apply(e: FormEvent) {
    e.preventDefault();
    navigate(`/disclosures${qs(form)}`);
  }
  async function loadMore() {
    if (!more.next) return;
    const page = await get<Page<Disclosure>>(`${apiPath}&cursor=${encodeURIComponent(more.next)}`);
    setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor }));
  }
  const rows = [...(data?.items ?? []), ...more.items];
  const columns: TableColumnsType<Disclosure> = [
    {
      title: '标题',
      key: 'title',
      sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
      render: (_, d) => (
        <>
          <Link to={`/disclosures/${d.id}`}>{d.title}</Link>
          <div className="muted small">{(d.metadata.itemPath ?? []).join(' / ')}</div>
        </>
      ),
    },
    { title: '部门', key: 'department', render: (_, d) => deptName(d.departmentCode) },
    {
      title: '状态',
      key: 'status',
      sorter: (a, b) => label(DISCLOSURE_STATUS, a.status).localeCompare(label(DISCLOSURE_STATUS, b.status), 'zh-CN'),
      render: (_, d) => <StatusBadge kind="disclosure" status={d.status} />,
    },
    {
      title: '各渠道',
      key: 'deliveries',
      className: 'small',
      render: (_, d) =>
        (d.deliveries ?? []).map((x) => (
          <span key={x.id} className={`mini mini-${x.status}`} title={`${channelName(channels, x.channel)}：${label(DELIVERY_STATUS, x.status)}`}>
            {channelName(channels, x.channel)}·{label(DELIVERY_STATUS, x.status)}
          </span>
        )),
    },
    { title: '法定期限', key: 'dueAt', sorter: byTime((d) => d.dueAt), render: (_, d) => fmtDateTime(d.dueAt) },
    { title: '发布时间', key: 'createdAt', sorter: byTime((d) => d.createdAt), render: (_, d) => fmtDateTime(d.createdAt) },
  ];
  const set = (k: keyof Filters, v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <>
      <PageTitle>公开记录</PageTitle>
      <form className="filters" onSubmit={apply} aria-label="筛选条件">
        <Select label="状态" value={form.status} onChange={(e) => set('status', e.target.value)} error={error?.fields.status}>
          <option value="">全部</option>
          {Object.entries(DISCLOSURE_STATUS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
        {/* chosen by name with a search box (it was a text box suggesting codes, which staff do not know) */}
        <Select label="部门" search value={form.department} onChange={(e) => set('department', e.target.value)} error={error?.fields.department}>
          <option value="">全部</option>
          {departments.data?.items.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </Select>
        <Select label="公开事项" search value={form.item} onChange={(e) => set('item', e.target.value)} error={error?.fields.item}>
          <option value="">全部</option>
          {catalogue?.items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.itemId} {i.path.join('/')}
            </option>
          ))}
        </Select>
        <Select label="渠道" value={form.channel} onChange={(e) => set('channel', e.target.value)} error={error?.fields.channel}>
          <option value="">全部</option>
          {[...channels.values()].map((c) => (
            <option key={c.name} value={c.name}>
              {c.label}
            </option>
          ))}
          <option value="manual">人工任务</option>
        </Select>
        <DateField label="发布日期从" value={form.from} onChange={(v) => set('from', v)} error={error?.fields.from} />
        <DateField label="至" value={form.to} onChange={(v) => set('to', v)} error={error?.fields.to} />
        <label className="check">
          <input type="checkbox" checked={form.overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : '')} />
          只看已逾期
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            查询
          </button>
          <button type="button" onClick={() => navigate('/disclosures')}>
            清除条件
          </button>
        </div>
      </form>
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading what="公开记录" />
      ) : !rows.length ? (
        <Empty>没有符合条件的公开记录。</Empty>
      ) : (
        <>
          <Table<Disclosure>
            className="disclosures-table"
            rowKey="id"
            size="middle"
            dataSource={rows}
            columns={columns}
            // the loaded rows page and sort here; 加载更多 fetches the next 50 from the server
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `已载入 ${n} 条` }}
          />
          {more.next && (
            <button type="button" onClick={() => void loadMore()}>
              加载更多
            </button>
          )}
        </>
      )}
    </>
  );
}

