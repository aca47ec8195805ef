import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DeliveriesService } from '../../../dispatch/src/deliveries.service.js';
import { DeliveryProgressService, progressState } from '../notices/delivery-progress.js';

/** Acknowledgements arriving together (every screen of a group within a second) cost one check per delivery. */
const COALESCE_MS = 250;

/**
 * Keeps a pending screens delivery's progress current as acknowledgements arrive, and settles it as delivered the
 * moment every online screen of its groups shows it — without waiting for the worker's next poll, which remains the
 * fallback and applies the timeout.
 */
@Injectable()
export class AckSettler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AckSettler.name);
  private readonly due = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private deliveries?: DeliveriesService;
  private running = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly tracker: DeliveryProgressService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    // DeliveriesService lives in the dispatch module the API builds for itself; looked up rather than imported so
    // this module does not create a second dispatch module
    this.deliveries = this.moduleRef.get(DeliveriesService, { strict: false });
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }

  check(deliveryId: string, actor: string): void {
    this.due.set(deliveryId, actor);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.due];
      this.due.clear();
      this.running = this.running.then(() => this.settle(batch));
    }, COALESCE_MS);
  }

  /** Resolves when the checks scheduled so far are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.timer || this.due.size) await new Promise((r) => setTimeout(r, COALESCE_MS));
    await this.running;
  }

  private async settle(batch: [string, string][]): Promise<void> {
    for (const [id, actor] of batch) {
      try {
        const p = await this.tracker.progress(id);
        const settled = p.complete ? { settled: 'acknowledged' } : {};
        await this.db.query(
          `UPDATE deliveries SET state = state || jsonb_build_object('screens', COALESCE(state->'screens', '{}'::jsonb) || $2::jsonb), updated_at = now()
           WHERE id = $1 AND awaiting_remote`,
          [id, JSON.stringify(progressState(p, settled))],
        );
        if (p.complete && this.deliveries) {
          await this.deliveries.completeRemote(id, {
            status: 'delivered',
            actor,
            details: { screens: { acknowledged: p.acknowledged.length, total: p.total, online: p.online } },
          });
        }
      } catch (err) {
        this.logger.warn(`screens delivery ${id}: settling failed (the worker's poll retries): ${(err as Error).message}`);
      }
    }
  }
}
