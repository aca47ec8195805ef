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
        <table className="table">
          <caption className="sr-only">稿件列表</caption>
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">公开事项</th>
              <th scope="col">状态</th>
              <th scope="col">更新时间</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/drafts/${d.id}`}>{d.title}</Link>
                </td>
                <td>{itemNumber(d.catalogueItemId)}</td>
                <td>
                  <StatusBadge kind="draft" status={d.status} />
                  {d.scheduledAt && d.status === 'scheduled' && <span className="muted">（{fmtDateTime(d.scheduledAt)}）</span>}
                </td>
                <td>{fmtDateTime(d.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
