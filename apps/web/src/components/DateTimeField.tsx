import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { toLocalInput } from '../lib/format';
import { Field } from './ui';

/** The value the forms keep and `fromLocalInput` reads: Beijing wall-clock time to the minute, '2026-11-24T09:00'. */
const VALUE = 'YYYY-MM-DD[T]HH:mm';
/** What the field shows; typing either this or the value's form works. */
const SHOWN = 'YYYY-MM-DD HH:mm';

/**
 * A date and time (to the minute) chosen on antd's calendar, in Chinese whatever the browser's language (the native
 * datetime-local input follows the browser: English in an English browser).
 *
 * The value stays the string the forms always held: Beijing wall-clock time with no zone ('2026-11-24T09:00'),
 * which `fromLocalInput` turns into '…+08:00' for the API. The picker only ever sees those digits (dayjs reads and
 * writes them in the browser's zone and back, so they come out as they went in), which keeps Beijing time right in
 * a browser set to another zone. The one thing the picker would take from the browser's zone is "now": its own
 * 此刻 button is replaced by one that uses Beijing's clock.
 */
export function DateTimeField({ label, value, onChange, onBlur, error, hint, required }: { label: string; value: string; onChange(v: string): void; onBlur?(): void; error?: string; hint?: ReactNode; required?: boolean }) {
  const parsed = value ? dayjs(value, VALUE, true) : null;
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(control) => (
        <DatePicker
          {...control}
          aria-required={required || undefined}
          showTime={{ format: 'HH:mm' }}
          format={[SHOWN, VALUE]}
          // a click on a day or a time, or a typed value, counts at once: no 确定 step that a person could miss
          needConfirm={false}
          showNow={false}
          renderExtraFooter={() => (
            <button
              type="button"
              className="link-button"
              // keep the focus in the field, as antd's own footer buttons do: a blur there commits the field's text
              // (empty, or the old time), which could land after this click and undo it
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onChange(toLocalInput(new Date()))}
            >
              此刻（北京时间）
            </button>
          )}
          panelRender={(panel) => <ReachableTimeColumns>{panel}</ReachableTimeColumns>}
          placeholder="年-月-日 时:分"
          value={parsed?.isValid() ? parsed : null}
          onChange={(d) => onChange(d ? d.format(VALUE) : '')}
          onBlur={onBlur}
          // Enter takes the typed time; it must not also submit the form around it, as Enter in a text box does
          // (compose would save, the draft page would schedule the publication)
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        />
      )}
    </Field>
  );
}

/**
 * antd's hour and minute columns are scrolling lists that the keyboard cannot reach (axe:
 * scrollable-region-focusable, serious). Each becomes a tab stop named 时 or 分, so it can be scrolled with the
 * arrow keys; typing the time into the field stays the quick way from the keyboard. antd offers no prop for it,
 * hence the attributes set on its markup after each render of the panel.
 */
function ReachableTimeColumns({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const column of ref.current?.querySelectorAll<HTMLElement>('.ant-picker-time-panel-column') ?? []) {
      column.tabIndex = 0;
      column.setAttribute('aria-label', column.dataset.type === 'hour' ? '时' : column.dataset.type === 'minute' ? '分' : '时间');
    }
  });
  return <div ref={ref}>{children}</div>;
}
