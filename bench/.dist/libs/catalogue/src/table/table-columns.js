import { CARRIER_LABELS, CARRIERS } from '../carriers.js';
const carrierAliases = {
    press_conference: ['发布会听证会', '新闻发布会/听证会', '发布会'],
    broadcast: ['广播/电视'],
    print_media: ['纸质媒体', '报刊'],
    onsite: ['入户现场', '入户/现场'],
    bulletin_board: ['社区/企事业单位/村公示栏(电子屏)', '公示栏(电子屏)', '社区/企事业单位/公示栏', '公示栏'],
    reading_point: ['公开查阅场所'],
    service_centre: ['政务服务大厅'],
    new_media: ['两微一端(新媒体)'],
};
export const COLUMNS = [
    { key: 'group', header: '序号', required: true },
    { key: 'level1', header: '一级事项', aliases: ['一级'], required: true },
    { key: 'level2', header: '二级事项', aliases: ['二级'], required: true },
    { key: 'level3', header: '三级事项', aliases: ['三级'], required: true },
    { key: 'content', header: '公开内容', aliases: ['公开内容(要素)'], required: true },
    { key: 'timeLimit', header: '公开时限', required: true },
    { key: 'publisher', header: '公开主体', required: true },
    ...CARRIERS.map((c) => ({ key: `carrier:${c}`, header: CARRIER_LABELS[c], aliases: carrierAliases[c], required: true, carrier: c })),
    { key: 'public', header: '全社会', required: true },
    { key: 'specific', header: '特定对象', required: true },
    { key: 'office', header: '责任科室', aliases: ['责任股室', '责任部门'], required: true },
    { key: 'id', header: '编号', aliases: ['事项编号'], required: false },
    { key: 'note', header: '备注', required: false },
];
/** Headers differ in spacing and in the width of brackets and slashes between localities; not in meaning. */
export function normalizeHeader(s) {
    return s
        .replace(/[\s\u3000]+/g, '')
        .replace(/（/g, '(')
        .replace(/）/g, ')')
        .replace(/／/g, '/')
        .replace(/[*＊]+$/, '');
}
const byName = new Map();
for (const c of COLUMNS)
    for (const name of [c.header, ...(c.aliases ?? [])])
        byName.set(normalizeHeader(name), c);
export function columnForHeader(cell) {
    return byName.get(normalizeHeader(cell));
}
export const TICKED = '■';
export const UNTICKED = '£';
export const AUDIENCE_MARK = '√';
/**
 * A tick-box cell: ■ / £ as the standard table prints them, 是 / 否 as people type them, √ as the 公开对象 columns
 * print it. An empty cell is "not ticked". Anything else is reported, not guessed.
 */
export function parseTick(raw) {
    const s = raw.replace(/[\s\u3000]+/g, '');
    if (['■', '√', '✓', '✔', '☑', '是', '●'].includes(s))
        return true;
    if (['', '£', '□', '☐', '否', '×', '○'].includes(s))
        return false;
    return undefined;
}
