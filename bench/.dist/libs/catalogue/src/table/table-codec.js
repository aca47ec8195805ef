import { CARRIERS } from '../carriers.js';
import { catalogueItemSchema } from '../catalogue.schema.js';
import { AUDIENCE_MARK, COLUMNS, columnForHeader, parseTick, TICKED, UNTICKED } from './table-columns.js';
import { parseTimeLimitPhrase, timeLimitPhrase } from './time-limit-phrase.js';
export const MAX_ROWS = 5000;
const HEADER_SCAN_ROWS = 10;
/** Items → the table's rows (header first), cells as text. */
export function itemsToRows(items) {
    const rows = [COLUMNS.map((c) => c.header)];
    for (const item of items) {
        rows.push(COLUMNS.map((c) => {
            if (c.carrier)
                return item.carriers.includes(c.carrier) ? TICKED : UNTICKED;
            switch (c.key) {
                case 'group': return item.group === undefined ? '' : String(item.group);
                case 'level1': return item.path[0] ?? '';
                case 'level2': return item.path[1] ?? '';
                case 'level3': return item.path[2] ?? '';
                case 'content': return item.content;
                case 'timeLimit': return timeLimitPhrase(item.timeLimit);
                case 'publisher': return item.publisher;
                case 'public': return item.audience === 'public' ? AUDIENCE_MARK : '';
                case 'specific': return item.audience === 'specific' ? AUDIENCE_MARK : '';
                case 'office': return item.office;
                case 'id': return item.id;
                case 'note': return item.note ?? '';
                default: return '';
            }
        }));
    }
    return rows;
}
/**
 * The table's rows → items. Every row is checked and every problem collected, so the operator fixes the file in
 * one pass; items are returned only when there is no problem at all.
 */
export function rowsToItems(rows) {
    const header = findHeader(rows);
    if ('problems' in header)
        return header;
    const { columns, lastHeaderRow } = header;
    const problems = [];
    const items = [];
    const data = rows.filter((r) => r.rowNumber > lastHeaderRow && r.cells.some((c) => c.trim() !== ''));
    if (data.length === 0)
        return { problems: [{ row: lastHeaderRow, column: '序号', reason: '表格中没有任何事项行' }] };
    if (data.length > MAX_ROWS)
        return { problems: [{ row: data[MAX_ROWS].rowNumber, column: '序号', reason: `事项行超过 ${MAX_ROWS} 行的上限` }] };
    let prevGroup;
    let prevLevel1;
    const perGroup = new Map();
    for (const r of data) {
        const cell = (key) => clean(r.cells[columns.get(key)] ?? '');
        const fail = (key, reason) => problems.push({ row: r.rowNumber, column: header.names.get(key), reason });
        const before = problems.length;
        // 序号 and 一级事项 are merged down over a group in the standard table; CSV leaves the lower cells empty.
        let group;
        const rawGroup = cell('group');
        if (rawGroup === '') {
            group = prevGroup;
            if (group === undefined)
                fail('group', '序号为空，且上方没有可沿用的序号');
        }
        else {
            group = parseGroup(rawGroup);
            if (group === undefined)
                fail('group', `序号“${rawGroup}”不是正整数`);
        }
        const sameGroup = group !== undefined && group === prevGroup;
        let level1 = cell('level1');
        if (level1 === '' && sameGroup && prevLevel1)
            level1 = prevLevel1;
        if (level1 === '')
            fail('level1', '一级事项为空');
        const level2 = cell('level2');
        const level3 = cell('level3');
        if (level3 !== '' && level2 === '')
            fail('level3', '有三级事项但二级事项为空');
        const content = cell('content');
        if (content === '')
            fail('content', '公开内容为空');
        const phrase = parseTimeLimitPhrase(cell('timeLimit'));
        if ('problem' in phrase)
            fail('timeLimit', phrase.problem);
        const publisher = cell('publisher');
        if (publisher === '')
            fail('publisher', '公开主体为空');
        const carriers = [];
        for (const c of CARRIERS) {
            const raw = cell(`carrier:${c}`);
            const ticked = parseTick(raw);
            if (ticked === undefined)
                fail(`carrier:${c}`, `无法识别的勾选标记“${raw}”，应为 ■/£ 或 是/否`);
            else if (ticked)
                carriers.push(c);
        }
        const pub = parseTick(cell('public'));
        const spec = parseTick(cell('specific'));
        if (pub === undefined)
            fail('public', `无法识别的标记“${cell('public')}”，应为 √ 或留空（也接受 ■/£、是/否）`);
        if (spec === undefined)
            fail('specific', `无法识别的标记“${cell('specific')}”，应为 √ 或留空（也接受 ■/£、是/否）`);
        if (pub !== undefined && spec !== undefined && pub === spec)
            fail('public', '全社会与特定对象须且只能勾选一项');
        const office = cell('office');
        if (office === '')
            fail('office', '责任科室为空');
        if (group !== undefined) {
            prevGroup = group;
            perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
        }
        if (level1 !== '')
            prevLevel1 = level1;
        if (problems.length > before || group === undefined || 'problem' in phrase)
            continue;
        // Without 编号 the id follows the seed's pattern (group-position); with it, ids survive reordering.
        const explicitId = columns.has('id') ? cell('id') : '';
        const id = explicitId || `${pad(group)}-${pad(perGroup.get(group))}`;
        const note = columns.has('note') ? cell('note') : '';
        const candidate = {
            id,
            group,
            path: [level1, level2, level3].filter((p) => p !== ''),
            content,
            timeLimit: phrase.limit,
            publisher,
            carriers,
            audience: pub ? 'public' : 'specific',
            office,
            ...(note ? { note } : {}),
        };
        const parsed = catalogueItemSchema.safeParse(candidate);
        if (!parsed.success) {
            for (const issue of parsed.error.issues)
                problems.push({ row: r.rowNumber, column: schemaColumn(issue.path, explicitId !== ''), reason: `${issue.path.join('.')}: ${issue.message}` });
            continue;
        }
        items.push({ item: parsed.data, rowNumber: r.rowNumber, idColumn: explicitId ? 'id' : 'group' });
    }
    const seen = new Map();
    for (const { item, rowNumber, idColumn } of items) {
        const first = seen.get(item.id);
        if (first !== undefined)
            problems.push({ row: rowNumber, column: header.names.get(idColumn), reason: `编号 ${item.id} 与第 ${first} 行重复` });
        else
            seen.set(item.id, rowNumber);
    }
    problems.sort((a, b) => a.row - b.row);
    return problems.length ? { problems } : { items: items.map((i) => i.item) };
}
/**
 * The header may be one row or two (公开事项 over 一级/二级/三级, 公开渠道和载体 over the 13 carriers) and may sit
 * under a title row: header rows are the first rows that name at least two known columns.
 */
function findHeader(rows) {
    const columns = new Map();
    const names = new Map(COLUMNS.map((c) => [c.key, c.header]));
    const problems = [];
    let first;
    let last;
    for (const r of rows.slice(0, HEADER_SCAN_ROWS)) {
        const found = r.cells.map((cell, index) => ({ index, column: columnForHeader(cell), cell })).filter((x) => !!x.column);
        if (found.length < 2) {
            if (first !== undefined)
                break;
            continue;
        }
        first ??= r.rowNumber;
        last = r.rowNumber;
        for (const f of found) {
            const at = columns.get(f.column.key);
            if (at !== undefined && at !== f.index) {
                problems.push({ row: r.rowNumber, column: f.cell.trim(), reason: `列“${f.column.header}”出现了两次` });
                continue;
            }
            columns.set(f.column.key, f.index);
            names.set(f.column.key, f.cell.trim().replace(/\s+/g, ''));
        }
    }
    if (first === undefined || last === undefined) {
        return { problems: [{ row: rows[0]?.rowNumber ?? 1, column: '序号', reason: `前 ${HEADER_SCAN_ROWS} 行中找不到表头（应含 序号、一级事项、公开时限 等列名）` }] };
    }
    for (const c of COLUMNS)
        if (c.required && !columns.has(c.key))
            problems.push({ row: last, column: c.header, reason: '缺少此列' });
    return problems.length ? { problems } : { columns, names, lastHeaderRow: last };
}
function schemaColumn(path, explicitId) {
    const key = String(path[0]);
    const map = {
        id: explicitId ? '编号' : '序号', group: '序号', content: '公开内容', timeLimit: '公开时限', publisher: '公开主体',
        office: '责任科室', note: '备注', audience: '全社会',
    };
    if (key === 'path')
        return ['一级事项', '二级事项', '三级事项'][Number(path[1] ?? 0)] ?? '一级事项';
    return map[key] ?? key;
}
function parseGroup(raw) {
    const s = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[.、．]$/, '');
    if (/^\d{1,4}(\.0+)?$/.test(s) && Number(s) >= 1)
        return Math.trunc(Number(s));
    return undefined;
}
/** Trims the cell and the spaces that pad each wrapped line, and unifies line ends; other characters are kept. */
function clean(s) {
    return s.replace(/\r\n?/g, '\n').replace(/[ \t\u3000]+$/gm, '').trim();
}
function pad(n) {
    return String(n).padStart(2, '0');
}
