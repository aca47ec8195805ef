import { parse } from 'csv-parse/sync';
const HEADERS = {
    name: 'name', 姓名: 'name',
    email: 'email', 邮箱: 'email', 电子邮箱: 'email',
    phone: 'phone', 手机: 'phone', 手机号: 'phone', 手机号码: 'phone',
    topics: 'topics', 订阅: 'topics', 订阅事项: 'topics',
    consent: 'consent', 同意凭证: 'consent',
};
/** Topics in one cell are separated by ; | or a line break (group names may contain commas). */
function splitTopics(v) {
    if (Array.isArray(v))
        return v.map(String).map((s) => s.trim()).filter(Boolean);
    return String(v ?? '').split(/[;；|\n]/).map((s) => s.trim()).filter(Boolean);
}
function toInput(o) {
    const pick = (k) => {
        const key = Object.keys(o).find((h) => HEADERS[h.trim()] === k || h === k);
        return key === undefined ? undefined : o[key];
    };
    const str = (v) => (v === undefined || v === null ? undefined : String(v));
    return { name: str(pick('name')), email: str(pick('email')), phone: str(pick('phone')), consent: str(pick('consent')), topics: splitTopics(pick('topics')) };
}
export function rowsFromJson(rows) {
    return rows.map(toInput);
}
/** Throws with a message naming the CSV problem (the caller answers 400 with field "csv"). */
export function rowsFromCsv(csv) {
    const records = parse(csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true });
    if (records.length > 5000)
        throw new Error('at most 5000 rows per import');
    return records.map(toInput);
}
