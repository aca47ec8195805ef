import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { ErrorBanner, Notice, TextInput } from '../components/ui';
import { useNavigate, useSearchParams } from 'react-router';
import { takeFlash, useSession } from './session';

export function LoginPage() {
  const { login } = useSession();
  const navigate = useNavigate();
  const next = useSearchParams()[0].get('next');
  // read once per visit; StrictMode's second initializer call must not lose it
  const [flash] = useState(() => sessionStorage.getItem('gkd.flash'));
  useEffect(() => {
    takeFlash();
  }, []);
  const [username, setUsername] = useState(() => sessionStorage.getItem('gkd.lastUser') ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    document.title = '登录 · 政务公开一键分发';
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      sessionStorage.setItem('gkd.lastUser', username.trim());
      navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, '登录失败，请重试。', {}, null));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <main className="login-card" id="main">
        <h1>政务公开一键分发</h1>
        <p className="subtitle">主动公开信息发布与分发后台</p>
        {flash && <Notice kind="warning">{flash}</Notice>}
        <ErrorBanner error={error} />
        <form onSubmit={submit} noValidate>
          <TextInput label="用户名" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus={!username} error={error?.fields.username} />
          <TextInput label="密码" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus={!!username} error={error?.fields.password} />
          <button type="submit" className="primary wide" disabled={busy || !username.trim() || !password}>
            {busy ? '正在登录……' : '登录'}
          </button>
        </form>
        <p className="hint">忘记密码请联系本单位系统管理员重置。</p>
      </main>
    </div>
  );
}
