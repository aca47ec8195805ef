import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import type { Role } from './api/types';
import { LoginPage } from './auth/LoginPage';
import { PasswordPage } from './auth/PasswordPage';
import { SessionProvider, useSession } from './auth/session';
import { Layout } from './components/Layout';
import { Loading, PageTitle } from './components/ui';
import { Link, match, RouterProvider, useRouter } from './lib/router';
import { ComposePage } from './pages/compose/ComposePage';
import { DisclosurePage } from './pages/disclosures/DisclosurePage';
import { DisclosuresPage } from './pages/disclosures/DisclosuresPage';
import { DraftPage } from './pages/drafts/DraftPage';
import { DraftsPage } from './pages/drafts/DraftsPage';
import { HomePage } from './pages/home/HomePage';
import { OverduePage } from './pages/overdue/OverduePage';
import { TasksPage } from './pages/tasks/TasksPage';

// auditor and admin pages load on first use: most people never open them, and the reports page carries echarts
const named = <K extends string>(load: () => Promise<Record<K, ComponentType<never>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType<Record<string, string>> }));
const AuditLogPage = named(() => import('./pages/audit/AuditLogPage'), 'AuditLogPage');
const TimelinePage = named(() => import('./pages/audit/TimelinePage'), 'TimelinePage');
const ReportsPage = named(() => import('./pages/audit/ReportsPage'), 'ReportsPage');
const UsersPage = named(() => import('./pages/admin/UsersPage'), 'UsersPage');
const DepartmentsPage = named(() => import('./pages/admin/DepartmentsPage'), 'DepartmentsPage');
const ChannelsPage = named(() => import('./pages/admin/ChannelsPage'), 'ChannelsPage');
const CataloguesPage = named(() => import('./pages/admin/CataloguesPage'), 'CataloguesPage');
const ScreensPage = named(() => import('./pages/admin/ScreensPage'), 'ScreensPage');
const QueuesPage = named(() => import('./pages/admin/QueuesPage'), 'QueuesPage');
const FreshnessPage = named(() => import('./pages/freshness/FreshnessPage'), 'FreshnessPage');

interface Route {
  path: string;
  title: string;
  /** who may open it; empty: anyone signed in. The API enforces the same roles. */
  roles: Role[];
  render: (p: Record<string, string>) => ReactNode;
}

const ALL: Role[] = [];
const ROUTES: Route[] = [
  { path: '/', title: '工作台', roles: ALL, render: () => <HomePage /> },
  { path: '/compose', title: '撰写公开信息', roles: ['editor', 'publisher'], render: () => <ComposePage /> },
  { path: '/drafts', title: '稿件与审核', roles: ALL, render: () => <DraftsPage /> },
  { path: '/drafts/:id', title: '稿件', roles: ALL, render: (p) => <DraftPage key={p.id} id={p.id} /> },
  { path: '/drafts/:id/edit', title: '修改稿件', roles: ['editor', 'publisher'], render: (p) => <ComposePage key={p.id} draftId={p.id} /> },
  { path: '/disclosures', title: '公开记录', roles: ALL, render: () => <DisclosuresPage /> },
  { path: '/disclosures/:id', title: '公开记录', roles: ALL, render: (p) => <DisclosurePage key={p.id} id={p.id} /> },
  { path: '/tasks', title: '人工任务', roles: ['publisher'], render: () => <TasksPage /> },
  { path: '/overdue', title: '逾期与临期', roles: ALL, render: () => <OverduePage /> },
  { path: '/freshness', title: '更新监测', roles: ALL, render: () => <FreshnessPage /> },
  { path: '/account/password', title: '修改密码', roles: ALL, render: () => <PasswordPage /> },
  { path: '/audit', title: '审计日志', roles: ['auditor'], render: () => <AuditLogPage /> },
  { path: '/audit/timeline', title: '时间线', roles: ['auditor'], render: () => <TimelinePage /> },
  { path: '/audit/timeline/:id', title: '时间线', roles: ['auditor'], render: (p) => <TimelinePage key={p.id} id={p.id} /> },
  { path: '/reports', title: '合规报告', roles: ['auditor'], render: () => <ReportsPage /> },
  { path: '/admin/users', title: '用户与角色', roles: ['admin'], render: () => <UsersPage /> },
  { path: '/admin/departments', title: '部门', roles: ['admin'], render: () => <DepartmentsPage /> },
  { path: '/admin/channels', title: '渠道与健康', roles: ['admin'], render: () => <ChannelsPage /> },
  { path: '/admin/catalogues', title: '公开目录', roles: ['admin'], render: () => <CataloguesPage /> },
  { path: '/admin/screens', title: '电子屏', roles: ['admin'], render: () => <ScreensPage /> },
  { path: '/admin/queues', title: '任务队列', roles: ['admin'], render: () => <QueuesPage /> },
];

function Pages() {
  const { path, search, navigate } = useRouter();
  const { user, can } = useSession();
  if (path === '/login') return <LoginPage />;
  if (!user) return <ToLogin next={path + search} navigate={navigate} />;
  for (const r of ROUTES) {
    const params = match(r.path, path);
    if (!params) continue;
    const allowed = !r.roles.length || can(...r.roles);
    return (
      <Layout title={allowed ? r.title : '没有权限'}>
        <Suspense fallback={<Loading what="页面" />}>
          {allowed ? (
            r.render(params)
          ) : (
            <>
              <PageTitle>没有权限</PageTitle>
              <p>您的角色不能使用“{r.title}”。如需使用，请联系系统管理员。</p>
              <Link to="/">返回工作台</Link>
            </>
          )}
        </Suspense>
      </Layout>
    );
  }
  return (
    <Layout title="页面不存在">
      <PageTitle>页面不存在</PageTitle>
      <p>
        找不到这个页面，请检查地址或<Link to="/">返回工作台</Link>。
      </p>
    </Layout>
  );
}

/** Not signed in: to the login page, coming back here afterwards. */
function ToLogin({ next, navigate }: { next: string; navigate: (to: string, o?: { replace?: boolean }) => void }) {
  useEffect(() => navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true }), [next, navigate]);
  return null;
}

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </RouterProvider>
  );
}
