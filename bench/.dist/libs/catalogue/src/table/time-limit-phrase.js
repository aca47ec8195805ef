/**
 * 公开时限 text ↔ time-limit kind. Only the phrases of the standard catalogue (domain.md §3) are understood; any
 * other text is reported to the operator rather than guessed, because a wrong guess silently moves a legal deadline.
 */
const KEEP_PUBLISHED = '保持长期公开';
export function parseTimeLimitPhrase(raw) {
    const text = raw.trim();
    // Spreadsheet cells wrap lines and pad with spaces of either width; neither carries meaning in these phrases.
    let s = toHalfWidthDigits(text).replace(/[\s\u3000]+/g, '');
    let keepPublished = false;
    const suffix = new RegExp(`[，,、；;]?${KEEP_PUBLISHED}[。.]?$`);
    if (suffix.test(s)) {
        keepPublished = true;
        s = s.replace(suffix, '');
    }
    s = s.replace(/[。.]$/, '');
    if (s === '')
        return { problem: keepPublished ? `公开时限只有“${KEEP_PUBLISHED}”，缺少期限本身` : '公开时限为空' };
    const kind = matchKind(s);
    if (!kind)
        return { problem: `无法识别的公开时限“${text}”；可识别的写法见 docs/catalogues.md` };
    if ('problem' in kind)
        return kind;
    const limit = { ...kind.limit, text };
    if (keepPublished)
        limit.keepPublished = true;
    return { limit };
}
function matchKind(s) {
    let m = /^信息(?:产生|形成)或(?:者)?变更之日起(.+?)个工作日内公开$/.exec(s);
    if (m)
        return count(m[1], (days) => ({ kind: 'working_days', days }));
    if (s === '即时公开')
        return { limit: { kind: 'immediate' } };
    m = /^公告期(?:结束)?后满(.+?)个月$/.exec(s);
    if (m)
        return count(m[1], (months) => ({ kind: 'after_notice_period', months }));
    if (s === '与政策文件同步发布' || s === '与政策文件同步公开')
        return { limit: { kind: 'with_policy' } };
    m = /^本级政府财政部门批复后(.+?)日内(?:公开)?$/.exec(s);
    if (m)
        return count(m[1], (days) => ({ kind: 'days_after_approval', days }));
    if (s === '市本级督查室审核后公开')
        return { limit: { kind: 'after_review' } };
    // Art. 49: the annual report is due by 31 January; the phrase itself names no date.
    if (s === '按照市政务公开办要求编制年报')
        return { limit: { kind: 'annual_report', month: 1, day: 31 } };
    return undefined;
}
function count(raw, make) {
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : chineseNumber(raw);
    if (n === undefined || n < 1 || n > 3660)
        return { problem: `公开时限中的数字“${raw}”不是有效的正整数` };
    return { limit: make(n) };
}
const DIGITS = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一 … 九十九, the way the counts in these phrases are written (二十, 十五, 三十); anything else is undefined. */
export function chineseNumber(s) {
    if (s.length === 1 && DIGITS[s])
        return DIGITS[s];
    const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
    if (!m)
        return undefined;
    return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[2] ? DIGITS[m[2]] : 0);
}
function toHalfWidthDigits(s) {
    return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
/** The phrase printed for a limit: its own text when it has one, else the standard wording. */
export function timeLimitPhrase(limit) {
    if (limit.text)
        return limit.text;
    const keep = 'keepPublished' in limit && limit.keepPublished ? `，${KEEP_PUBLISHED}` : '';
    switch (limit.kind) {
        case 'working_days':
            return `信息产生或变更之日起${limit.days}个工作日内公开${keep}`;
        case 'immediate':
            return `即时公开${keep}`;
        case 'after_notice_period':
            return `公告期后满${limit.months === 1 ? '一' : limit.months}个月${keep}`;
        case 'with_policy':
            return `与政策文件同步发布${keep}`;
        case 'days_after_approval':
            return `本级政府财政部门批复后${limit.days}日内${keep}`;
        case 'after_review':
            return `市本级督查室审核后公开${keep}`;
        case 'annual_report':
            return `按照市政务公开办要求编制年报${keep}`;
    }
}
