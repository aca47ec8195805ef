import type { Channel } from '../../api/types';
import { Empty, ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { Table } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { byRank, byText } from '../../lib/table';
import { CARRIER_LABELS, label } from '../../lib/labels';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { DeliveryError } from '../../components/DeliveryError';

/** GET /api/channels/health: what each channel did over the past week (apps/api/src/channels/channels.controller.ts). */
interface Health {
  channel: string;
  status: 'ok' | 'failing' | 'unknown';
  healthy: boolean | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

const TYPE_LABELS: Record<string, string> = {
  webhook: '通用接口（签名 HTTP）',
  wechat_oa: '微信公众号',
  weibo: '微博',
  app_push: '移动应用推送',
  email: '电子邮件',
  sms: '短信',
  gazette: '政府公报',
  screens: '电子屏（拉取）',
  screen_vendor: '电子屏（厂商平台）',
  manual: '人工任务',
};

const HEALTH_ORDER = ['failing', 'unknown', 'ok'] as const;
const healthOf = (h: Health | undefined): (typeof HEALTH_ORDER)[number] => (!h || h.healthy === null ? 'unknown' : h.healthy ? 'ok' : 'failing');

/** The channels config/channels.yaml defines, and how each one is doing. */
export function ChannelsPage() {
  const list = useApiQuery<{ items: Channel[] }>('/api/channels');
  const health = useApiQuery<{ items: Health[] }>('/api/channels/health');
  const byName = new Map((health.data?.items ?? []).map((h) => [h.channel, h]));
  return (
    <>
      <PageTitle actions={<Link to="/admin/queues">查看任务队列</Link>}>渠道与健康</PageTitle>
      <p className="hint">渠道在服务器的 config/channels.yaml 中配置（地址、密钥、限速、重试），修改后重启生效。未配置渠道的公开载体会自动生成人工任务。</p>
      <ErrorBanner error={list.error} />
      {health.error && health.error.status !== 404 && <ErrorBanner error={health.error} />}
      {!list.data ? (
        <Loading what="渠道" />
      ) : !list.data.items.length ? (
        <Empty>没有配置渠道。</Empty>
      ) : (
        <Table<Channel>
          aria-label="渠道列表"
          rowKey="name"
          size="middle"
          dataSource={list.data.items}
          // the channels config/channels.yaml defines: a handful, all on one page
          pagination={false}
          columns={[
            {
              title: '渠道',
              key: 'label',
              sorter: byText((c) => c.label),
              render: (_, c) => (
                <>
                  {c.label}
                  <div className="muted small">
                    配置名 <code>{c.name}</code>
                  </div>
                </>
              ),
            },
            { title: '类型', key: 'type', sorter: byText((c) => TYPE_LABELS[c.type] ?? c.type), render: (_, c) => TYPE_LABELS[c.type] ?? c.type },
            { title: '覆盖的公开载体', key: 'carriers', render: (_, c) => c.carriers.map((x) => label(CARRIER_LABELS, x)).join('、') || '—' },
            { title: '幂等', key: 'idempotent', render: (_, c) => (c.idempotent ? '是（可安全重发）' : '否（超时结果需人工核实）') },
            {
              title: '健康状况',
              key: 'health',
              // failing channels first: the reason an admin opens this page
              sorter: byRank(HEALTH_ORDER, (c) => healthOf(byName.get(c.name))),
              render: (_, c) => {
                const h = byName.get(c.name);
                return h ? <HealthCell h={h} /> : <span className="muted">{health.loading ? '检查中……' : '暂无数据'}</span>;
              },
            },
          ]}
        />
      )}
    </>
  );
}

/** The three states the API reports; a channel with no deliveries this week has no evidence either way. */
function HealthCell({ h }: { h: Health }) {
  if (h.healthy === null) return <span className="muted">暂无数据（近 7 天没有发送）</span>;
  return (
    <>
      <span className={`badge badge-${h.healthy ? 'good' : 'bad'}`}>{h.healthy ? '正常' : '异常'}</span>
      {h.lastSuccessAt && <div className="muted small">最近成功 {fmtDateTime(h.lastSuccessAt)}</div>}
      {!h.healthy && h.lastFailureAt && <div className="muted small">最近失败 {fmtDateTime(h.lastFailureAt)}</div>}
      {!h.healthy && h.lastError && <DeliveryError text={h.lastError} className="delivery-error small" />}
    </>
  );
}
