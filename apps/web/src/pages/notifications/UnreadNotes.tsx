import { post, qs } from '../../api/client';
import { fmtDateTime } from '../../lib/format';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/use-api';

interface Notification {
  id: number;
  kind: string;
  severity: string;
  title: string;
  message: string;
  disclosureId: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * The unread part of the back office's inbox (GET /api/notifications): deadline warnings for the person's
 * department, screens going offline and back for admins. `kind` narrows it (the overdue page shows deadlines only).
 */
export function UnreadNotes({ kind, title = '未读提醒' }: { kind?: string; title?: string }) {
  const notes = useApiQuery<{ items: Notification[] }>(`/api/notifications${qs({ unread: true, limit: 20, kind })}`);
  const markRead = async (id: number) => {
    await post(`/api/notifications/${id}/read`).catch(() => undefined);
    notes.setData((n) => (n ? { items: n.items.filter((x) => x.id !== id) } : n));
  };
  if (!notes.data?.items.length) return null;
  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">
        {title}（{notes.data.items.length}）
      </h2>
      <ul className="notes">
        {notes.data.items.map((n) => (
          <li key={n.id} className={`note note-${n.severity}`} data-kind={n.kind}>
            <strong>{n.title}</strong> {n.message}
            <span className="muted small">（{fmtDateTime(n.createdAt)}）</span>
            {n.disclosureId && <Link to={`/disclosures/${n.disclosureId}`}>查看</Link>}
            {n.kind.startsWith('screen.') && <Link to="/admin/screens">查看电子屏</Link>}
            <button type="button" className="link-button" onClick={() => void markRead(n.id)}>
              标为已读
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
