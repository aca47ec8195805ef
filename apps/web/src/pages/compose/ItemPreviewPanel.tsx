import { qs } from '../../api/client';
import type { ItemPreview } from '../../api/types';
import { ErrorBanner, Loading } from '../../components/ui';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { dueWarningText } from '../../lib/due-warning';
import { CARRIER_LABELS, label, TIME_LIMIT_KINDS, WAITING_LABELS } from '../../lib/labels';
import { useApiQuery } from '../../api/use-api';

/**
 * What publishing this item would do, shown before anything is sent: the channels its carriers resolve to and
 * the legal due date under 政府信息公开条例 (computed by the server's working-day calendar).
 */
export function ItemPreviewPanel(props: { catalogueItemId: string; generatedAt?: string; approvalDate?: string; noticeEndDate?: string }) {
  const sep = props.catalogueItemId.indexOf(':');
  const path =
    sep > 0
      ? `/api/catalogues/${encodeURIComponent(props.catalogueItemId.slice(0, sep))}/items/${encodeURIComponent(props.catalogueItemId.slice(sep + 1))}/preview` +
        qs({ generatedAt: props.generatedAt, approvalDate: props.approvalDate, noticeEndDate: props.noticeEndDate })
      : null;
  const { data, error, loading } = useApiQuery<ItemPreview>(path);
  if (!path) return <p className="hint">选择公开事项后，这里显示将要分发的渠道和法定公开期限。</p>;
  if (error) return <ErrorBanner error={error} />;
  if (!data || (loading && !data)) return <Loading what="渠道和期限" />;
  const due = data.due;
  return (
    <section className="item-preview" aria-label="分发渠道与公开期限" aria-busy={loading}>
      <h3>法定公开期限</h3>
      <p className="due">
        {due.dueAt ? (
          <>
            <strong>{fmtDate(due.dueDate ?? due.dueAt)}</strong> 前公开
            <span className="muted">（截止 {fmtDateTime(due.dueAt)}）</span>
          </>
        ) : due.waiting ? (
          <strong>{label(WAITING_LABELS, due.waiting)}</strong>
        ) : (
          <strong>无法定期限</strong>
        )}
      </p>
      <p className="muted">
        时限：{data.timeLimit.text ?? label(TIME_LIMIT_KINDS, data.timeLimit.kind)}
        {due.warning ? `。${dueWarningText(due.warning)}` : due.provisional && '。该日期所在年份的节假日安排尚未公布，期限为暂定'}
      </p>
      <h3>将分发到 {data.channels.length} 个渠道</h3>
      <ul className="channel-list">
        {data.channels.map((c) => (
          <li key={`${c.carrier}-${c.channel}`} data-channel={c.channel}>
            <span className={c.channel === 'manual' ? 'chip chip-manual' : 'chip'}>{c.channel === 'manual' ? '人工任务' : c.label}</span>
            <span className="muted">{label(CARRIER_LABELS, c.carrier)}</span>
          </li>
        ))}
      </ul>
      {data.channels.length === 0 && <p className="hint">该事项没有勾选任何公开载体。</p>}
    </section>
  );
}
