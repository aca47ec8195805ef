import { useState, type HTMLAttributes } from 'react';
import { Table } from 'antd';
import { qs } from '../../api/client';
import type { Delivery, Page } from '../../api/types';
import { Empty, ErrorBanner, Loading, Notice, PageTitle, Select, StatusBadge } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { byText, byTime, paged } from '../../lib/table';
import { CARRIER_LABELS, MANUAL_HINTS, OPERATION_LABELS, label } from '../../lib/labels';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { ConfirmForm } from '../disclosures/ConfirmForm';
import { channelName, useChannels } from '../disclosures/use-channels';
import { DeliveryError } from '../../components/DeliveryError';

interface Task extends Delivery {
  disclosure: { id: string; title: string; departmentCode: string; catalogueItemId: string; itemPath: string[]; office: string | null; dueAt: string | null };
}

/**
 * The manual-task inbox: carriers no system reaches (press conferences, notice boards, door-to-door), plus sends
 * whose result is unknown. Each is closed by a person with evidence; filtered by the responsible office.
 */
export function TasksPage() {
  const [office, setOffice] = useState('');
  const [view, setView] = useState<'manual' | 'unconfirmed'>('manual');
  const path = '/api/deliveries' + qs(view === 'manual' ? { channel: 'manual', status: 'awaiting_confirmation', office, limit: 200 } : { status: 'unconfirmed', office, limit: 200 });
  const { data, error, loading, setData } = useApiQuery<Page<Task>>(path);
  const all = useApiQuery<Page<Task>>('/api/deliveries?channel=manual&status=awaiting_confirmation&limit=200');
  const channels = useChannels();
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // what is to be done: the carrier for a manual task, the channel for a send to check
  const what = (t: Task) => (t.channel === 'manual' ? label(CARRIER_LABELS, t.carrier) : channelName(channels, t.channel));
  const offices = [...new Set((all.data?.items ?? []).map((t) => t.disclosure.office).filter((o): o is string => !!o))].sort();

  return (
    <>
      <PageTitle>人工任务</PageTitle>
      <div className="filters">
        <fieldset className="segmented-field">
          <legend>任务类型</legend>
          <label className="check">
            <input type="radio" name="view" checked={view === 'manual'} onChange={() => setView('manual')} />
            待人工办理
          </label>
          <label className="check">
            <input type="radio" name="view" checked={view === 'unconfirmed'} onChange={() => setView('unconfirmed')} />
            发送结果待核实
          </label>
        </fieldset>
        <Select label="责任科室" value={office} onChange={(e) => setOffice(e.target.value)}>
          <option value="">全部科室</option>
          {offices.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </Select>
      </div>
      {done && <Notice kind="success">已确认办结：{done}</Notice>}
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading what="任务" />
      ) : !data?.items.length ? (
        <Empty>{view === 'manual' ? '没有待办的人工任务。' : '没有待核实的发送。'}</Empty>
      ) : (
        <Table<Task>
          className="tasks-table"
          aria-label={view === 'manual' ? '待人工办理的任务' : '发送结果待核实的任务'}
          rowKey="id"
          size="middle"
          dataSource={data.items}
          onRow={(t) => ({ 'data-delivery': t.id }) as HTMLAttributes<HTMLElement>}
          // up to 200 open tasks: the server's order until a person sorts, e.g. by 法定期限 to do the most urgent first
          pagination={paged('项')}
          // the evidence form opens under the task's row, in place of its button
          expandable={{
            showExpandColumn: false,
            expandedRowKeys: open ? [open] : [],
            expandedRowRender: (t) => (
              <ConfirmForm
                delivery={t}
                onCancel={() => setOpen(null)}
                onDone={() => {
                  setOpen(null);
                  setDone(`${t.disclosure.title}（${label(CARRIER_LABELS, t.carrier)}）`);
                  setData((p) => (p ? { ...p, items: p.items.filter((x) => x.id !== t.id) } : p));
                }}
              />
            ),
          }}
          columns={[
            {
              title: '公开信息',
              key: 'title',
              sorter: byText((t) => t.disclosure.title),
              render: (_, t) => <Link to={`/disclosures/${t.disclosure.id}`}>{t.disclosure.title}</Link>,
            },
            {
              title: '载体与办理要求',
              key: 'carrier',
              sorter: byText(what),
              render: (_, t) => (
                <>
                  <strong>{what(t)}</strong>
                  {t.purpose && t.operation !== 'publish' && `（${label(OPERATION_LABELS, t.operation)}后续）`}
                  {t.channel === 'manual' && `：${MANUAL_HINTS[t.carrier] ?? MANUAL_HINTS.other}`}
                  {t.lastError && <DeliveryError text={t.lastError} />}
                </>
              ),
            },
            { title: '状态', key: 'status', render: (_, t) => <StatusBadge kind="delivery" status={t.status} /> },
            { title: '责任科室', key: 'office', sorter: byText((t) => t.disclosure.office), render: (_, t) => t.disclosure.office ?? '—' },
            { title: '法定期限', key: 'dueAt', sorter: byTime((t) => t.disclosure.dueAt), render: (_, t) => fmtDateTime(t.disclosure.dueAt) },
            { title: '生成时间', key: 'createdAt', sorter: byTime((t) => t.createdAt), render: (_, t) => fmtDateTime(t.createdAt) },
            {
              title: '操作',
              key: 'actions',
              render: (_, t) =>
                open !== t.id && (
                  <div className="row-actions">
                    <button type="button" className="primary" onClick={() => setOpen(t.id)}>
                      {t.status === 'unconfirmed' ? '确认已发布' : '确认已办结'}
                    </button>
                    {t.status === 'unconfirmed' && <Link to={`/disclosures/${t.disclosure.id}`}>去重新发送</Link>}
                  </div>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
