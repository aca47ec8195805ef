import { useId, useRef, useState } from 'react';
import { ApiError, upload } from '../../api/client';
import type { Attachment } from '../../api/types';
import { FileButton } from '../../components/FileButton';
import { ACCEPT, fileSize } from './file-size';

/** The server names the list (`attachmentIds`) or one entry (`attachmentIds[2]`); the field shows either. */
export function attachmentIdsError(error: ApiError | null | undefined): string | undefined {
  return Object.entries(error?.fields ?? {}).find(([f]) => f.startsWith('attachmentIds'))?.[1];
}

interface Failed {
  name: string;
  message: string;
}

/**
 * 附件 on the compose form: each chosen file is uploaded at once (the server checks its type from its bytes and
 * its size), then listed in order; the draft links them by id when it is saved. A refused file is named with
 * the reason, and the others still go up.
 */
export function AttachmentsField({ value, onChange, error, disabled }: { value: Attachment[]; onChange: (next: Attachment[]) => void; error?: string; disabled?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Failed[]>([]);

  async function add(files: FileList | null) {
    if (!files?.length) return;
    const chosen = Array.from(files);
    const added: Attachment[] = [];
    const refused: Failed[] = [];
    for (const file of chosen) {
      setBusy(file.name);
      try {
        added.push(await upload<Attachment>('/api/attachments', file));
      } catch (e) {
        refused.push({ name: file.name, message: e instanceof ApiError ? (e.fields.file ?? e.message) : String(e) });
      }
    }
    setBusy(null);
    setFailed(refused);
    if (added.length) onChange([...value, ...added]);
    if (input.current) input.current.value = '';
  }

  const move = (i: number, by: number) => {
    const next = [...value];
    const [a] = next.splice(i, 1);
    next.splice(i + by, 0, a);
    onChange(next);
  };

  return (
    <fieldset className={`attachments-field${error ? ' field-invalid' : ''}`}>
      <legend>附件</legend>
      {value.length > 0 && (
        <ol>
          {value.map((a, i) => (
            <li key={a.id} data-attachment={a.filename}>
              <span>{a.filename}</span> <span className="muted">（{fileSize(a.sizeBytes)}）</span>
              <span className="row-actions inline">
                <button type="button" className="small" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={`上移 ${a.filename}`}>
                  上移
                </button>
                <button type="button" className="small" disabled={disabled || i === value.length - 1} onClick={() => move(i, 1)} aria-label={`下移 ${a.filename}`}>
                  下移
                </button>
                <button type="button" className="small" disabled={disabled} onClick={() => onChange(value.filter((x) => x.id !== a.id))} aria-label={`移除 ${a.filename}`}>
                  移除
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <FileButton id={id} ref={input} label="添加附件" multiple accept={ACCEPT} disabled={disabled || !!busy} onChange={(e) => void add(e.target.files)} aria-describedby={`${id}-hint`} />
      <p className="hint" id={`${id}-hint`}>
        可选择多个文件：PDF、OFD、Word、WPS、Excel、PowerPoint、JPG、PNG，单个文件默认不超过 20 MB。附件随信息一同发布到政府网站，并在邮件、公众号、公报中列出。
      </p>
      <p role="status" className="muted">
        {busy ? `正在上传“${busy}”……` : ''}
      </p>
      {failed.map((f) => (
        <p key={f.name} className="field-error" role="alert">
          “{f.name}”未能上传：{f.message}
        </p>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
