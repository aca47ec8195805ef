import type { Role } from '../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  editor: '编辑',
  reviewer: '审核',
  publisher: '发布',
  auditor: '审计',
  admin: '管理员',
};

export const DISCLOSURE_STATUS: Record<string, string> = {
  dispatching: '分发中',
  delivered: '已全部送达',
  partially_delivered: '部分送达',
  failed: '分发失败',
  withdrawn: '已撤回',
};

export const DELIVERY_STATUS: Record<string, string> = {
  queued: '排队中',
  in_progress: '发送中',
  delivered: '已送达',
  failed: '发送失败',
  awaiting_confirmation: '待人工确认',
  confirmed: '已确认办结',
  unconfirmed: '结果未知，待核实',
  withdrawn: '已撤下',
};

export const DRAFT_STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回修改',
  approved: '审核通过，待发布',
  scheduled: '已定时',
  published: '已发布',
};

export const OPERATION_LABELS: Record<string, string> = {
  publish: '发布',
  update: '更新',
  withdraw: '撤回',
};

export const CARRIER_LABELS: Record<string, string> = {
  website: '政府网站',
  gazette: '政府公报',
  new_media: '两微一端',
  press_conference: '发布会/听证会',
  broadcast: '广播电视',
  print_media: '纸质传媒',
  reading_point: '公开查阅点',
  service_centre: '政务服务中心',
  convenience_station: '便民服务站',
  onsite: '入户/现场',
  bulletin_board: '社区/企事业单位/公示栏（电子屏）',
  targeted_push: '精准推送',
  other: '其他',
};

/** What a person does for a manual carrier. */
export const MANUAL_HINTS: Record<string, string> = {
  press_conference: '在发布会或听证会上公布，记录会议名称、时间和地点。',
  broadcast: '联系广播电视台播发，记录播出栏目和时间。',
  print_media: '联系报刊刊登，记录刊名、期号和版面。',
  reading_point: '在公开查阅点放置纸质文本，记录放置地点。',
  service_centre: '在政务服务中心公示，记录公示位置。',
  convenience_station: '在便民服务站张贴，记录站点名称。',
  onsite: '入户或现场告知，记录走访范围和人数。',
  bulletin_board: '在公示栏张贴，记录公示栏位置并拍照留存。',
  other: '按事项要求办理并记录办理情况。',
};

export const TIME_LIMIT_KINDS: Record<string, string> = {
  working_days: '工作日时限',
  immediate: '即时公开',
  days_after_approval: '批复后限期公开',
  after_notice_period: '公告期满后公开',
  with_policy: '与政策文件同步',
  after_review: '审核后公开',
  annual_report: '年度报告',
};

export const WAITING_LABELS: Record<string, string> = {
  review: '等待审核完成后才能计算期限',
  approval: '等待填写批复日期',
  notice_end: '等待公告期结束日期',
  policy: '等待关联的政策文件',
};

export const CHECK_LABELS: Record<'secrecy' | 'political' | 'legal' | 'wording', string> = {
  secrecy: '保密审查：不含国家秘密、工作秘密和个人隐私',
  political: '政治审查：政治表述准确，导向正确',
  legal: '法律审查：内容合法合规，依据充分',
  wording: '文字审查：无错别字，表述规范，标点正确',
};

export const SUBJECTS = ['综合政务', '国民经济管理、国有资产监管', '财政、金融、审计', '国土资源、能源', '城乡建设、环境保护', '科技、教育', '文化、广电、新闻出版', '卫生、体育', '民政、扶贫、救灾', '劳动、人事、监察', '公安、安全、司法', '其他'];

export const CATEGORIES = ['', '规范性文件', '政策解读', '工作动态', '通知公告', '人事信息', '财政信息', '其他'];

export const VALIDITY: Record<string, string> = { in_force: '现行有效', repealed: '已废止', expired: '已失效' };

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '—';
  return map[key] ?? key;
}

/**
 * A catalogue item's number as the catalogue prints it ("01-01"), without the catalogue code the id starts with
 * ("genhe-zwfw:01-01"): staff know items by number and name, the code is configuration.
 */
export function itemNumber(catalogueItemId: string): string {
  return catalogueItemId.slice(catalogueItemId.indexOf(':') + 1);
}
