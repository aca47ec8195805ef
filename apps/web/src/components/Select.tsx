import type { ReactNode } from 'react';
import { Select as AntSelect } from 'antd';
import { Field } from './Field';
import { matches, optionsOf, type Option } from './select-options';

/**
 * Lists longer than this get a search box even when the page did not ask for one: past eight options antd's list
 * scrolls (and renders only what is in view), so typing is the quick way to an option.
 */
const SEARCH_FROM = 8;

/**
 * A choice from a list, on antd's Select: the same dropdown in every browser, a search box for long lists, the
 * field's label, hint and error tied to it for assistive technology (antd puts `id` and the aria-* attributes on
 * its combobox input; the list is a listbox whose active option the input names by aria-activedescendant, which
 * is how screen readers follow the arrow keys).
 *
 * The pages pass what they passed to the native <select> it replaced — `<option>` children and an `onChange`
 * reading `e.target.value` — so moving to antd changed no page's form handling. An `<option>` without a value has
 * its text as value, as in HTML.
 */
export function Select({ label, error, hint, required, value, onChange, search, children }: {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  value: string;
  onChange(e: { target: { value: string } }): void;
  /** a search box that filters the options by their Chinese text (or value); on by itself for long lists */
  search?: boolean;
  children: ReactNode;
}) {
  const options = optionsOf(children);
  const showSearch = search ?? options.length > SEARCH_FROM;
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(control) => (
        <AntSelect<string, Option>
          {...control}
          aria-required={required || undefined}
          value={value}
          options={options}
          onChange={(v) => onChange({ target: { value: v ?? '' } })}
          showSearch={showSearch ? { filterOption: matches } : false}
          notFoundContent="没有匹配的选项"
        />
      )}
    </Field>
  );
}
