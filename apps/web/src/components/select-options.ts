import { Children, Fragment, isValidElement, type OptionHTMLAttributes, type ReactNode } from 'react';

/** An option of components/Select.tsx as antd takes it; the label is plain text (antd shows it and searches it). */
export interface Option {
  value: string;
  label: string;
}

/** Typed words found in the option's text or value, ignoring spaces and letter case: 「政务」 finds 电子政务与政务公开办. */
export function matches(input: string, option?: Option): boolean {
  const words = input.replace(/\s+/g, '').toLowerCase();
  if (!option || !words) return true;
  return option.label.replace(/\s+/g, '').toLowerCase().includes(words) || option.value.toLowerCase().includes(words);
}

/** The options the pages wrote as <option> children (as for the native <select>): no value means the text is the value. */
export function optionsOf(children: ReactNode): Option[] {
  return Children.toArray(children).flatMap((c): Option[] => {
    if (!isValidElement<{ children?: ReactNode }>(c)) return [];
    if (c.type === Fragment) return optionsOf(c.props.children);
    if (c.type !== 'option') return [];
    const p = c.props as OptionHTMLAttributes<HTMLOptionElement>;
    const text = textOf(p.children);
    return [{ value: p.value === undefined ? text : String(p.value), label: text }];
  });
}

function textOf(node: ReactNode): string {
  return Children.toArray(node)
    .map((n) => (typeof n === 'string' || typeof n === 'number' ? String(n) : isValidElement<{ children?: ReactNode }>(n) ? textOf(n.props.children) : ''))
    .join('');
}
