import { useState } from 'react';
import { qs } from '../../api/client';
import type { Delivery, Page } from '../../api/types';
import { Empty, ErrorBanner, Loading, Notice, PageTitle, Select, StatusBadge } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { CARRIER_LABELS, MANUAL_HINTS, OPERATION_LABELS, label } from '../../lib/labels';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { ConfirmForm } from '../disclosures/ConfirmForm';
import { channelName, useChannels } from '../disclosures/use-channels';

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
        <ul className="tasks">
          {data.items.map((t) => (
            <li key={t.id} className="task" data-delivery={t.id}>
              <div className="delivery-head">
                <h2>
                  <Link to={`/disclosures/${t.disclosure.id}`}>{t.disclosure.title}</Link>
                </h2>
                <StatusBadge kind="delivery" status={t.status} />
              </div>
              <p>
                <strong>{t.channel === 'manual' ? label(CARRIER_LABELS, t.carrier) : channelName(channels, t.channel)}</strong>
                {t.purpose && t.operation !== 'publish' && `（${label(OPERATION_LABELS, t.operation)}后续）`}
                {t.channel === 'manual' && `：${MANUAL_HINTS[t.carrier] ?? MANUAL_HINTS.other}`}
              </p>
              <p className="muted small">
                责任科室：{t.disclosure.office ?? '—'}；法定期限：{fmtDateTime(t.disclosure.dueAt)}；生成于 {fmtDateTime(t.createdAt)}
              </p>
              {t.lastError && <p className="delivery-error">原因：{t.lastError}</p>}
              {open === t.id ? (
                <ConfirmForm
                  delivery={t}
                  onCancel={() => setOpen(null)}
                  onDone={() => {
                    setOpen(null);
                    setDone(`${t.disclosure.title}（${label(CARRIER_LABELS, t.carrier)}）`);
                    setData((p) => (p ? { ...p, items: p.items.filter((x) => x.id !== t.id) } : p));
                  }}
                />
              ) : (
                <div className="actions">
                  <button type="button" className="primary" onClick={() => setOpen(t.id)}>
                    {t.status === 'unconfirmed' ? '确认已发布' : '确认已办结'}
                  </button>
                  {t.status === 'unconfirmed' && <Link to={`/disclosures/${t.disclosure.id}`}>去重新发送</Link>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
