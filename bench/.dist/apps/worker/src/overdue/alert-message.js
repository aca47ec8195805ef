import { shanghaiDate } from '../../../../libs/calendar/src/index.js';
const STATUS = {
    queued: '排队待发',
    in_progress: '正在发送',
    failed: '发送失败',
    awaiting_confirmation: '等待人工确认',
    unconfirmed: '结果未知，待人工确认',
};
/** When it is due, in words: 还有 N 个工作日 / 今日到期 / 已逾期. */
export function remaining(f) {
    if (f.level === 'overdue')
        return f.workingDaysLeft < 0 ? `已逾期 ${-f.workingDaysLeft} 个工作日` : '已超过法定公开期限';
    return f.workingDaysLeft <= 0 ? '今日到期' : `距法定公开期限还有 ${f.workingDaysLeft} 个工作日`;
}
export function alertTitle(f) {
    return f.level === 'overdue' ? `【公开逾期】${f.title}（${remaining(f)}）` : `【公开时限预警】${f.title}（${remaining(f)}）`;
}
/** The short line the back office shows. */
export function alertSummary(f) {
    return `${f.office ?? '责任科室'}：“${f.title}”尚有 ${f.open.length} 个渠道未完成公开，法定期限 ${shanghaiDate(f.dueAt)}，${remaining(f)}。`;
}
/** The e-mail to the responsible office, in plain text that any mail client shows as is. */
export function alertText(f) {
    const lines = [
        `${f.office ?? '各位同事'}：`,
        '',
        f.level === 'overdue'
            ? `以下主动公开事项已超过法定公开期限，仍有渠道未完成公开，请立即处理。`
            : `以下主动公开事项尚未在全部渠道完成公开，${remaining(f)}，请尽快处理。`,
        '',
        `标题：${f.title}`,
        `目录事项：${f.catalogueItemId}${f.itemPath.length ? `（${f.itemPath.join(' / ')}）` : ''}`,
        ...(f.timeLimitText ? [`公开时限：${f.timeLimitText}`] : []),
        `法定期限：${shanghaiDate(f.dueAt)}（北京时间当日 24:00 前）${f.provisional ? '（暂定：该年度节假日安排尚未公布）' : ''}`,
        '未完成的渠道：',
        ...f.open.map((d) => `  - ${d.channel}（${d.carrier}）：${STATUS[d.status] ?? d.status}`),
        `记录编号：${f.disclosureId}`,
        '',
        '本邮件由政务公开分发系统自动发送，每条记录的预警和逾期通知各只发送一次。',
    ];
    return lines.join('\n');
}
