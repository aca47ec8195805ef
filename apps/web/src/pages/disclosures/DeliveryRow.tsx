import { useState } from 'react';
import { post } from '../../api/client';
import type { Channel, Delivery } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorBanner, StatusBadge } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { CARRIER_LABELS, MANUAL_HINTS, OPERATION_LABELS, label } from '../../lib/labels';
import { useAction } from '../../api/use-api';
import { ConfirmForm } from './ConfirmForm';
import { ScreensProgress } from './ScreensProgress';
import { channelName } from './use-channels';
import { DeliveryError } from '../../components/DeliveryError';

/** What the status means for the person looking at it, and what to do next. */
function explain(d: Delivery): string | null {
  switch (d.status) {
    case 'queued':
      return '已进入发送队列，稍后自动发送。';
    case 'in_progress':
      if (d.state?.screens) return '公告已在电子屏上线，正在等待各屏确认显示。';
      if (d.operation !== 'publish') return d.operation === 'withdraw' ? '正在从该渠道撤下。' : '正在向该渠道推送更新。';
      return `正在发送${d.attempts > 1 ? `（第 ${d.attempts} 次尝试）` : ''}。`;
    case 'failed':
      return '发送失败：对方拒绝了请求，或自动重试已用完。请查看下面的原因，处理后点击“重新发送”。';
    case 'unconfirmed':
      return '发送结果未知：请求已发出但对方没有明确答复，信息可能已经发布。请先到该渠道的后台核实：已发布的，点“确认已发布”并写明核实情况；确实没有发布的，再点“重新发送”。切勿直接重发，以免重复发布。';
    case 'awaiting_confirmation':
      return d.channel === 'manual' ? `需要人工办理：${MANUAL_HINTS[d.carrier] ?? MANUAL_HINTS.other}办理后点“确认已办结”并填写佐证。` : '等待人工确认。';
    default:
      return null;
  }
}

export function DeliveryRow({ delivery, channels, onChange }: { delivery: Delivery; channels: Map<string, Channel>; onChange: (d: Delivery) => void }) {
  const { can } = useSession();
  const [confirming, setConfirming] = useState(false);
  const retry = useAction(async () => onChange(await post<Delivery>(`/api/deliveries/${delivery.id}/retry`)));
  const d = delivery;
  const canRetry = can('publisher') && (d.status === 'failed' || d.status === 'unconfirmed');
  const canConfirm = can('publisher') && (d.status === 'awaiting_confirmation' || d.status === 'unconfirmed');
  const hint = explain(d);
  return (
    <li className={`delivery delivery-${d.status}`} data-delivery={d.id} data-channel={d.channel} data-status={d.status}>
      <div className="delivery-head">
        <h3>
          {channelName(channels, d.channel)}
          <span className="muted">（{label(CARRIER_LABELS, d.carrier)}）</span>
          {d.operation !== 'publish' && <span className="chip">{label(OPERATION_LABELS, d.operation)}</span>}
        </h3>
        <StatusBadge kind="delivery" status={d.status} />
      </div>
      {hint && <p className="delivery-hint">{hint}</p>}
      {d.state?.screens && typeof d.state.screens.total === 'number' && <ScreensProgress p={d.state.screens} />}
      {d.status === 'delivered' && (
        <p>
          {fmtDateTime(d.deliveredAt)} 送达
          {d.onTime === false && <strong className="late">（超过法定期限）</strong>}
          {d.remoteUrl && (
            <>
              ，
              <a href={d.remoteUrl} target="_blank" rel="noopener noreferrer">
                查看已发布的页面
              </a>
            </>
          )}
          {d.remoteId && !d.remoteUrl && <span className="muted">，对方编号 {d.remoteId}</span>}
        </p>
      )}
      {d.status === 'confirmed' && d.confirmation && (
        <p>
          {String(d.confirmation.by ?? '')} 于 {fmtDateTime(String(d.confirmation.at ?? ''))} 确认：{String(d.confirmation.note ?? '')}
          {d.confirmation.evidence ? `（佐证：${String(d.confirmation.evidence)}）` : ''}
        </p>
      )}
      {d.lastError && (d.status === 'failed' || d.status === 'unconfirmed' || d.status === 'in_progress' || d.status === 'queued') && (
        <DeliveryError text={d.lastError} />
      )}
      {d.attempts > 0 && (
        <p className="muted small">
          {/* attempts count every call to the channel: after an update or a withdrawal they include those too */}
          {d.operation === 'publish' ? `已尝试 ${d.attempts} 次` : `共调用该渠道 ${d.attempts} 次（含发布、更新与撤回）`}，最后更新 {fmtDateTime(d.updatedAt)}
        </p>
      )}
      <ErrorBanner error={retry.error} />
      {(canRetry || canConfirm) && !confirming && (
        <div className="actions">
          {canRetry && (
            <button type="button" className={d.status === 'failed' ? 'primary' : undefined} disabled={retry.busy} onClick={() => void retry.run()}>
              {retry.busy ? '正在提交……' : '重新发送'}
            </button>
          )}
          {canConfirm && (
            <button type="button" className={d.status === 'awaiting_confirmation' ? 'primary' : undefined} onClick={() => setConfirming(true)}>
              {d.status === 'unconfirmed' ? '确认已发布' : '确认已办结'}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <ConfirmForm
          delivery={d}
          onCancel={() => setConfirming(false)}
          onDone={(x) => {
            setConfirming(false);
            onChange(x);
          }}
        />
      )}
    </li>
  );
}
