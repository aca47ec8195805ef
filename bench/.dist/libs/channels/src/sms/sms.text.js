import { truncate } from '../render/render.js';
/** ≤70 characters (sign included) is one message; longer ones are split and billed per 67 (domain facts §5). */
export const SMS_SINGLE = 70;
export const SMS_PART = 67;
export function smsParts(chars) {
    return chars <= SMS_SINGLE ? 1 : Math.ceil(chars / SMS_PART);
}
export const SMS_VARIABLES = ['title', 'office', 'date', 'indexNo', 'item'];
export function placeholders(text) {
    const out = [];
    for (const m of text.matchAll(/\{([A-Za-z]+)\}/g))
        if (!out.includes(m[1]))
            out.push(m[1]);
    return out;
}
export function smsMessage(ctx, t) {
    const d = ctx.disclosure;
    const vars = {
        office: truncate(d.publisher || d.office, t.maxParamLength),
        date: shanghaiDate(d.generatedAt),
        indexNo: truncate(String(d.metadata.indexNo ?? ''), t.maxParamLength),
        item: truncate(d.itemPath[d.itemPath.length - 1] ?? d.itemId, t.maxParamLength),
        title: '',
    };
    const names = placeholders(t.text);
    const render = (v) => `【${t.signName}】${t.text.replace(/\{([A-Za-z]+)\}/g, (_m, k) => v[k] ?? '')}`;
    const base = Array.from(render(vars)).length;
    // the title takes what room is left; if the fixed text leaves almost none, a readable title beats one part
    const room = t.maxLength - base;
    vars.title = truncate(d.title, Math.min(t.maxParamLength, room >= 8 ? room : Math.min(t.maxParamLength, 20)));
    const text = render(vars);
    const chars = Array.from(text).length;
    const params = Object.fromEntries(names.map((n) => [n, vars[n] ?? '']));
    return { params, ordered: names.map((n) => vars[n] ?? ''), text, chars, parts: smsParts(chars) };
}
function shanghaiDate(iso) {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? '' : new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
