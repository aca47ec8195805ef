import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { ApiError } from '../api/client';
import { label as labelOf, DELIVERY_STATUS, DISCLOSURE_STATUS, DRAFT_STATUS } from '../lib/labels';

/** The error of a request in plain Chinese, announced to screen readers, with the server's words folded away. */
export function ErrorBanner({ error, focus = false }: { error: ApiError | null | undefined; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{error.message}</p>
      {error.detail && (
        <details>
          <summary>技术信息</summary>
          <code>
            {error.status ? `HTTP ${error.status}：` : ''}
            {error.detail}
          </code>
        </details>
      )}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`banner banner-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A label, the control, a hint and the field's own error message, tied together for assistive technology. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true">＊</span>}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextInput({ label, error, hint, required, ...rest }: { label: string; error?: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...rest} />}
    </Field>
  );
}

export function TextArea({ label, error, hint, required, ...rest }: { label: string; error?: string; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...rest} />}
    </Field>
  );
}

export function Select({ label, error, hint, required, children, ...rest }: { label: string; error?: string; hint?: ReactNode; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...rest}>
          {children}
        </select>
      )}
    </Field>
  );
}

const TONES: Record<string, string> = {
  delivered: 'good', confirmed: 'good', published: 'good', approved: 'good',
  failed: 'bad', unconfirmed: 'warn', partially_delivered: 'warn', returned: 'warn', awaiting_confirmation: 'warn',
  queued: 'neutral', in_progress: 'busy', dispatching: 'busy', submitted: 'busy', scheduled: 'neutral', draft: 'neutral', withdrawn: 'muted',
};

export function StatusBadge({ status, kind }: { status: string; kind: 'delivery' | 'disclosure' | 'draft' }) {
  const map = kind === 'delivery' ? DELIVERY_STATUS : kind === 'disclosure' ? DISCLOSURE_STATUS : DRAFT_STATUS;
  return (
    <span className={`badge badge-${TONES[status] ?? 'neutral'}`} data-status={status}>
      {labelOf(map, status)}
    </span>
  );
}

export function Loading({ what = '内容' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      正在加载{what}……
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
