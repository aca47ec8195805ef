import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/src/index.js';

export interface ScreenRef {
  id: string;
  name: string;
  group: string;
  location: string;
  lastSeenAt: string | null;
  acknowledgedAt?: string | null;
}

/** Which screens of a delivery's groups show its notice: the record behind "delivered to N of M screens". */
export interface DeliveryProgress {
  groups: string[];
  /** no notice row is still scheduled, and every online screen of the live groups acknowledged it */
  complete: boolean;
  /** the notice is off every screen (withdrawn or past its window): nothing left to acknowledge */
  gone: boolean;
  total: number;
  online: number;
  acknowledged: ScreenRef[];
  /** online, not yet showing it */
  waiting: ScreenRef[];
  /** not calling in, not showing it: they pick it up when they are back */
  offline: ScreenRef[];
  /** when the current revision went live (the acknowledgement timeout counts from here) */
  liveSince: string | null;
}

const LIST_CAP = 200;

@Injectable()
export class DeliveryProgressService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async progress(deliveryId: string): Promise<DeliveryProgress> {
    const notices: { group_code: string; phase: string; published_at: Date | null }[] = await this.db.query(
      `SELECT group_code, phase, published_at FROM screen_notices WHERE delivery_id = $1 ORDER BY group_code`,
      [deliveryId],
    );
    const screens: Record<string, any>[] = await this.db.query(
      `SELECT s.id, s.name, s.group_code, s.location, s.last_seen_at,
              COALESCE(s.last_seen_at > now() - make_interval(secs => $2), false) AS online,
              (s.shown_version IS NOT NULL AND s.shown_version >= n.published_version) AS acked,
              (SELECT min(a.at) FROM screen_acks a WHERE a.screen_id = s.id AND a.group_code = n.group_code AND a.version >= n.published_version) AS acked_at
       FROM screen_notices n JOIN screens s ON s.group_code = n.group_code AND s.revoked_at IS NULL
       WHERE n.delivery_id = $1 AND n.phase = 'live'
       ORDER BY s.group_code, s.name, s.id`,
      [deliveryId, this.config.get('SCREEN_ONLINE_SECONDS')],
    );
    const ref = (r: Record<string, any>): ScreenRef => ({
      id: r.id, name: r.name, group: r.group_code, location: r.location, lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
    });
    const acknowledged = screens.filter((s) => s.acked).map((s) => ({ ...ref(s), acknowledgedAt: s.acked_at ? new Date(s.acked_at).toISOString() : null }));
    const waiting = screens.filter((s) => !s.acked && s.online).map(ref);
    const offline = screens.filter((s) => !s.acked && !s.online).map(ref);
    const live = notices.filter((n) => n.phase === 'live');
    const liveSince = live.reduce<Date | null>((max, n) => (n.published_at && (!max || n.published_at > max) ? n.published_at : max), null);
    return {
      groups: notices.map((n) => n.group_code),
      complete: notices.length > 0 && !notices.some((n) => n.phase === 'scheduled') && waiting.length === 0,
      gone: notices.length > 0 && notices.every((n) => n.phase === 'withdrawn' || n.phase === 'expired'),
      total: screens.length,
      online: screens.filter((s) => s.online).length,
      acknowledged,
      waiting,
      offline,
      liveSince: liveSince ? new Date(liveSince).toISOString() : null,
    };
  }
}

/**
 * The `screens` part of the delivery's state, shown by GET /api/deliveries/:id. Lists are capped so one delivery to
 * thousands of screens keeps a small row; the counts stay exact.
 */
export function progressState(p: DeliveryProgress, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const cap = (list: ScreenRef[]) => list.slice(0, LIST_CAP);
  return {
    groups: p.groups,
    acknowledgedCount: p.acknowledged.length,
    total: p.total,
    online: p.online,
    summary: `已在 ${p.acknowledged.length}/${p.total} 块电子屏显示（在线 ${p.online} 块）`,
    acknowledged: cap(p.acknowledged),
    waiting: cap(p.waiting),
    offline: cap(p.offline),
    liveSince: p.liveSince,
    checkedAt: new Date().toISOString(),
    ...extra,
  };
}
