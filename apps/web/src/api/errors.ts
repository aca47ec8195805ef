/** Field name (as the API names it) → what to call it in a message. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  limitDays: '更新期限天数',
  warnDays: '提前预警天数',
  targetType: '对象类别',
  file: '附件',
  attachmentIds: '附件',
  attachments: '附件', // a content-check finding in attachments[n]
  'contentCheckOverride.reason': '仍要发布的理由',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  catalogueItemId: '公开事项',
  title: '标题',
  body: '正文',
  generatedAt: '信息形成时间',
  approvalDate: '批复日期',
  noticeEndDate: '公告期结束日期',
  policyDisclosureId: '关联政策文件',
  reviewedAt: '审核完成时间',
  'metadata.indexNo': '索引号',
  'metadata.docNo': '文号',
  'metadata.writtenAt': '成文日期',
  'metadata.summary': '内容概述',
  'metadata.subject': '主题分类',
  'metadata.keywords': '关键词',
  'metadata.category': '文件类别',
  'metadata.validity': '有效性',
  checks: '四项审查',
  'checks.secrecy': '保密审查',
  'checks.political': '政治审查',
  'checks.legal': '法律审查',
  'checks.wording': '文字审查',
  decision: '审核结论',
  comments: '审核意见',
  scheduledAt: '定时发布时间',
  note: '办理说明',
  date: '办理日期',
  place: '办理地点',
  evidence: '佐证材料',
  reason: '撤回原因',
  roles: '角色',
  departmentCode: '所属部门',
  displayName: '姓名',
  code: '代码',
  name: '名称',
  department: '部门',
  publisher: '发布机构',
  from: '开始日期',
  to: '结束日期',
  format: '格式',
  cursor: '翻页位置',
  status: '状态',
  channel: '渠道',
  item: '公开事项',
  actor: '操作人',
  action: '操作类型',
  disclosure: '公开记录',
  outcome: '结果',
  year: '年度',
  'Idempotency-Key': '防重复提交标识',
  'Content-Type': '文件类型',
};

export type FieldErrors = Record<string, string>;

const CJK = /[\u3400-\u9fff]/;

/** class-validator's and the services' English phrases, in plain Chinese. Unknown phrases fall back by status. */
const PHRASES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/should not be empty|is required|must not be empty/i, () => '不能为空'],
  [/must be (?:at least|longer than or equal to) (\d+) characters/i, (m) => `至少需要 ${m[1]} 个字符`],
  [/must be (?:shorter than or equal to|at most) (\d+) characters/i, (m) => `最多 ${m[1]} 个字符`],
  [/must be a UUID/i, () => '格式不正确'],
  [/ISO 8601 date-time|ISO 8601 instant/i, () => '须为有效的日期和时间'],
  [/must be a date|YYYY-MM-DD|is not a real date/i, () => '须为有效的日期（年-月-日）'],
  [/must be one of|must be (?:\w+, )*\w+ or \w+$/i, () => '取值不在允许的范围内'],
  [/must be a string/i, () => '须填写文字'],
  [/must be a boolean/i, () => '须选择是或否'],
  [/must be an array/i, () => '须为列表'],
  [/must contain at least 1 elements/i, () => '至少选择一项'],
  [/must be (?:an integer|a number)/i, () => '须为数字'],
  [/must not be greater than|must not be less than/i, () => '数值超出允许范围'],
  [/every check .* must pass/i, () => '四项审查须全部通过才能审核通过'],
  [/say what must change/i, () => '退回修改时须写明需要修改的内容'],
  [/is taken/i, () => '已被占用，请换一个'],
  [/no catalogue item/i, () => '目录中没有这个事项'],
  [/ambiguous/i, () => '事项编号有重复，请从目录树中选择'],
  [/you may publish only your department|belongs to department/i, () => '该事项属于其他部门，您只能处理本部门的事项'],
  [/no department/i, () => '没有这个部门'],
  [/not a cursor/i, () => '翻页位置无效，请重新查询'],
  [/must be after from|must not be before from/i, () => '结束日期须晚于开始日期'],
  [/only failed or unconfirmed deliveries can be retried/i, () => '只有发送失败或结果未知的投递可以重新发送（可能已由他人处理，请刷新）'],
  [/only tasks awaiting confirmation or unconfirmed/i, () => '只有待确认的任务或结果未知的投递可以确认（可能已由他人处理，请刷新）'],
  [/only an approved draft can be published/i, () => '只有审核通过的稿件才能发布（先审后发）'],
  [/this step needs it to be/i, () => '稿件当前的状态不允许这一步操作（可能已由他人处理），请刷新页面查看最新状态'],
  [/nothing to change/i, () => '没有需要修改的内容'],
  [/already withdrawn|is withdrawn/i, () => '该信息已撤回'],
  [/request body is larger|larger than/i, () => '内容过大，请精简后重试'],
  [/not valid JSON/i, () => '请求格式有误，请刷新页面后重试'],
];

const BY_STATUS: Record<number, string> = {
  400: '提交的内容有误，请检查后重试。',
  401: '用户名或密码错误，或登录已失效。',
  403: '您没有执行此操作的权限。',
  404: '没有找到要查看的内容，它可能已被删除或您无权查看。',
  409: '当前状态不允许这一操作（可能已由他人处理），请刷新后重试。',
  413: '内容过大，请精简后重试。',
  415: '文件类型不正确。',
  422: '内容未通过检查，请按提示修改。',
  429: '操作过于频繁，请稍后再试。',
  500: '服务器出错了，错误已记录，请稍后重试或联系管理员。',
  502: '服务暂时不可用，请稍后重试。',
  503: '服务暂时不可用（数据库或队列未响应），请稍后重试。',
};

function phrase(text: string): string | null {
  for (const [re, say] of PHRASES) {
    const m = re.exec(text);
    if (m) return say(m);
  }
  return null;
}

export function labelOf(field: string): string {
  const bare = field.replace(/^metadata\./, '');
  const item = /^(\w+)\[(\d+)\]$/.exec(bare); // attachmentIds[1] → 第 2 个附件
  if (item && FIELD_LABELS[item[1]]) return `第 ${Number(item[2]) + 1} 个${FIELD_LABELS[item[1]]}`;
  return FIELD_LABELS[field] ?? FIELD_LABELS[bare] ?? field;
}

/** Strips a leading "field: " the API puts before some messages, so the label is not said twice. */
function stripField(text: string, field?: string): string {
  if (field && text.startsWith(`${field}: `)) return text.slice(field.length + 2);
  return text.replace(/^[\w.-]+: /, '');
}

function say(field: string | undefined, text: string): string {
  const own = stripField(text, field);
  if (CJK.test(own)) return own.replace(/\s*\([^)]*[a-z]{3,}[^)]*\)\s*$/i, ''); // drop a trailing English gloss
  return phrase(own) ?? '填写有误';
}

export interface Described {
  message: string;
  fields: FieldErrors;
  detail: string | null;
}

/** The API answers {message, field} or, from validation, {message, fields: [{field, problem}]}. */
export function describeError(status: number, payload: unknown): Described {
  const p = (payload ?? {}) as { message?: unknown; field?: unknown; fields?: { field: string; problem: string }[]; problems?: unknown[] };
  const raw = Array.isArray(p.message) ? p.message.join('; ') : typeof p.message === 'string' ? p.message : '';
  const fields: FieldErrors = {};
  if (Array.isArray(p.fields)) {
    for (const f of p.fields) if (!fields[f.field]) fields[f.field] = say(f.field, f.problem);
  } else if (typeof p.field === 'string' && raw) {
    fields[p.field] = say(p.field, raw);
  }
  const named = Object.entries(fields).map(([f, m]) => `${labelOf(f)}：${m}`);
  let message: string;
  if (named.length) message = `${named.join('；')}。`;
  else if (raw && CJK.test(raw)) message = stripField(raw);
  else message = (raw ? phrase(raw) : null) ?? BY_STATUS[status] ?? (status >= 500 ? BY_STATUS[500] : BY_STATUS[400]);
  if (!/[。！？]$/.test(message)) message += '。';
  return { message, fields, detail: raw && !CJK.test(raw) ? raw : null };
}
