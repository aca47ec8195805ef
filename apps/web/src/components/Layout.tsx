import { useEffect, useRef, type ReactNode } from 'react';
import type { Role } from '../api/types';
import { useSession } from '../auth/session';
import { DepartmentName } from '../lib/departments';
import { ROLE_LABELS } from '../lib/labels';
import { Link, useLocation } from 'react-router';

interface MenuItem {
  to: string;
  label: string;
  roles: Role[];
}

/** The menu shows what the person's roles may use; the server checks the same roles on every request. */
export const MENU: { group: string; items: MenuItem[] }[] = [
  {
    group: '公开工作',
    items: [
      { to: '/', label: '工作台', roles: ['editor', 'reviewer', 'publisher', 'auditor'] },
      { to: '/compose', label: '撰写公开信息', roles: ['editor', 'publisher'] },
      { to: '/drafts', label: '稿件与审核', roles: ['editor', 'reviewer', 'publisher'] },
      { to: '/disclosures', label: '公开记录', roles: ['editor', 'reviewer', 'publisher', 'auditor'] },
      { to: '/tasks', label: '人工任务', roles: ['publisher'] },
      { to: '/overdue', label: '逾期与临期', roles: ['editor', 'reviewer', 'publisher', 'auditor'] },
      { to: '/freshness', label: '更新监测', roles: ['editor', 'reviewer', 'publisher', 'auditor', 'admin'] },
    ],
  },
  {
    group: '审计监督',
    items: [
      { to: '/audit', label: '审计日志', roles: ['auditor'] },
      { to: '/reports', label: '合规报告', roles: ['auditor'] },
    ],
  },
  {
    group: '系统管理',
    items: [
      { to: '/admin/users', label: '用户与角色', roles: ['admin'] },
      { to: '/admin/departments', label: '部门', roles: ['admin'] },
      { to: '/admin/channels', label: '渠道与健康', roles: ['admin'] },
      { to: '/admin/catalogues', label: '公开目录', roles: ['admin'] },
      { to: '/admin/screens', label: '电子屏', roles: ['admin'] },
      { to: '/admin/queues', label: '任务队列', roles: ['admin'] },
    ],
  },
];

function isActive(to: string, path: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
}

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { user, logout, can } = useSession();
  const { pathname: path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // a page change moves focus to the new content, as a full page load would, and names the page
  useEffect(() => {
    document.title = `${title} · 政务公开一键分发`;
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus();
  }, [path, title]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          政务公开一键分发
        </Link>
        {user && (
          <div className="account">
            <span className="who">
              {user.username}
              <span className="roles">（{user.roles.map((r) => ROLE_LABELS[r]).join('、')}{user.departmentCode && (
                  <>
                    {' · '}
                    <DepartmentName code={user.departmentCode} />
                  </>
                )}）</span>
            </span>
            <Link to="/account/password">修改密码</Link>
            <button type="button" className="link-button" onClick={logout}>
              退出登录
            </button>
          </div>
        )}
      </header>
      <div className="body">
        <nav className="sidebar" aria-label="主菜单">
          {MENU.map((g) => {
            const items = g.items.filter((i) => can(...i.roles));
            if (!items.length) return null;
            return (
              <div key={g.group} className="nav-group">
                <h2>{g.group}</h2>
                <ul>
                  {items.map((i) => (
                    <li key={i.to}>
                      <Link to={i.to} aria-current={isActive(i.to, path) ? 'page' : undefined}>
                        {i.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <main id="main" tabIndex={-1} ref={main}>
          {children}
        </main>
      </div>
    </div>
  );
}
