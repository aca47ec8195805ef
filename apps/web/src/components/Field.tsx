import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/** What every antd control inside a Field takes: its id, what describes it, and the invalid state for AT and styling. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  status: 'error' | undefined;
}

/** A label, the control, a hint and the field's own error message, tied together for assistive technology. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const { hintId, errId } = messageIds(id, hint, error);
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, status: error ? 'error' : undefined })}
      <FieldHint id={hintId}>{hint}</FieldHint>
      <FieldError id={errId} error={error} />
    </div>
  );
}

/** The ids of a field's hint and error, only while each is shown (aria-describedby must not name what is absent). */
export function messageIds(id: string, hint: ReactNode, error: string | undefined): { hintId?: string; errId?: string } {
  return { hintId: hint ? `${id}-hint` : undefined, errId: error ? `${id}-err` : undefined };
}

export function RequiredMark() {
  return <span className="required" aria-hidden="true">＊</span>;
}

export function FieldHint({ id, children }: { id: string | undefined; children: ReactNode }) {
  return children ? <p className="hint" id={id}>{children}</p> : null;
}

/** A field's own message, shown only while the field is invalid. */
export function FieldError({ id, error }: { id?: string; error?: string }) {
  return error ? <p className="field-error" id={id}>{error}</p> : null;
}
