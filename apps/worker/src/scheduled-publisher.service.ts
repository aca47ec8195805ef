import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/src/index.js';
import { ReviewService, draftView } from '../../../libs/review/src/index.js';

const EVERY_MS = 5000;

/**
 * Publishes approved drafts whose scheduled time has come, as the publisher who scheduled them. SKIP LOCKED lets
 * several workers share the work; the draft's idempotency key makes a re-run after a crash harmless.
 */
@Injectable()
export class ScheduledPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledPublisher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly review: ReviewService,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.publishDue(new Date())
        .catch((err) => this.logger.warn(`scheduled publishing: ${(err as Error).message}`))
        .finally(() => this.schedule());
    }, EVERY_MS);
  }

  async publishDue(now: Date): Promise<number> {
    const due = await this.db.query(
      `SELECT d.*, u.username, u.roles, u.department_code AS user_department FROM drafts d JOIN users u ON u.id = d.publisher_id
       WHERE d.status = 'scheduled' AND d.scheduled_at <= $1 ORDER BY d.scheduled_at LIMIT 50`,
      [now],
    );
    let published = 0;
    for (const row of due) {
      const publisher: Principal = { kind: 'user', id: row.publisher_id, username: row.username, roles: row.roles, departmentCode: row.user_department };
      try {
        await this.review.publishNow(draftView(row), publisher);
        published++;
      } catch (err) {
        await this.db.query(`UPDATE drafts SET publish_error = $2, updated_at = now() WHERE id = $1`, [row.id, (err as Error).message]);
        this.logger.warn(`draft ${row.id}: scheduled publish failed: ${(err as Error).message}`);
      }
    }
    return published;
  }
}
