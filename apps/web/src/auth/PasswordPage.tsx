import { useState, type FormEvent } from 'react';
import { post } from '../api/client';
import type { LoginAnswer } from '../api/types';
import { ErrorBanner, Notice, PageTitle, TextInput } from '../components/ui';
import { useAction } from '../api/use-api';
import { useSession } from './session';

export function PasswordPage() {
  const { replace } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const mismatch = again.length > 0 && next !== again;
  const action = useAction(async () => {
    const a = await post<LoginAnswer>('/api/auth/password', { currentPassword: current, newPassword: next });
    replace(a); // this tab goes on with the new token; every other session has ended
    setCurrent('');
    setNext('');
    setAgain('');
    setDone(true);
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (mismatch) return;
    void action.run();
  }

  return (
    <>
      <PageTitle>修改密码</PageTitle>
      <form className="form narrow" onSubmit={submit} noValidate>
        {done && <Notice kind="success">密码已修改。您在其他设备或浏览器上的登录已全部失效，需要用新密码重新登录。</Notice>}
        <ErrorBanner error={action.error} />
        <TextInput label="当前密码" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required error={action.error?.fields.currentPassword} />
        <TextInput label="新密码" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} hint="至少 10 个字符，建议混合字母、数字和符号。" error={action.error?.fields.newPassword} />
        <TextInput label="再次输入新密码" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required error={mismatch ? '两次输入的新密码不一致' : undefined} />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy || !current || next.length < 10 || next !== again}>
            {action.busy ? '正在保存……' : '修改密码'}
          </button>
        </div>
      </form>
    </>
  );
}
