import type { ScreenRef, ScreensProgress as Progress } from '../../api/types';
import { fmtDateTime } from '../../lib/format';

const SETTLED: Record<string, string> = {
  acknowledged: '所有在线电子屏均已确认显示。',
  timeout: '确认超时：下列在线电子屏未在时限内确认，请到现场或厂商平台核实。',
  taken_down: '公告已从所有电子屏撤下。',
  no_online_screens: '暂无在线电子屏：公告已上线，离线的屏恢复联网后会自动取得。',
};

/**
 * Which screens show the notice, from the delivery's state.screens: the count the law's "delivered" rests on for
 * screens, and by name the screens still missing, so staff know where to go and look.
 */
export function ScreensProgress({ p }: { p: Progress }) {
  const missing = p.settled === 'timeout' ? (p.missing ?? p.waiting) : p.waiting;
  return (
    <div className="screens-progress" data-testid="screens-progress">
      <p>
        <strong>
          已在 {p.acknowledgedCount}/{p.total} 块电子屏显示
        </strong>
        <span className="muted">（在线 {p.online} 块{p.liveSince ? `，${fmtDateTime(p.liveSince)} 上线` : ''}）</span>
      </p>
      <progress max={Math.max(p.total, 1)} value={p.acknowledgedCount} aria-label="电子屏确认进度" />
      {p.settled && <p className="small">{SETTLED[p.settled] ?? p.note}</p>}
      {!p.settled && p.timeoutAt && <p className="muted small">等待在线电子屏确认，{fmtDateTime(p.timeoutAt)} 前未确认的将列为未确认。</p>}
      {missing.length > 0 && <ScreenList title={p.settled === 'timeout' ? '未确认的在线电子屏' : '等待确认的在线电子屏'} screens={missing} />}
      {p.offline.length > 0 && <ScreenList title="离线电子屏（恢复联网后自动取得）" screens={p.offline} />}
      {p.acknowledged.length > 0 && (
        <details>
          <summary>已确认的电子屏（{p.acknowledgedCount} 块）</summary>
          <ScreenList screens={p.acknowledged} />
        </details>
      )}
    </div>
  );
}

function ScreenList({ title, screens }: { title?: string; screens: ScreenRef[] }) {
  return (
    <>
      {title && <p className="small label">{title}：</p>}
      <ul className="screen-list small">
        {screens.map((s) => (
          <li key={s.id}>
            {s.name}
            <span className="muted">
              （{s.location || s.group}
              {s.acknowledgedAt ? `，${fmtDateTime(s.acknowledgedAt)} 确认` : s.lastSeenAt ? `，最后联网 ${fmtDateTime(s.lastSeenAt)}` : '，从未联网'}）
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
