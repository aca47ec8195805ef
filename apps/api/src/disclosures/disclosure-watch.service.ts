import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';

type Listener = (change: { updatedAt: string }) => void;

const EVERY_MS = 700;

/**
 * Live status for the back office. One timer per API process asks Postgres, for every disclosure someone is
 * watching, when its deliveries last changed — one query however many people watch — and tells the watchers.
 */
@Injectable()
export class DisclosureWatch implements OnModuleDestroy {
  private readonly watchers = new Map<string, { last: string | null; listeners: Set<Listener> }>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: DataSource) {}

  watch(disclosureId: string): Observable<{ updatedAt: string }> {
    return new Observable((subscriber) => {
      const listener: Listener = (c) => subscriber.next(c);
      let w = this.watchers.get(disclosureId);
      if (!w) {
        w = { last: null, listeners: new Set() };
        this.watchers.set(disclosureId, w);
      }
      w.listeners.add(listener);
      this.ensureTimer();
      return () => {
        w!.listeners.delete(listener);
        if (w!.listeners.size === 0) this.watchers.delete(disclosureId);
      };
    });
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const ids = [...this.watchers.keys()];
    if (ids.length === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    try {
      const rows: { id: string; at: Date }[] = await this.db.query(
        `SELECT d.id, GREATEST(d.updated_at, max(x.updated_at)) AS at FROM disclosures d LEFT JOIN deliveries x ON x.disclosure_id = d.id
         WHERE d.id = ANY($1) GROUP BY d.id`,
        [ids],
      );
      for (const r of rows) {
        const w = this.watchers.get(r.id);
        const at = new Date(r.at).toISOString();
        if (w && w.last !== at) {
          w.last = at;
          for (const l of w.listeners) l({ updatedAt: at });
        }
      }
    } catch {
      /* database hiccup: the next tick tries again */
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
