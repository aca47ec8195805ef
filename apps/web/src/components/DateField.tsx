import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Field } from './ui';

const FORMAT = 'YYYY-MM-DD';

/**
 * A date chosen on antd's calendar, in Chinese whatever the browser's language (the native date input follows
 * the browser: English month names and mm/dd/yyyy in an English browser). The value stays a 'YYYY-MM-DD' string
 * as the API and the URL filters take it; typing the date works too.
 */
export function DateField({ label, value, onChange, error, hint, required }: { label: string; value: string; onChange(v: string): void; error?: string; hint?: ReactNode; required?: boolean }) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(control) => (
        <DatePicker
          {...control}
          format={FORMAT}
          placeholder="年-月-日"
          value={value && dayjs(value, FORMAT, true).isValid() ? dayjs(value, FORMAT) : null}
          onChange={(d) => onChange(d ? d.format(FORMAT) : '')}
        />
      )}
    </Field>
  );
}
