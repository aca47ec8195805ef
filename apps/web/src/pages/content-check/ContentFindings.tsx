import { useEffect, useState } from 'react';
import { ApiError, post } from '../../api/client';
import type { ContentCheckResult, ContentFinding } from '../../api/types';

const KIND: Record<ContentFinding['kind'], string> = { id_card: '身份证号', mobile: '手机号码', bank_card: '银行卡号', email: '电子邮箱', expression: '规范用语' };

/** The findings from a 422 of a publish step (the server sends them with the message). */
export function findingsOf(error: ApiError | null | undefined): ContentFinding[] {
  const body = error?.body as { findings?: ContentFinding[] } | null | undefined;
  return error?.status === 422 && Array.isArray(body?.findings) ? body.findings : [];
}

/** The finding's text marked inside the words around it, so the person sees where it is. */
function InContext({ f }: { f: ContentFinding }) {
  const at = f.context.indexOf(f.text);
  if (at < 0) return <q>{f.context}</q>;
  return (
    <q>
      {f.context.slice(0, at)}
      <mark>{f.text}</mark>
      {f.context.slice(at + f.text.length)}
    </q>
  );
}

/**
 * Findings shown where they are (under the field they concern), each with its fix; `onFix` replaces the text in
 * the field when the page can (title and body on the compose form).
 */
export function FindingList({ findings, onFix }: { findings: ContentFinding[]; onFix?: (f: ContentFinding) => void }) {
  if (!findings.length) return null;
  return (
    <ul className="content-findings" aria-label="发布前检查发现的问题">
      {findings.map((f, i) => (
        <li key={`${f.field}:${f.start}:${i}`} className={f.severity === 'block' ? 'finding-block' : 'finding-warning'} data-kind={f.kind} data-field={f.field}>
          <span className="finding-tag">{f.severity === 'block' ? '必须修改' : '请确认'}·{KIND[f.kind]}</span> <InContext f={f} />
          <br />
          {f.message}
          {onFix && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onFix(f)}>
                改为“{f.fix}”
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Runs the check a moment after the person stops typing; the answer replaces the last one. */
export function useContentCheck(title: string, body: string, attachmentIds: string[]): { result: ContentCheckResult | null; error: ApiError | null } {
  const [result, setResult] = useState<ContentCheckResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ids = attachmentIds.join(',');
  useEffect(() => {
    if (!title.trim() && !body.trim() && !ids) {
      setResult(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      post<ContentCheckResult>('/api/content-check', { title, body, attachmentIds: ids ? ids.split(',') : [] }).then(
        (r) => live && (setResult(r), setError(null)),
        (e: unknown) => live && setError(e instanceof ApiError ? e : null),
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [title, body, ids]);
  return { result, error };
}

/** For review and publish: the findings the server answered with, and the reason to publish over warnings. */
export function OverrideReason({ error, reason, onReason, showFindings = true }: { error: ApiError | null | undefined; reason: string; onReason: (r: string) => void; showFindings?: boolean }) {
  const findings = findingsOf(error);
  if (!findings.length && !reason) return null;
  const blocked = findings.some((f) => f.severity === 'block');
  return (
    <div className="content-override">
      {showFindings && <FindingList findings={findings} />}
      {!blocked && (
        <label className="field">
          <span className="label">仍要发布的理由（将记入审计日志）</span>
          <textarea name="contentCheckOverride.reason" rows={2} value={reason} onChange={(e) => onReason(e.target.value)} aria-invalid={findings.length > 0 && !reason.trim() ? true : undefined} />
        </label>
      )}
      {blocked && <p className="field-error">含未脱敏的身份证号码，须退回修改、脱敏后才能通过和发布。</p>}
    </div>
  );
}
