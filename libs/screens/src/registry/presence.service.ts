import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../audit/src/index.js';
import { AppConfig } from '../../../config/src/index.js';
import { returning } from '../../../database/src/returning.js';

/**
 * When each screen last called in. Feed polls are frequent, so sightings are kept in memory and written in one
 * statement every few seconds. A screen that stops calling in is reported once (`screen.offline`), and again when it
 * is back (`screen.online`).
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private sightings = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  get onlineSeconds(): number {
    return this.config.get('SCREEN_ONLINE_SECONDS');
  }

  onModuleInit(): void {
    // often enough that a screen calling in is never mistaken for a silent one
    const every = Math.max(250, Math.min(2000, (this.onlineSeconds * 1000) / 4));
    this.timer = setInterval(() => void this.flush(), every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  seen(screenId: string): void {
    this.sightings.set(screenId, Date.now());
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.sightings.size === 0) return;
    const batch = this.sightings;
    this.sightings = new Map();
    this.flushing = this.write(batch)
      .catch((err) => {
        this.logger.warn(`screens last-seen not written: ${(err as Error).message}`);
        for (const [id, at] of batch) if (!this.sightings.has(id)) this.sightings.set(id, at);
      })
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Screens silent for longer than SCREEN_ONLINE_SECONDS, each reported once until it calls in again. */
  async sweepOffline(): Promise<number> {
    // The back office's inbox (notifications, seen by admins) is told in the same statement: a dark screen shows
    // expired or missing notices to the public, so someone has to go and look.
    const rows = returning<Record<string, any>>(await this.db.query(
      `WITH off AS (
         UPDATE screens SET offline_since = last_seen_at
         WHERE revoked_at IS NULL AND offline_since IS NULL AND last_seen_at IS NOT NULL AND last_seen_at < now() - make_interval(secs => $1)
         RETURNING id, name, group_code, location, last_seen_at),
       n AS (
         INSERT INTO notifications (kind, severity, title, message, data)
         SELECT 'screen.offline', 'warning', '电子屏“' || name || '”离线',
                COALESCE(NULLIF(location, '') || '，', '') || '自 ' || to_char(last_seen_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') ||
                  ' 起未连接（超过 ' || $1 || ' 秒），屏上的公告可能已不是最新。请检查屏幕的电源和网络。',
                jsonb_build_object('screenId', id, 'group', group_code, 'lastSeenAt', last_seen_at)
         FROM off)
       SELECT * FROM off`,
      [this.onlineSeconds],
    ));
    if (rows.length) {
      await this.audit.record(
        ...rows.map((r) => ({
          actor: 'system:screens',
          action: 'screen.offline',
          screenId: r.id,
          outcome: 'offline',
          details: { name: r.name, group: r.group_code, location: r.location, lastSeenAt: new Date(r.last_seen_at).toISOString(), onlineSeconds: this.onlineSeconds },
        })),
      );
    }
    return rows.length;
  }

  private async write(batch: Map<string, number>): Promise<void> {
    const ids = [...batch.keys()];
    const ats = ids.map((id) => new Date(batch.get(id)!).toISOString());
    const back = returning<Record<string, any>>(await this.db.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)),
            prev AS (SELECT s.id, s.offline_since FROM screens s JOIN v ON v.id = s.id),
            up AS (
              UPDATE screens s SET last_seen_at = GREATEST(COALESCE(s.last_seen_at, v.at), v.at), offline_since = NULL
              FROM v, prev WHERE s.id = v.id AND prev.id = s.id AND s.revoked_at IS NULL
              RETURNING s.id, s.name, s.group_code, prev.offline_since AS was_offline),
            n AS (
              INSERT INTO notifications (kind, severity, title, message, data)
              SELECT 'screen.online', 'info', '电子屏“' || name || '”已恢复连接',
                     '离线自 ' || to_char(was_offline AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || ' 起，现已重新连接并同步最新公告。',
                     jsonb_build_object('screenId', id, 'group', group_code, 'offlineSince', was_offline)
              FROM up WHERE was_offline IS NOT NULL)
       SELECT * FROM up`,
      [ids, ats],
    ));
    const returned = back.filter((r) => r.was_offline);
    if (returned.length) {
      await this.audit.record(
        ...returned.map((r) => ({
          actor: `screen:${r.id}`,
          action: 'screen.online',
          screenId: r.id,
          outcome: 'online',
          details: { name: r.name, group: r.group_code, offlineSince: new Date(r.was_offline).toISOString() },
        })),
      );
    }
  }
}
