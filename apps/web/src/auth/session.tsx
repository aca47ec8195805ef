import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, configureApi, get } from '../api/client';
import type { LoginAnswer, Role, User } from '../api/types';
import { queryClient } from '../api/query-client';
import { clearAllForms } from '../lib/persist';
import { useLocation, useNavigate } from 'react-router';

const KEY = 'gkd.session';
const FLASH = 'gkd.flash';

interface Stored {
  token: string;
  user: User;
  expiresAt: number;
}

interface SessionValue {
  user: User | null;
  token: string | null;
  login(username: string, password: string): Promise<void>;
  logout(): void;
  /** a new token (after a password change) */
  replace(answer: LoginAnswer): void;
  can(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

function load(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** The message the login page shows once: why the person is there (session ended, logged out, password changed). */
export function takeFlash(): string | null {
  const m = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  return m;
}

export function setFlash(message: string): void {
  sessionStorage.setItem(FLASH, message);
}

/** Admin may do everything, as on the server. */
export function hasRole(user: User | null, ...roles: Role[]): boolean {
  if (!user) return false;
  return user.roles.includes('admin') || roles.some((r) => user.roles.includes(r));
}

/**
 * Who is signed in. The token lives in sessionStorage (this tab only, gone when the browser closes). When it
 * expires — by the clock or because the server refuses it — the person goes back to the login page with a
 * message and returns to the same page afterwards; forms keep what was typed (lib/persist.ts).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const { pathname: path, search } = useLocation();
  const [session, setSession] = useState<Stored | null>(load);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const here = useRef(path + search);
  here.current = path + search;

  const store = useCallback((s: Stored | null) => {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
    sessionRef.current = s;
    setSession(s);
  }, []);

  const expire = useCallback(
    (message: string) => {
      if (!sessionRef.current) return;
      store(null);
      queryClient.clear();
      setFlash(message);
      const next = here.current.startsWith('/login') ? '/' : here.current;
      navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
    },
    [navigate, store],
  );

  // set during render, not in an effect: children's effects run first and their requests need the token
  configureApi({ token: () => sessionRef.current?.token ?? null, expired: expire });

  // the token's own end: leave before the server starts refusing requests mid-form
  useEffect(() => {
    if (!session) return;
    const left = session.expiresAt - Date.now();
    const t = setTimeout(() => expire('登录已超时，请重新登录。您填写的内容已保留，登录后可继续。'), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(t);
  }, [session, expire]);

  // a token kept from an earlier visit may have been revoked (password changed elsewhere, user disabled)
  useEffect(() => {
    if (sessionRef.current) get('/api/auth/me').catch(() => undefined);
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      user: session?.user ?? null,
      token: session?.token ?? null,
      async login(username, password) {
        const a = await api<LoginAnswer>('POST', '/api/auth/login', { body: { username, password }, anonymous: true });
        store({ token: a.accessToken, user: a.user, expiresAt: Date.now() + a.expiresIn * 1000 });
      },
      logout() {
        store(null);
        clearAllForms();
        queryClient.clear(); // a shared computer must not show the last person's lists
        setFlash('您已安全退出。');
        navigate('/login', { replace: true });
      },
      replace(a) {
        store({ token: a.accessToken, user: a.user, expiresAt: Date.now() + a.expiresIn * 1000 });
      },
      can: (...roles) => hasRole(session?.user ?? null, ...roles),
    }),
    [session, store, navigate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
