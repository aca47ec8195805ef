import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditSealer } from '../../../../libs/audit/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { auditSealedTotal } from '../../../../libs/observability/src/index.js';

/**
 * Runs the audit sealer in every worker. Each batch takes the chain lock with try, so however many workers run,
 * one seals at a time and any of them takes over when that one stops or dies (its transaction rolls back and
 * its lock goes with its connection). A short poll, not LISTEN: a NOTIFY from every business transaction would
 * put a cluster-wide lock back on the commit path, which is what the sealer is there to avoid.
 */
@Injectable()
export class AuditSealerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealerRunner.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly sealer: AuditSealer,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then((again) => this.schedule(again ? 0 : this.config.get('AUDIT_SEAL_INTERVAL_MS')));
    }, ms);
  }

  /** One batch; true when it was full, so the next follows at once. */
  private async tick(): Promise<boolean> {
    const limit = this.config.get('AUDIT_SEAL_BATCH');
    try {
      const r = await this.sealer.sealBatch(limit);
      if (this.failing) this.logger.log('audit sealer: sealing again');
      this.failing = false;
      if (!r) return false;
      auditSealedTotal.inc(r.sealed);
      return r.sealed === limit;
    } catch (err) {
      // a failed batch rolled back whole: the same entries are taken again next time. One line per outage.
      if (!this.failing) this.logger.error(`audit sealer: batch failed, retrying: ${(err as Error).message}`);
      this.failing = true;
      return false;
    }
  }
}
