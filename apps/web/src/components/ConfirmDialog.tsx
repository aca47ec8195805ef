import { Modal } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';

interface Question {
  title: string;
  okText: string;
  /** a step that cannot be undone (撤回, 吊销): the button in the danger colour */
  danger?: boolean;
  children: ReactNode;
}

/**
 * The second step before a change that reaches the public or cannot be undone, as an antd Modal: a dialog named by
 * its title (role="dialog", aria-labelledby), focus moved into it and kept there, Esc or 取消 goes back with nothing
 * done, and focus returns to the button that opened it. While the change runs the confirm button shows it is busy.
 */
export function ConfirmDialog({ open, title, okText, danger, busy, onOk, onCancel, children }: Question & { open: boolean; busy?: boolean; onOk(): void; onCancel(): void }) {
  return (
    <Modal open={open} title={title} okText={okText} cancelText="取消" okButtonProps={{ danger }} confirmLoading={busy} onOk={onOk} onCancel={onCancel}>
      {children}
    </Modal>
  );
}

/**
 * `ask(question)` opens a ConfirmDialog and resolves true on the confirm button, false on 取消 or Esc — for an
 * action that asked `window.confirm` (a browser box: not styled, in the browser's language, no hint of what is
 * at stake beyond one line). Render the returned element once on the page.
 */
export function useConfirm(): [(q: Question) => Promise<boolean>, ReactNode] {
  // the last question stays shown while the dialog fades out
  const [question, setQuestion] = useState<Question | null>(null);
  const [open, setOpen] = useState(false);
  const answer = useRef<(ok: boolean) => void>(undefined);
  const ask = useCallback(
    (q: Question) =>
      new Promise<boolean>((resolve) => {
        answer.current?.(false);
        answer.current = resolve;
        setQuestion(q);
        setOpen(true);
      }),
    [],
  );
  const close = (ok: boolean) => {
    answer.current?.(ok);
    answer.current = undefined;
    setOpen(false);
  };
  const dialog = question && (
    <ConfirmDialog {...question} open={open} onOk={() => close(true)} onCancel={() => close(false)}>
      {question.children}
    </ConfirmDialog>
  );
  return [ask, dialog];
}
