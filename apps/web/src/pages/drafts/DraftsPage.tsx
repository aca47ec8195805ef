import { Table } from 'antd';
import type { Draft } from '../../api/types';
import { useSession } from '../../auth/session';
import { Empty, ErrorBanner, Loading, PageTitle, StatusBadge } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { itemNumber } from '../../lib/labels';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/use-api';

const TABS: [string, string][] = [
  ['', '全部'],
  ['draft', '草稿'],
  ['submitted', '待审核'],
  ['returned', '已退回'],
  ['approved', '待发布'],
  ['scheduled', '已定时'],
  ['published', '已发布'],
];

export function DraftsPage() {
  const { can, user } = useSession();
  const query = useSearchParams()[0];
  const navigate = useNavigate();
  // each role starts where its work is: reviewers at 待审核, publishers at 待发布
  const fallback = user?.roles.includes('reviewer') ? 'submitted' : user?.roles.includes('publisher') ? 'approved' : '';
  const status = query.get('status') ?? fallback;
  const { data, error, loading } = useApiQuery<{ items: Draft[] }>(`/api/drafts${status ? `?status=${status}` : ''}`);
  return (
    <>
      <PageTitle actions={can('editor', 'publisher') && <Link to="/compose" className="button primary">撰写公开信息</Link>}>稿件与审核</PageTitle>
      <nav aria-label="按状态筛选" className="segmented">
        {TABS.map(([k, name]) => (
          <a
            key={k || 'all'}
            href={`/drafts?status=${k}`}
            aria-current={status === k ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/drafts?status=${k}`);
            }}
          >
            {name}
          </a>
        ))}
      </nav>
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading what="稿件" />
      ) : !data?.items.length ? (
        <Empty>没有这一状态的稿件。</Empty>
      ) : (
        <Table<Draft>
          className="drafts-table"
          rowKey="id"
          size="middle"
          dataSource={data.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 份` }}
          columns={[
            { title: '标题', key: 'title', sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN'), render: (_, d) => <Link to={`/drafts/${d.id}`}>{d.title}</Link> },
            { title: '公开事项', key: 'item', sorter: (a, b) => itemNumber(a.catalogueItemId).localeCompare(itemNumber(b.catalogueItemId)), render: (_, d) => itemNumber(d.catalogueItemId) },
            {
              title: '状态',
              key: 'status',
              render: (_, d) => (
                <>
                  <StatusBadge kind="draft" status={d.status} />
                  {d.scheduledAt && d.status === 'scheduled' && <span className="muted">（{fmtDateTime(d.scheduledAt)}）</span>}
                </>
              ),
            },
            {
              title: '更新时间',
              key: 'updatedAt',
              defaultSortOrder: 'descend',
              sorter: (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
              render: (_, d) => fmtDateTime(d.updatedAt),
            },
          ]}
        />
      )}
    </>
  );
}
