import { beijingMinute } from '../reports/zh-time.js';
/**
 * The text a person publishes outside the system (a newspaper notice, a signed e-mail, a second archive). The
 * first line is machine-readable; the rest tells a reader what it is and how to check it.
 */
export function anchorText(a) {
    return [
        `gongkai-audit-head seq=${a.seq} sha256=${a.hash} at=${a.entryAt}`,
        '',
        '公开分发系统审计日志链头锚定（Gongkai Dispatch audit log head）',
        `序号 seq：${a.seq}`,
        `哈希 sha256：${a.hash}`,
        `该条目时间：${beijingMinute(a.entryAt)}（北京时间）`,
        `导出时间：${beijingMinute(a.createdAt)}（北京时间）`,
        '',
        '核验方法：在系统中调用 GET /api/audit/verify?anchorSeq=' + a.seq + '&anchorHash=' + a.hash,
        '或运行 npm run audit:verify -- --anchor-seq ' + a.seq + ' --anchor-hash ' + a.hash + '；',
        '若第 ' + a.seq + ' 条记录的哈希与此不符，或该记录已不存在，说明日志在此之前被改动过。',
        '',
    ].join('\n');
}
/** Reads the machine line back (for tools that check a published anchor). */
export function parseAnchorLine(line) {
    const m = /^gongkai-audit-head seq=(\d+) sha256=([0-9a-f]{64})\b/.exec(line.trim());
    return m ? { seq: Number(m[1]), hash: m[2] } : null;
}
