import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Link, Navigate, Outlet, useLocation, useMatches, useParams } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { LOCALE } from './locale';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { queryClient } from './api/query-client';
import { THEME } from './theme';
import type { Role } from './api/types';
import { LoginPage } from './auth/LoginPage';
import { SessionProvider, useSession } from './auth/session';
import { Layout } from './components/Layout';
import { Loading, PageTitle } from './components/ui';
import { HomePage } from './pages/home/HomePage';

// every page but the home page loads on first use: the first load is the shell (antd, router, query cache) and
// 工作台; compose brings the rich-text editor, the reports page echarts, and most people never open the admin pages
const named = <K extends string>(load: () => Promise<Record<K, ComponentType<never>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType<Record<string, string>> }));
const ComposePage = named(() => import('./pages/compose/ComposePage'), 'ComposePage');
const DisclosurePage = named(() => import('./pages/disclosures/DisclosurePage'), 'DisclosurePage');
const DisclosuresPage = named(() => import('./pages/disclosures/DisclosuresPage'), 'DisclosuresPage');
const DraftPage = named(() => import('./pages/drafts/DraftPage'), 'DraftPage');
const DraftsPage = named(() => import('./pages/drafts/DraftsPage'), 'DraftsPage');
const OverduePage = named(() => import('./pages/overdue/OverduePage'), 'OverduePage');
const TasksPage = named(() => import('./pages/tasks/TasksPage'), 'TasksPage');
const PasswordPage = named(() => import('./auth/PasswordPage'), 'PasswordPage');
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

// antd's date pickers show Chinese month and weekday names through dayjs
dayjs.locale('zh-cn');

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

const allowedFor = (route: Route, can: (...r: Role[]) => boolean) => !route.roles.length || can(...route.roles);

/** One route of ROUTES: the page when the person's roles allow it, else a page saying so. */
function RoutePage({ route }: { route: Route }) {
  const params = useParams() as Record<string, string>;
  const { can } = useSession();
  if (allowedFor(route, can)) return route.render(params);
  return (
    <>
      <PageTitle>没有权限</PageTitle>
      <p>您的角色不能使用“{route.title}”。如需使用，请联系系统管理员。</p>
      <Link to="/">返回工作台</Link>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle>页面不存在</PageTitle>
      <p>
        找不到这个页面，请检查地址或<Link to="/">返回工作台</Link>。
      </p>
    </>
  );
}

/**
 * Every page but the login page needs a signed-in person: else to the login page, coming back here afterwards.
 * The layout stays mounted across pages (menu, focus handling); each route names its page through `handle`.
 */
function SignedIn() {
  const { user, can } = useSession();
  const { pathname, search } = useLocation();
  const matches = useMatches();
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />;
  const route = (matches[matches.length - 1]?.handle as { route?: Route } | undefined)?.route;
  const title = !route ? '页面不存在' : allowedFor(route, can) ? route.title : '没有权限';
  return (
    <Layout title={title}>
      <Suspense fallback={<Loading what="页面" />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

// react-router's data mode: its navigate() keeps one identity across navigations (the session's callbacks hold it)
const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <SignedIn />,
        children: [...ROUTES.map((r) => ({ path: r.path, handle: { route: r }, element: <RoutePage route={r} /> })), { path: '*', element: <NotFound /> }],
      },
    ],
  },
]);

export function App() {
  return (
    <ConfigProvider locale={LOCALE} theme={THEME} button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}
