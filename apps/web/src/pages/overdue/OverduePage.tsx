import { useState } from 'react';
import { qs } from '../../api/client';
import { Empty, ErrorBanner, Loading, PageTitle, Select } from '../../components/ui';
import { Table } from 'antd';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { byNumber, byRank, byText, byTime, paged } from '../../lib/table';
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
const STATE_ORDER: Entry['state'][] = ['overdue', 'at_risk', 'waiting'];

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
        <Table<Entry>
          aria-label="逾期与临期列表"
          rowKey="disclosureId"
          size="middle"
          dataSource={data.items}
          rowClassName={(e) => `row-${e.state}`}
          // the server's order (most urgent first) until a person sorts
          pagination={paged('项')}
          columns={[
            {
              title: '类别',
              key: 'state',
              sorter: byRank(STATE_ORDER, (e) => e.state),
              render: (_, e) => <span className={`badge badge-${e.state === 'overdue' ? 'bad' : e.state === 'at_risk' ? 'warn' : 'neutral'}`}>{STATES[e.state]}</span>,
            },
            { title: '标题', key: 'title', sorter: byText((e) => e.title), render: (_, e) => <Link to={`/disclosures/${e.disclosureId}`}>{e.title}</Link> },
            {
              title: '法定期限',
              key: 'dueDate',
              sorter: byTime((e) => e.dueAt ?? e.dueDate),
              render: (_, e) => (
                <>
                  {e.dueDate ? fmtDate(e.dueDate) : '—'}
                  {e.provisional && '（暂定）'}
                </>
              ),
            },
            { title: '剩余', key: 'left', sorter: byNumber((e) => e.workingDaysLeft), render: (_, e) => left(e) },
            {
              title: '未完成的渠道',
              key: 'open',
              className: 'small',
              render: (_, e) => e.openDeliveries.map((x) => `${channelName(channels, x.channel)}（${label(DELIVERY_STATUS, x.status)}）`).join('、'),
            },
            { title: '责任科室', key: 'office', sorter: byText((e) => e.office), render: (_, e) => e.office ?? '—' },
          ]}
        />
      )}
    </>
  );
}
