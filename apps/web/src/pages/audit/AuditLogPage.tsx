import { DateField } from '../../components/DateField';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, download, get, qs } from '../../api/client';
import { Empty, ErrorBanner, Loading, Notice, PageTitle, Select, TextInput } from '../../components/ui';
import { Table } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAction, useApiQuery } from '../../api/use-api';
import { useDepartmentName } from '../../lib/departments';
import { channelName, useChannels } from '../disclosures/use-channels';
import { ACTION_LABELS, ACTION_PREFIXES, actorLabel, OUTCOME_LABELS } from './audit-labels';

interface Entry {
  id: number;
  /** null until the sealer has chained the entry */
  seq: number | null;
  at: string;
  actor: string;
  action: string;
  disclosureId: string | null;
  deliveryId: string | null;
  departmentCode: string | null;
  channel: string | null;
  outcome: string | null;
  details: Record<string, unknown>;
  hash: string | null;
}

interface SealStatus {
  sealedSeq: number;
  unsealedCount: number;
  oldestUnsealedAt: string | null;
}

interface Verification {
  valid: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
  at?: string;
  finishedAt?: string;
}

const KEYS = ['from', 'to', 'actor', 'action', 'department', 'disclosure', 'channel', 'outcome'] as const;
type Filters = Record<(typeof KEYS)[number], string>;

export function AuditLogPage() {
  const query = useSearchParams()[0];
  const navigate = useNavigate();
  const channels = useChannels();
  const deptName = useDepartmentName();
  const current = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? ''])) as Filters;
  const [form, setForm] = useState<Filters>(current);
  useEffect(() => setForm(current), [query.toString()]);
  const filterQs = qs(current);
  // oldest first only when asked (the 时间 column's sort); the server walks either way by keyset
  const order = query.get('order') === 'asc' ? 'asc' : undefined;
  const path = `/api/audit${qs({ ...current, order, limit: 100 })}`;
  const { data, error, loading } = useApiQuery<{ items: Entry[]; nextCursor: string | null }>(path);
  const [more, setMore] = useState<{ items: Entry[]; next: string | null }>({ items: [], next: null });
  useEffect(() => setMore({ items: [], next: data?.nextCursor ?? null }), [data]);
  const exporting = useAction(async (format: 'csv' | 'xlsx') => download(`/api/audit/export${qs({ ...current, format })}`, `audit.${format}`));

  const set = (k: keyof Filters, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const rows = [...(data?.items ?? []), ...more.items];
  return (
    <>
      <PageTitle>审计日志</PageTitle>
      <VerifyPanel />
      <form
        className="filters"
        aria-label="筛选条件"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          navigate(`/audit${qs({ ...form, order })}`);
        }}
      >
        <DateField label="开始日期" value={form.from} onChange={(v) => set('from', v)} error={error?.fields.from} />
        <DateField label="结束日期" value={form.to} onChange={(v) => set('to', v)} error={error?.fields.to} />
        <TextInput label="操作人" value={form.actor} onChange={(e) => set('actor', e.target.value)} placeholder="如 user:zhangsan" error={error?.fields.actor} />
        <Select label="操作类型" value={form.action} onChange={(e) => set('action', e.target.value)} error={error?.fields.action}>
          <option value="">全部</option>
          {ACTION_PREFIXES.map(([k, v]) => (
            <option key={k} value={k}>
              {v}（全部）
            </option>
          ))}
          {Object.entries(ACTION_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
        <TextInput label="部门" value={form.department} onChange={(e) => set('department', e.target.value)} error={error?.fields.department} />
        <TextInput label="公开记录编号" value={form.disclosure} onChange={(e) => set('disclosure', e.target.value)} error={error?.fields.disclosure} />
        <TextInput label="渠道" value={form.channel} onChange={(e) => set('channel', e.target.value)} error={error?.fields.channel} />
        <TextInput label="结果" value={form.outcome} onChange={(e) => set('outcome', e.target.value)} placeholder="如 ok、failed" error={error?.fields.outcome} />
        <div className="actions">
          <button type="submit" className="primary">
            查询
          </button>
          <button type="button" onClick={() => navigate('/audit')}>
            清除条件
          </button>
        </div>
      </form>
      <div className="actions">
        <span>按当前条件导出：</span>
        <button type="button" disabled={exporting.busy} onClick={() => void exporting.run('csv')}>
          导出 CSV
        </button>
        <button type="button" disabled={exporting.busy} onClick={() => void exporting.run('xlsx')}>
          导出 Excel
        </button>
        {exporting.busy && <span role="status">正在导出……</span>}
      </div>
      <ErrorBanner error={exporting.error} />
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading what="审计日志" />
      ) : !rows.length ? (
        <Empty>没有符合条件的记录。</Empty>
      ) : (
        <>
          <Table<Entry>
            className="audit-table"
            aria-label={`审计日志${filterQs ? '（已筛选）' : ''}`}
            rowKey="id"
            size="middle"
            dataSource={rows}
            // The log can hold millions of entries: the server pages it by keyset, 100 at a time (加载更多 below), and
            // sorts it (newest or oldest first, the 时间 column). Client paging or sorting would only reorder the
            // part loaded so far.
            pagination={false}
            // antd's 点击升序 hint would open just above the 时间 header, over the export buttons, until the mouse moves
            showSorterTooltip={false}
            onChange={(_p, _f, sorter) => {
              const asc = !Array.isArray(sorter) && sorter.order === 'ascend';
              navigate(`/audit${qs({ ...current, order: asc ? 'asc' : undefined })}`);
            }}
            columns={[
              { title: '序号', key: 'seq', render: (_, e) => e.seq ?? '待封存' },
              {
                title: '时间',
                key: 'at',
                sorter: true, // by the server
                sortOrder: order === 'asc' ? 'ascend' : 'descend',
                // always one way or the other: the log has no "unsorted" order to go back to
                sortDirections: ['descend', 'ascend', 'descend'],
                render: (_, e) => fmtDateTime(e.at),
              },
              { title: '操作人', key: 'actor', render: (_, e) => actorLabel(e.actor) },
              {
                title: '操作',
                key: 'action',
                render: (_, e) => (
                  <>
                    {ACTION_LABELS[e.action] ?? '其他操作'}
                    <div className="muted small">
                      <code>{e.action}</code>
                    </div>
                  </>
                ),
              },
              {
                title: '对象',
                key: 'object',
                className: 'small',
                render: (_, e) => (
                  <>
                    {e.disclosureId && <Link to={`/audit/timeline/${e.disclosureId}`}>时间线</Link>}
                    {e.channel && <div>渠道 {channelName(channels, e.channel)}</div>}
                    {e.departmentCode && <div>部门 {deptName(e.departmentCode)}</div>}
                  </>
                ),
              },
              { title: '结果', key: 'outcome', render: (_, e) => (e.outcome ? (OUTCOME_LABELS[e.outcome] ?? e.outcome) : '—') },
              {
                title: '详情',
                key: 'details',
                render: (_, e) => (
                  <details>
                    <summary>展开</summary>
                    <pre className="json">{JSON.stringify(e.details, null, 2)}</pre>
                    <p className="muted small">哈希：{e.hash}</p>
                  </details>
                ),
              },
            ]}
          />
          {more.next && (
            <button
              type="button"
              onClick={async () => {
                const page = await get<{ items: Entry[]; nextCursor: string | null }>(`${path}&cursor=${more.next}`);
                setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor }));
              }}
            >
              加载更多
            </button>
          )}
        </>
      )}
    </>
  );
}

/** The chain's verification: the last run (scheduled or by hand) and a button to run one now. */
function VerifyPanel() {
  const last = useApiQuery<Verification>('/api/audit/verify/last');
  const [result, setResult] = useState<Verification | null>(null);
  const verify = useAction(async () => setResult(await get<Verification>('/api/audit/verify')));
  const seal = useApiQuery<SealStatus>('/api/audit/seal-status');
  const shown = result ?? last.data;
  return (
    <section className="panel" aria-labelledby="verify-title">
      <h2 id="verify-title">审计链校验</h2>
      {seal.data && (
        <p data-testid="seal-status">
          已封存至第 {seal.data.sealedSeq} 条，待封存 {seal.data.unsealedCount} 条
        </p>
      )}
      {shown ? (
        shown.valid ? (
          <Notice kind="success">
            审计链完整：已校验 {shown.checked} 条记录，未发现篡改。{shown.finishedAt || shown.at ? `（${fmtDateTime(shown.finishedAt ?? shown.at)}）` : ''}
          </Notice>
        ) : (
          <div className="banner banner-error" role="alert">
            审计链校验未通过：从第 {shown.firstBrokenSeq} 条起记录不一致。{shown.reason}
          </div>
        )
      ) : last.error && (last.error as ApiError).status === 404 ? (
        <p>尚未进行过校验。</p>
      ) : (
        <ErrorBanner error={last.error} />
      )}
      <button type="button" disabled={verify.busy} onClick={() => void verify.run()}>
        {verify.busy ? '正在校验……' : '立即校验'}
      </button>
      <ErrorBanner error={verify.error} />
    </section>
  );
}
