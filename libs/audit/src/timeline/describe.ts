import type { AuditRecord } from '../audit-hash.js';
import { beijingMinute } from '../reports/zh-time.js';
import { ACTION_ZH, OUTCOME_ZH } from './action-labels.js';

/** How a timeline names people and channels; the caller knows users' roles and the channel configuration. */
export interface DescribeContext {
  actor(actor: string): string;
  channel(channel: string | null, carrier: string | null): string;
}

export const DELIVERY_STATUS_ZH: Record<string, string> = {
  queued: '排队中',
  in_progress: '投递中',
  delivered: '已送达',
  failed: '失败',
  awaiting_confirmation: '待人工确认',
  confirmed: '已确认',
  unconfirmed: '结果不明',
  withdrawn: '已撤下',
};

export const DISCLOSURE_STATUS_ZH: Record<string, string> = {
  dispatching: '分发中',
  delivered: '已全部送达',
  partially_delivered: '部分送达',
  failed: '分发失败',
  withdrawn: '已撤回',
};

const OPERATION_ZH: Record<string, string> = { publish: '投递', update: '更新', withdraw: '撤下' };
const FIELD_ZH: Record<string, string> = { title: '标题', body: '正文', metadata: '元数据' };

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const reason = (v: unknown): string => (str(v) ? `：${str(v)}` : '');

/** One sentence in zh-CN saying what the entry records, prefixed with its Beijing time. */
export function describeEntry(e: Omit<AuditRecord, 'seq'>, carrier: string | null, ctx: DescribeContext): string {
  const d = e.details ?? {};
  const who = ctx.actor(e.actor);
  const ch = ctx.channel(e.channel, carrier ?? (str(d.carrier) || null));
  const op = OPERATION_ZH[str(d.operation) || 'publish'] ?? '投递';
  const attempt = d.attempt !== undefined ? `（第${str(d.attempt)}次尝试）` : '';
  const body = ((): string => {
    switch (e.action) {
      case 'disclosure.published': {
        const n = Array.isArray(d.deliveries) ? d.deliveries.length : 0;
        const due = d.dueAt ? `，应于 ${beijingMinute(str(d.dueAt))} 前公开` : '';
        return `${who} 发布了信息《${str(d.title)}》${due}，分发至 ${n} 个渠道`;
      }
      case 'disclosure.updated': {
        const changed = Array.isArray(d.changed) ? d.changed.map((f) => FIELD_ZH[str(f)] ?? str(f)).join('、') : '';
        const manual = Array.isArray(d.manualFollowUps) && d.manualFollowUps.length ? `，另需人工处理 ${d.manualFollowUps.length} 项` : '';
        return `${who} 修改了信息${d.revision ? `（第${str(d.revision)}版）` : ''}${changed ? `，修改了${changed}` : ''}${manual}`;
      }
      case 'disclosure.withdrawn':
        return `${who} 撤回了信息${reason(d.reason) ? `，原因${reason(d.reason)}` : ''}`;
      case 'disclosure.dispatch_settled': {
        const counts = (d.deliveries ?? {}) as Record<string, number>;
        const parts = Object.entries(counts).map(([s, n]) => `${DELIVERY_STATUS_ZH[s] ?? s} ${n} 个`);
        return `${who} 汇总分发结果${parts.length ? `：${parts.join('，')}` : ''}`;
      }
      case 'delivery.attempt':
        switch (e.outcome) {
          case 'delivered':
            return `${ch} ${op}成功${attempt}`;
          case 'withdrawn':
            return `${ch} 撤下成功${attempt}`;
          case 'queued':
            return `${ch} ${op}失败${attempt}${reason(d.error)}，将自动重试`;
          case 'failed':
            return `${ch} ${op}失败${attempt}${reason(d.error)}，不再自动重试`;
          case 'unconfirmed':
            return `${ch} ${op}结果不明${attempt}${reason(d.error)}，需人工确认是否已送达`;
          case 'awaiting_confirmation':
            return `${ch} 已转为人工任务，等待有人确认完成`;
          case 'in_progress':
            return `${ch} 已提交${attempt}，等待对方返回处理结果`;
          default:
            return `${ch} ${op}：${DELIVERY_STATUS_ZH[str(e.outcome)] ?? str(e.outcome)}${attempt}`;
        }
      case 'delivery.remote_result':
        return `${ch} 返回处理结果：${DELIVERY_STATUS_ZH[str(e.outcome)] ?? str(e.outcome)}${reason(d.error)}`;
      case 'delivery.retry_requested':
        return `${who} 要求重新投递 ${ch}${d.previousStatus ? `（此前状态：${DELIVERY_STATUS_ZH[str(d.previousStatus)] ?? str(d.previousStatus)}）` : ''}`;
      case 'delivery.confirmed': {
        const where = [str(d.date), str(d.place)].filter(Boolean).join('，');
        return `${who} 确认 ${ch} 已完成${reason(d.note)}${where ? `（${where}）` : ''}`;
      }
      case 'draft.published':
        return `${who} 将审核通过的稿件发布为本信息`;
      default:
        // an action unknown here (written by a newer version) is named, not hidden: auditors must see it
        return `${who} ${ACTION_ZH[e.action] ?? `执行了操作 ${e.action}`}${e.outcome ? `（结果：${OUTCOME_ZH[e.outcome] ?? e.outcome}）` : ''}${e.channel ? `，渠道：${ch}` : ''}`;
    }
  })();
  return `${beijingMinute(e.at)} ${body}`;
}

const ROLE_ZH: [string, string][] = [
  ['admin', '管理员'],
  ['publisher', '发布员'],
  ['reviewer', '审核员'],
  ['editor', '编辑'],
  ['auditor', '审计员'],
];

/** Every `system:*` actor the code writes (grep "system:" in libs and apps); the back office uses the same words. */
const SYSTEM_ZH: Record<string, string> = {
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

/** `user:admin` → `管理员 admin`; system components by what they are. */
export function actorLabel(actor: string, rolesOf: (username: string) => string[] | undefined): string {
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  switch (kind) {
    case 'user': {
      const roles = rolesOf(name) ?? [];
      const role = ROLE_ZH.find(([r]) => roles.includes(r))?.[1] ?? '用户';
      return `${role} ${name}`;
    }
    case 'system':
      return SYSTEM_ZH[name] ?? '系统'; // never the component's English name: staff and auditors read this
    case 'screen':
      return `屏幕 ${name}`;
    default:
      return actor;
  }
}
