import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { GroupVersions } from '../feed/group-versions.service.js';
import { PresenceService } from '../registry/presence.service.js';
import type { AuthenticatedScreen } from '../registry/screen-auth.service.js';
import { ScreenSignals } from '../signals/screen-signals.js';

interface ScreenEvent {
  id: number;
  kind: string;
  payload: unknown;
}

interface Connection {
  screen: AuthenticatedScreen;
  res: ServerResponse;
  /** the highest event id written to this connection */
  sentMax: number;
  /** events relayed while the connection's catch-up was still being read; written after it, in order */
  buffer: ScreenEvent[] | null;
}

const CATCH_UP_LIMIT = 500;
const KEEPALIVE_MS = 15_000;
/** a client this far behind (stuck socket) is dropped; it reconnects and catches up from its last event id */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * Server-sent events per screen. Every API process holds its own connections and relays each group's new events,
 * read from Postgres in id order, when the group's version moves (a Redis signal, or the once-a-second version
 * check). A reconnecting screen sends Last-Event-ID and gets what it missed from the events table.
 */
@Injectable()
export class ScreenHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ScreenHub.name);
  private readonly byGroup = new Map<string, Set<Connection>>();
  private readonly relayed = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  private baseline = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly versions: GroupVersions,
    private readonly presence: PresenceService,
    private readonly signals: ScreenSignals,
  ) {}

  async onModuleInit(): Promise<void> {
    const [row] = await this.db.query(`SELECT COALESCE(max(id), 0) AS id FROM screen_events`);
    this.baseline = Number(row.id);
    this.versions.onChange((group) => this.relay(group));
    // a moved, rotated or revoked screen must re-authenticate: close its streams, the client reconnects
    this.signals.subscribe((s) => {
      if (s.kind === 'screen') this.disconnect(s.id);
    });
    this.timer = setInterval(() => this.keepAlive(), Math.min(KEEPALIVE_MS, (this.presence.onlineSeconds * 1000) / 3));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    for (const set of this.byGroup.values()) for (const c of set) c.res.end();
    this.byGroup.clear();
  }

  get connections(): number {
    let n = 0;
    for (const set of this.byGroup.values()) n += set.size;
    return n;
  }

  async open(screen: AuthenticatedScreen, req: IncomingMessage, res: ServerResponse, lastEventId: string | undefined): Promise<void> {
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const conn: Connection = { screen, res, sentMax: 0, buffer: [] };
    let set = this.byGroup.get(screen.group);
    if (!set) this.byGroup.set(screen.group, (set = new Set()));
    set.add(conn);
    this.presence.seen(screen.id);
    res.on('close', () => {
      this.byGroup.get(screen.group)?.delete(conn);
      this.presence.seen(screen.id);
    });

    const last = lastEventId !== undefined && /^\d{1,18}$/.test(lastEventId) ? Number(lastEventId) : null;
    try {
      if (last !== null) await this.catchUp(conn, last);
    } catch (err) {
      this.logger.warn(`screen ${screen.id}: catch-up failed: ${(err as Error).message}`);
      this.write(conn, `event: reset\ndata: {}\n\n`);
    }
    const buffered = conn.buffer ?? [];
    conn.buffer = null;
    for (const e of buffered.sort((a, b) => a.id - b.id)) this.send(conn, e);
    this.write(conn, `event: ready\ndata: ${JSON.stringify({ group: screen.group, version: this.versions.get(screen.group) })}\n\n`);
  }

  /** Missed events in order, or `reset` (fetch the feed again) when they are too many or already pruned. */
  private async catchUp(conn: Connection, last: number): Promise<void> {
    conn.sentMax = last;
    const [{ min }] = await this.db.query(`SELECT min(id) AS min FROM screen_events`);
    if (last > 0 && (min === null || Number(min) > last + 1)) {
      this.write(conn, `event: reset\ndata: {}\n\n`);
      return;
    }
    const rows: { id: string; kind: string; payload: unknown }[] = await this.db.query(
      `SELECT id, kind, payload FROM screen_events WHERE group_code = $1 AND id > $2 ORDER BY id LIMIT ${CATCH_UP_LIMIT + 1}`,
      [conn.screen.group, last],
    );
    if (rows.length > CATCH_UP_LIMIT) {
      this.write(conn, `event: reset\ndata: {}\n\n`);
      return;
    }
    for (const r of rows) this.send(conn, { id: Number(r.id), kind: r.kind, payload: r.payload });
  }

  /** One relay at a time per group, so each connection gets a group's events in id order. */
  private relay(group: string): void {
    const prev = this.chains.get(group) ?? Promise.resolve();
    const next = prev
      .then(() => this.relayOnce(group))
      .catch((err) => this.logger.warn(`screens relay ${group}: ${(err as Error).message}`));
    this.chains.set(group, next);
    void next.finally(() => {
      if (this.chains.get(group) === next) this.chains.delete(group);
    });
  }

  private async relayOnce(group: string): Promise<void> {
    const from = this.relayed.get(group) ?? this.baseline;
    const rows: { id: string; kind: string; payload: unknown }[] = await this.db.query(
      `SELECT id, kind, payload FROM screen_events WHERE group_code = $1 AND id > $2 ORDER BY id LIMIT 1000`,
      [group, from],
    );
    if (rows.length === 0) return;
    this.relayed.set(group, Number(rows[rows.length - 1].id));
    const conns = this.byGroup.get(group);
    if (conns?.size) {
      for (const r of rows) {
        const e = { id: Number(r.id), kind: r.kind, payload: r.payload };
        for (const c of conns) {
          if (c.buffer) c.buffer.push(e);
          else this.send(c, e);
        }
      }
    }
    if (rows.length === 1000) this.relay(group);
  }

  private send(conn: Connection, e: ScreenEvent): void {
    if (e.id <= conn.sentMax) return;
    conn.sentMax = e.id;
    this.write(conn, `id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`);
  }

  private write(conn: Connection, chunk: string): void {
    if (conn.res.writableEnded || conn.res.destroyed) return;
    if (conn.res.writableLength > MAX_BUFFERED_BYTES) {
      conn.res.destroy();
      return;
    }
    conn.res.write(chunk);
  }

  private disconnect(screenId: string): void {
    for (const set of this.byGroup.values()) {
      for (const c of set) {
        if (c.screen.id === screenId) {
          set.delete(c);
          c.res.end();
        }
      }
    }
  }

  /** A comment line keeps proxies from closing an idle stream, and tells the presence tracker the screen is there. */
  private keepAlive(): void {
    for (const set of this.byGroup.values()) {
      for (const c of set) {
        this.write(c, ': keep-alive\n\n');
        this.presence.seen(c.screen.id);
      }
    }
  }
}
