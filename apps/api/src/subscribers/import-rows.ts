import { parse } from 'csv-parse/sync';
import type { SubscriberInput } from '../../../../libs/subscribers/src/index.js';

const HEADERS: Record<string, keyof SubscriberInput> = {
  name: 'name', 姓名: 'name',
  email: 'email', 邮箱: 'email', 电子邮箱: 'email',
  phone: 'phone', 手机: 'phone', 手机号: 'phone', 手机号码: 'phone',
  topics: 'topics', 订阅: 'topics', 订阅事项: 'topics',
  consent: 'consent', 同意凭证: 'consent',
};

/** Topics in one cell are separated by ; | or a line break (group names may contain commas). */
function splitTopics(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).map((s) => s.trim()).filter(Boolean);
  return String(v ?? '').split(/[;；|\n]/).map((s) => s.trim()).filter(Boolean);
}

function toInput(o: Record<string, unknown>): SubscriberInput {
  const pick = (k: keyof SubscriberInput) => {
    const key = Object.keys(o).find((h) => HEADERS[h.trim()] === k || h === k);
    return key === undefined ? undefined : o[key];
  };
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return { name: str(pick('name')), email: str(pick('email')), phone: str(pick('phone')), consent: str(pick('consent')), topics: splitTopics(pick('topics')) };
}

export function rowsFromJson(rows: Record<string, unknown>[]): SubscriberInput[] {
  return rows.map(toInput);
}

/** Throws with a message naming the CSV problem (the caller answers 400 with field "csv"). */
export function rowsFromCsv(csv: string): SubscriberInput[] {
  const records: Record<string, string>[] = parse(csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  if (records.length > 5000) throw new Error('at most 5000 rows per import');
  return records.map(toInput);
}
