import type { Channel } from '../../api/types';
import { Empty, ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { CARRIER_LABELS, label } from '../../lib/labels';
import { Link } from '../../lib/router';
import { useLoad } from '../../lib/use-load';

interface Health {
  channel: string;
  status?: string;
  healthy?: boolean;
  [key: string]: unknown;
}

const TYPE_LABELS: Record<string, string> = {
  webhook: '通用接口（签名 HTTP）',
  'wechat-oa': '微信公众号',
  weibo: '微博',
  'app-push': '移动应用推送',
  email: '电子邮件',
  sms: '短信',
  gazette: '政府公报',
  screens: '电子屏',
  manual: '人工任务',
};

/** The channels config/channels.yaml defines, and how each one is doing. */
export function ChannelsPage() {
  const list = useLoad<{ items: Channel[] }>('/api/channels');
  const health = useLoad<{ items: Health[] }>('/api/channels/health');
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
        <table className="table">
          <thead>
            <tr>
              <th scope="col">渠道</th>
              <th scope="col">类型</th>
              <th scope="col">覆盖的公开载体</th>
              <th scope="col">幂等</th>
              <th scope="col">健康状况</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => {
              const h = byName.get(c.name);
              return (
                <tr key={c.name}>
                  <td>
                    {c.label}
                    <div className="muted small">{c.name}</div>
                  </td>
                  <td>{TYPE_LABELS[c.type] ?? c.type}</td>
                  <td>{c.carriers.map((x) => label(CARRIER_LABELS, x)).join('、') || '—'}</td>
                  <td>{c.idempotent ? '是（可安全重发）' : '否（超时结果需人工核实）'}</td>
                  <td>{h ? <HealthCell h={h} /> : <span className="muted">{health.loading ? '检查中……' : '暂无数据'}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

function HealthCell({ h }: { h: Health }) {
  const ok = h.healthy ?? (h.status === 'ok' || h.status === 'up' || h.status === 'healthy');
  const { channel: _c, status, healthy: _h, ...rest } = h;
  return (
    <>
      <span className={`badge badge-${ok ? 'good' : 'bad'}`}>{ok ? '正常' : '异常'}</span>
      {status && <span className="muted small"> {status}</span>}
      {Object.keys(rest).length > 0 && (
        <details>
          <summary>详情</summary>
          <pre className="json">{JSON.stringify(rest, null, 2)}</pre>
        </details>
      )}
    </>
  );
}
