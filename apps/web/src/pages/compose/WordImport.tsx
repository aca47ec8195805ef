import { useId, useRef, useState } from 'react';
import { ApiError, upload } from '../../api/client';
import type { ImportedDocument } from '../../api/types';
import { FileButton } from '../../components/FileButton';

/**
 * 从 Word / WPS 导入: the .docx goes to the server (mammoth), which answers with the body as HTML and the title
 * and 文号 it found; the page puts them into the form. Nothing is saved until the person saves the draft.
 */
export function WordImport({ onImported, disabled }: { onImported: (doc: ImportedDocument) => void; disabled?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportedDocument | null>(null);

  async function run(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const doc = await upload<ImportedDocument>('/api/import/docx', file);
      onImported(doc);
      setDone(doc);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.file ?? e.message) : String(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div className={`word-import${error ? ' field-invalid' : ''}`}>
      <FileButton
        id={id}
        ref={input}
        label="从 Word/WPS 导入正文（.docx）"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        disabled={disabled || busy}
        onChange={(e) => void run(e.target.files?.[0])}
      />
      {busy && <span role="status">正在导入……</span>}
      <span className="hint">也可以从 Word 中复制后直接粘贴到正文框，标题、列表和表格会保留。</span>
      {error && (
        <p className="field-error" role="alert">
          导入文件：{error}
        </p>
      )}
      {done && (
        <p className="notice-inline" role="status">
          已导入{done.title ? `标题“${done.title}”、` : ''}
          {done.docNo ? `文号“${done.docNo}”、` : ''}正文。请核对后保存。
          {done.notes.map((n) => (
            <span key={n} className="hint">
              <br />
              {n}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
