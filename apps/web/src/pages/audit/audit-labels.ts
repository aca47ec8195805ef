/** Audit actions in plain Chinese; an unknown action is shown as written. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.password_changed': '修改密码',
  'auth.password_change_failed': '修改密码失败',
  'user.created': '新建用户',
  'department.created': '新建部门',
  'draft.created': '新建稿件',
  'draft.edited': '修改稿件',
  'draft.submitted': '提交审核',
  'draft.reviewed': '审核',
  'draft.scheduled': '定时发布',
  'draft.published': '稿件发布',
  'disclosure.published': '发布公开信息',
  'disclosure.updated': '更新公开信息',
  'disclosure.withdrawn': '撤回公开信息',
  'delivery.attempt': '渠道发送',
  'delivery.retry_requested': '重新发送',
  'delivery.confirmed': '人工确认',
  'delivery.remote_result': '渠道回执',
  'audit.exported': '导出审计日志',
  'audit.verified': '校验审计链',
  'audit.anchored': '链头锚定',
  'report.compliance_generated': '生成合规报告',
  'report.annual_generated': '生成年报数据',
  'catalogue.imported': '导入目录',
  'catalogue.version_loaded': '目录文件生效',
  'disclosure.due_set': '确定公开时限',
  'catalogue.exported': '导出目录',
  'queues.board_opened': '打开队列看板',
  'attachment.uploaded': '上传附件',
  'audit.head_exported': '导出链头',
  'audit.verify_failed': '审计链校验未通过',
  'delivery.requeued': '重新排队',
  'disclosure.dispatch_settled': '分发结束',
  'disclosure.review_recorded': '记录审核结果',
  'gazette.issue_published': '出版政府公报',
  'push.unknown_resolved': '核实推送结果',
  'screen.acknowledged': '电子屏确认显示',
  'screen.offline': '电子屏离线',
  'screen.online': '电子屏恢复在线',
  'screen.paired': '电子屏配对',
  'screen.pairing_code_issued': '生成电子屏配对码',
  'screen.registered': '登记电子屏',
  'screen.revoked': '吊销电子屏令牌',
  'screen.token_rotated': '更换电子屏令牌',
  'screen.updated': '修改电子屏',
  'subscriber.email_verified': '订阅邮箱已验证',
  'subscriber.imported': '导入订阅者',
  'subscriber.unsubscribed': '退订',
  'user.sessions_revoked': '结束用户会话',
  'user.updated': '修改用户',
};

/** The outcome column: every outcome the API writes (grep "outcome: '" in libs and apps). */
export const OUTCOME_LABELS: Record<string, string> = {
  ok: '成功',
  failed: '失败',
  rejected: '被拒绝',
  broken: '链已断裂',
  valid: '完整',
  confirmed: '已确认',
  delivered: '已送达',
  unconfirmed: '结果未知',
  queued: '已排队',
  withdrawn: '已撤下',
  notified: '已通知',
  online: '在线',
  offline: '离线',
  new_version: '新版本',
  // a draft's actions record the status they left it in (libs/review/src/review.service.ts)
  draft: '草稿',
  submitted: '已提交审核',
  returned: '已退回修改',
  approved: '审核通过',
  scheduled: '已定时',
  published: '已发布',
};

/** Who did it: a person is shown by user name (data); the system's parts by what they are (as the timeline, libs/audit/src/timeline/describe.ts). */
const SYSTEM_ACTORS: Record<string, string> = {
  worker: '系统（投递进程）',
  'audit-scheduler': '系统（审计定时任务）',
  bootstrap: '系统（首次启动）',
  config: '系统（配置加载）',
  'overdue-monitor': '系统（期限监测）',
  poller: '系统（回执查询）',
  push: '系统（推送）',
  reconciler: '系统（对账）',
  screens: '系统（电子屏）',
};

export function actorLabel(actor: string): string {
  const [kind, name = ''] = actor.split(/:(.*)/s);
  if (kind === 'user') return name;
  if (kind === 'system') return SYSTEM_ACTORS[name] ?? '系统';
  if (kind === 'callback') return name === 'wechat' ? '微信回调' : '渠道回调';
  if (kind === 'screen') return '电子屏';
  return actor;
}

export const ACTION_PREFIXES: [string, string][] = [
  ['auth.*', '登录与账号'],
  ['draft.*', '稿件与审核'],
  ['disclosure.*', '公开信息'],
  ['delivery.*', '渠道投递'],
  ['audit.*', '审计'],
  ['user.*', '用户'],
  ['catalogue.*', '目录'],
  ['screen.*', '电子屏'],
  ['queues.*', '队列'],
  ['attachment.*', '附件'],
];
