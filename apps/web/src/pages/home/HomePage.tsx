import type { Draft } from '../../api/types';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/ui';
import { ROLE_LABELS } from '../../lib/labels';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { UnreadNotes } from '../notifications/UnreadNotes';
import { FreshnessPanel } from '../freshness/FreshnessPanel';

function Card({ to, count, title, hint }: { to: string; count: number | undefined; title: string; hint: string }) {
  return (
    <li className="card">
      <Link to={to}>
        <span className="card-count">{count ?? '…'}</span>
        <span className="card-title">{title}</span>
      </Link>
      <p className="muted small">{hint}</p>
    </li>
  );
}

/** The day's work for each role, each count a link to where that work is done. */
export function HomePage() {
  const { user, can } = useSession();
  const drafts = useApiQuery<{ items: Draft[] }>(can('editor', 'reviewer', 'publisher') ? '/api/drafts' : null);
  const tasks = useApiQuery<{ items: unknown[] }>(can('publisher') ? '/api/deliveries?channel=manual&status=awaiting_confirmation&limit=200' : null);
  const overdue = useApiQuery<{ items: { state: string }[] }>('/api/overdue');
  const count = (s: string) => drafts.data?.items.filter((d) => d.status === s).length;
  return (
    <>
      <PageTitle>工作台</PageTitle>
      <p>
        {user?.username}，您好。您的角色：{user?.roles.map((r) => ROLE_LABELS[r]).join('、')}。
      </p>
      <ul className="cards">
        {can('editor') && <Card to="/drafts?status=returned" count={count('returned')} title="被退回的稿件" hint="按审核意见修改后重新提交。" />}
        {can('editor') && <Card to="/drafts?status=draft" count={count('draft')} title="未提交的草稿" hint="写完后提交审核。" />}
        {can('reviewer') && <Card to="/drafts?status=submitted" count={count('submitted')} title="待审核" hint="保密、政治、法律、文字四项审查。" />}
        {can('publisher') && <Card to="/drafts?status=approved" count={count('approved')} title="待发布" hint="审核已通过，可立即或定时发布。" />}
        {can('publisher') && <Card to="/tasks" count={tasks.data?.items.length} title="人工任务" hint="发布会、公示栏等需要人工办理的渠道。" />}
        <Card to="/overdue?state=overdue" count={overdue.data?.items.filter((i) => i.state === 'overdue').length} title="已逾期" hint="超过法定公开期限仍未完成的事项。" />
        <Card to="/overdue?state=at_risk" count={overdue.data?.items.filter((i) => i.state === 'at_risk').length} title="即将到期" hint="临近法定期限，请尽快处理。" />
      </ul>
      <FreshnessPanel />
      <UnreadNotes />
      {can('editor', 'publisher') && (
        <p>
          <Link to="/compose" className="button primary">
            撰写公开信息
          </Link>
        </p>
      )}
    </>
  );
}
