import { useEffect, useState, type FormEvent } from 'react';
import { get, qs } from '../../api/client';
import type { Disclosure, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { Empty, ErrorBanner, Loading, PageTitle, Select, StatusBadge, TextInput } from '../../components/ui';
import { dayStart, fmtDateTime } from '../../lib/format';
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
        <TextInput label="部门" value={form.department} onChange={(e) => set('department', e.target.value)} list="department-codes" error={error?.fields.department} />
        <datalist id="department-codes">
          {departments.data?.items.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </datalist>
        <Select label="公开事项" value={form.item} onChange={(e) => set('item', e.target.value)} error={error?.fields.item}>
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
        <TextInput label="发布日期从" type="date" value={form.from} onChange={(e) => set('from', e.target.value)} error={error?.fields.from} />
        <TextInput label="至" type="date" value={form.to} onChange={(e) => set('to', e.target.value)} error={error?.fields.to} />
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
          <table className="table">
            <caption className="sr-only">公开记录列表</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">部门</th>
                <th scope="col">状态</th>
                <th scope="col">各渠道</th>
                <th scope="col">法定期限</th>
                <th scope="col">发布时间</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/disclosures/${d.id}`}>{d.title}</Link>
                    <div className="muted small">{(d.metadata.itemPath ?? []).join(' / ')}</div>
                  </td>
                  <td>{deptName(d.departmentCode)}</td>
                  <td>
                    <StatusBadge kind="disclosure" status={d.status} />
                  </td>
                  <td className="small">
                    {(d.deliveries ?? []).map((x) => (
                      <span key={x.id} className={`mini mini-${x.status}`} title={`${channelName(channels, x.channel)}：${label(DELIVERY_STATUS, x.status)}`}>
                        {channelName(channels, x.channel)}·{label(DELIVERY_STATUS, x.status)}
                      </span>
                    ))}
                  </td>
                  <td>{fmtDateTime(d.dueAt)}</td>
                  <td>{fmtDateTime(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
