import { useState } from 'react';
import { qs } from '../../api/client';
import { Empty, ErrorBanner, Loading, PageTitle, Select } from '../../components/ui';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { DELIVERY_STATUS, WAITING_LABELS, label } from '../../lib/labels';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { channelName, useChannels } from '../disclosures/use-channels';
import { UnreadNotes } from '../notifications/UnreadNotes';

interface Entry {
  disclosureId: string;
  title: string;
  catalogueItemId: string;
  departmentCode: string;
  office: string | null;
  state: 'overdue' | 'at_risk' | 'waiting';
  waitingFor: string | null;
  dueAt: string | null;
  dueDate: string | null;
  provisional: boolean;
  workingDaysLeft: number | null;
  openDeliveries: { id: string; carrier: string; channel: string; status: string }[];
}

const STATES: Record<string, string> = { overdue: '已逾期', at_risk: '即将到期', waiting: '期限待定' };

function left(e: Entry): string {
  if (e.state === 'waiting') return label(WAITING_LABELS, e.waitingFor);
  if (e.workingDaysLeft === null) return '—';
  if (e.workingDaysLeft < 0) return `已超期 ${-e.workingDaysLeft} 个工作日`;
  if (e.workingDaysLeft === 0) return '今天到期';
  return `还剩 ${e.workingDaysLeft} 个工作日`;
}

/** 逾期与临期: what is late, what is close to its legal deadline, and what still waits for its deadline's input. */
export function OverduePage() {
  const initial = useSearchParams()[0].get('state') ?? '';
  const [state, setState] = useState(initial);
  const { data, error, loading } = useApiQuery<{ asOf: string; lead: number; items: Entry[] }>(`/api/overdue${qs({ state })}`);
  const channels = useChannels();
  return (
    <>
      <PageTitle>逾期与临期</PageTitle>
      <UnreadNotes kind="deadline" title="未读期限提醒" />
      <div className="filters">
        <Select label="类别" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">全部</option>
          {Object.entries(STATES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
      </div>
      {data && <p className="muted">统计时间：{fmtDateTime(data.asOf)}；期限前 {data.lead} 个工作日起列为“即将到期”。</p>}
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading what="逾期情况" />
      ) : !data?.items.length ? (
        <Empty>没有逾期或即将到期的公开事项。</Empty>
      ) : (
        <table className="table">
          <caption className="sr-only">逾期与临期列表</caption>
          <thead>
            <tr>
              <th scope="col">类别</th>
              <th scope="col">标题</th>
              <th scope="col">法定期限</th>
              <th scope="col">剩余</th>
              <th scope="col">未完成的渠道</th>
              <th scope="col">责任科室</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.disclosureId} className={`row-${e.state}`}>
                <td>
                  <span className={`badge badge-${e.state === 'overdue' ? 'bad' : e.state === 'at_risk' ? 'warn' : 'neutral'}`}>{STATES[e.state]}</span>
                </td>
                <td>
                  <Link to={`/disclosures/${e.disclosureId}`}>{e.title}</Link>
                </td>
                <td>
                  {e.dueDate ? fmtDate(e.dueDate) : '—'}
                  {e.provisional && '（暂定）'}
                </td>
                <td>{left(e)}</td>
                <td className="small">{e.openDeliveries.map((x) => `${channelName(channels, x.channel)}（${label(DELIVERY_STATUS, x.status)}）`).join('、')}</td>
                <td>{e.office ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
