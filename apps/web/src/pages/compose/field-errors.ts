/**
 * Which message a compose field shows. A message is about the field as it is now: the form's own checks run on
 * every render but speak only for a field the person has left (touched) or after they tried to save; the
 * server's answer to the last save speaks for a field until the person edits that field. Before this, a message
 * from a failed save stayed beside a field after it was filled (docs/back-office.md).
 */
export interface FieldErrorState {
  live: Record<string, string>; // localProblems(form) for the form as it is now
  server?: Record<string, string>; // the last save's field errors, keyed as the API names them
  attempted: boolean; // a save or submit was tried
  touched: ReadonlySet<string>; // fields the person has left
  changed: ReadonlySet<string>; // fields edited since the last save was sent
}

export function visibleError(field: string, s: FieldErrorState): string | undefined {
  if ((s.attempted || s.touched.has(field)) && s.live[field]) return s.live[field];
  if (s.changed.has(field)) return undefined;
  return s.server?.[field] ?? s.server?.[`metadata.${field}`];
}

/** The API's and localProblems' name for a form field (the body is written as Markdown but sent as `body`). */
export function errorKey(formKey: string): string {
  return formKey === 'bodyMd' ? 'body' : formKey;
}
