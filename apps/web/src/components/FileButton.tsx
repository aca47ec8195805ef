import type { InputHTMLAttributes, Ref } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> & {
  id: string;
  ref?: Ref<HTMLInputElement>;
  /** The button's words, which are also the input's label (getByLabel, screen readers). */
  label: string;
  /** What was chosen, shown beside the button; undefined shows nothing (the page lists the files itself). */
  chosen?: string | null;
};

/**
 * A file input that speaks Chinese whatever the browser's language. The browser's own one says
 * "Choose Files / No file chosen" in an English browser, and its text cannot be set. The input stays in the page,
 * visually hidden but focusable and labelled, so the keyboard (Tab, then Space), screen readers and tests reach it;
 * its label is drawn as the button, with a focus ring when the input has focus (styles.css `.file-button`).
 */
export function FileButton({ id, label, chosen, disabled, ...input }: Props) {
  return (
    <span className="file-button">
      <input id={id} type="file" className="sr-only" disabled={disabled} {...input} />
      <label htmlFor={id} className={`button${disabled ? ' disabled' : ''}`}>
        {label}
      </label>
      {chosen !== undefined && <span className="muted">{chosen || '未选择文件'}</span>}
    </span>
  );
}
