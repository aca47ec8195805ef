// Every time is shown in Beijing time, whatever the browser's zone: due dates are Beijing working days.
const TZ = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

function parts(f: Intl.DateTimeFormat, d: Date): Record<string, string> {
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

/** 2026-11-24 09:00 */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const p = parts(dateTime, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** 2026-11-24 */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const p = parts(dateOnly, d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The value the date-and-time fields keep (DateTimeField): this instant as Beijing wall-clock time, to the minute. */
export function toLocalInput(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const p = parts(dateTime, d);
  return `${p.year}-${p.month}-${p.day}T${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** A date-and-time field's value (Beijing wall-clock time) → ISO 8601 with the +08:00 offset. */
export function fromLocalInput(v: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return undefined;
  return `${v}:00+08:00`;
}

/** A date (YYYY-MM-DD, Beijing) → the instant its day starts, or the next day starts when `end`. */
export function dayStart(day: string, end = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00+08:00`);
  if (end) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export function todayBeijing(): string {
  return fmtDate(new Date().toISOString());
}

/** Characters as a person counts them: one per 汉字, emoji included. */
export function charCount(s: string): number {
  return Array.from(s).length;
}
