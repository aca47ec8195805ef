import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { FieldError, FieldHint, messageIds, RequiredMark } from '../Field';
import { fromWordHtml } from './body-html';
import { cleanWordDocument, isWordHtml } from './word-paste';
import { BODY_EXTENSIONS } from './extensions';
import { Slice } from '@tiptap/pm/model';

interface Props {
  label: string;
  value: string;
  onChange(html: string): void;
  onBlur?(): void;
  required?: boolean;
  error?: string;
  hint?: ReactNode;
  disabled?: boolean;
}

/**
 * The body editor (TipTap on ProseMirror): staff write and paste rich text as in Word, and the page keeps HTML,
 * the format the API stores and the channels sanitize. The editable area is a labelled, multi-line textbox with
 * its hint and error tied to it, like every other field.
 */
export function RichTextEditor({ label, value, onChange, onBlur, required, error, hint, disabled }: Props) {
  const id = useId();
  const labelId = `${id}-label`;
  const { hintId, errId } = messageIds(id, hint, error);
  const [initial] = useState(value);
  // pictures a Word paste could not bring (they are files on the author's computer): said once, under the field
  const [droppedImages, setDroppedImages] = useState(0);
  const noticeId = droppedImages ? `${id}-paste` : undefined;
  const describedBy = [hintId, noticeId, errId].filter(Boolean).join(' ');
  // useEditor re-applies changed options on each render: the attributes follow the field's state from here
  const editorProps = useMemo(
    () => ({
      attributes: {
        id, role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelId, class: 'rich-text-area',
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
        ...(required ? { 'aria-required': 'true' } : {}),
      },
      transformPastedHTML: (html: string) => {
        if (!isWordHtml(html)) {
          setDroppedImages(0);
          return fromWordHtml(html);
        }
        const pasted = cleanWordDocument(new DOMParser().parseFromString(html, 'text/html'));
        setDroppedImages(pasted.droppedImages);
        return fromWordHtml(pasted.html);
      },
      transformPasted: blocksStandAlone,
    }),
    [id, labelId, describedBy, error, required],
  );
  const editor = useEditor({
    extensions: BODY_EXTENSIONS,
    content: initial,
    editable: !disabled,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps,
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
    onBlur: () => onBlur?.(),
  });

  useEffect(() => editor.setEditable(!disabled), [editor, disabled]);

  // a value set from outside (Word import, a finding's fix, a restored form) replaces the content
  useEffect(() => {
    const current = editor.isEmpty ? '' : editor.getHTML();
    if (value !== current) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  return (
    <div className={`field rich-text${error ? ' field-invalid' : ''}`}>
      <span className="label" id={labelId} onClick={() => editor.commands.focus()}>
        {label}
        {required && <RequiredMark />}
      </span>
      <Toolbar editor={editor} label={label} disabled={disabled} />
      <EditorContent editor={editor} />
      <FieldHint id={hintId}>{hint}</FieldHint>
      <p className="hint paste-notice" id={noticeId} role="status">
        {droppedImages > 0 && `从 Word 粘贴时略去了 ${droppedImages} 张图片（图片在作者电脑上，浏览器无法读取）。需要图片时，请用“从 Word/WPS 导入正文”导入 .docx 文件。`}
      </p>
      <FieldError id={errId} error={error} />
    </div>
  );
}

/** Formatting buttons; each says whether it is on (aria-pressed) and keeps focus in the text. */
function Toolbar({ editor, label, disabled }: { editor: Editor; label: string; disabled?: boolean }) {
  const on = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
    }),
  });
  const chain = () => editor.chain().focus();
  const buttons: [string, boolean | undefined, () => void][] = [
    ['一级小标题', on.h2, () => chain().toggleHeading({ level: 2 }).run()],
    ['二级小标题', on.h3, () => chain().toggleHeading({ level: 3 }).run()],
    ['加粗', on.bold, () => chain().toggleBold().run()],
    ['倾斜', on.italic, () => chain().toggleItalic().run()],
    ['项目符号', on.bullet, () => chain().toggleBulletList().run()],
    ['编号', on.ordered, () => chain().toggleOrderedList().run()],
    ['引用', on.quote, () => chain().toggleBlockquote().run()],
    ['插入表格', undefined, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()],
    ['撤销', undefined, () => chain().undo().run()],
    ['重做', undefined, () => chain().redo().run()],
  ];
  return (
    <div className="rich-text-toolbar" role="toolbar" aria-label={`文字格式（${label}）`}>
      {buttons.map(([name, pressed, act]) => (
        <button key={name} type="button" aria-pressed={pressed} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={act}>
          {name}
        </button>
      ))}
    </div>
  );
}

/**
 * Pasted blocks (Word's headings, paragraphs, tables) stand as their own blocks wherever the cursor is: ProseMirror
 * would otherwise join the first pasted heading's text onto the paragraph the cursor is in. A single pasted
 * paragraph (a phrase, plain text) still flows into the line as typed text does.
 */
function blocksStandAlone(slice: Slice): Slice {
  const first = slice.content.firstChild;
  if (slice.content.childCount === 1 && first?.type.name === 'paragraph') return slice;
  if (first && !first.isBlock) return slice;
  return new Slice(slice.content, 0, 0);
}
