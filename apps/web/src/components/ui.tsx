import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { Alert, Input, Spin, Tag } from 'antd';
import type { ApiError } from '../api/client';
import { label as labelOf, DELIVERY_STATUS, DISCLOSURE_STATUS, DRAFT_STATUS } from '../lib/labels';
import { Field } from './Field';

// the form controls live in their own files; the pages import them all from here
export { Field } from './Field';
export { Select } from './Select';

/** The error of a request in plain Chinese (antd Alert, role="alert"), with the server's words folded away. */
export function ErrorBanner({ error, focus = false }: { error: ApiError | null | undefined; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;
  return (
    // the wrapper takes focus after a failed save, so a screen reader reads the problem first
    <div className="banner-wrap" tabIndex={-1} ref={ref}>
      <Alert
        className="banner banner-error"
        type="error"
        showIcon
        role="alert"
        title={error.message}
        description={
          error.detail && (
            <details>
              <summary>技术信息</summary>
              <code>
                {error.status ? `HTTP ${error.status}：` : ''}
                {error.detail}
              </code>
            </details>
          )
        }
      />
    </div>
  );
}

/** A message on the page (antd Alert); a success is announced to screen readers (role="status"). */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return <Alert className={`banner banner-${kind}`} type={kind} showIcon role={kind === 'success' ? 'status' : 'note'} title={<div>{children}</div>} />;
}

export function TextInput({ label, error, hint, required, ...rest }: { label: string; error?: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(control) => <Input {...control} required={required} {...(rest as object)} />}
    </Field>
  );
}

export function TextArea({ label, error, hint, required, ...rest }: { label: string; error?: string; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(control) => <Input.TextArea {...control} required={required} {...(rest as object)} />}
    </Field>
  );
}

// antd Tag colours by tone; the "badge" class and data-status stay for the pages' own CSS and the browser specs
const TONES: Record<string, string> = {
  delivered: 'success', confirmed: 'success', published: 'success', approved: 'success',
  failed: 'error', unconfirmed: 'warning', partially_delivered: 'warning', returned: 'warning', awaiting_confirmation: 'warning',
  queued: 'default', in_progress: 'processing', dispatching: 'processing', submitted: 'processing', scheduled: 'default', draft: 'default', withdrawn: 'default',
};

export function StatusBadge({ status, kind }: { status: string; kind: 'delivery' | 'disclosure' | 'draft' }) {
  const map = kind === 'delivery' ? DELIVERY_STATUS : kind === 'disclosure' ? DISCLOSURE_STATUS : DRAFT_STATUS;
  return (
    <Tag className="badge" color={TONES[status] ?? 'default'} data-status={status}>
      {labelOf(map, status)}
    </Tag>
  );
}

export function Loading({ what = '内容' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      <Spin size="small" /> 正在加载{what}……
    </p>
  );
}
export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
