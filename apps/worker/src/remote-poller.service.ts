import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../libs/config/src/index.js';
import { ChannelRegistry } from '../../../libs/channels/src/index.js';
import { DeliveriesService, DeliveryRunner } from '../../../libs/dispatch/src/index.js';

/**
 * Asks remotes about deliveries they accepted but have not finished (awaiting_remote), for adapters that can
 * poll. Callbacks usually settle them first; polling covers a lost callback. Several workers may poll at once:
 * completeRemote settles each delivery only once.
 */
@Injectable()
export class RemotePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RemotePoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly runner: DeliveryRunner,
    private readonly deliveries: DeliveriesService,
    private readonly config: AppConfig,
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
      this.running = this.pollOnce()
        .catch((err) => this.logger.warn(`poll: ${(err as Error).message}`))
        .then(() => undefined)
        .finally(() => this.schedule());
    }, this.config.get('POLL_INTERVAL_MS'));
  }

  async pollOnce(): Promise<number> {
    const pollable = this.channels.list().filter((c) => typeof this.channels.adapter(c.name).poll === 'function').map((c) => c.name);
    if (pollable.length === 0) return 0;
    const rows = await this.db.query(
      `SELECT x.*, row_to_json(d.*) AS disclosure FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id
       WHERE x.awaiting_remote AND x.channel = ANY($1) ORDER BY x.updated_at LIMIT 200`,
      [pollable],
    );
    let settled = 0;
    for (const row of rows) {
      const adapter = this.channels.adapter(row.channel);
      try {
        const outcome = await adapter.poll!(this.runner.context(row, row.disclosure));
        if (outcome.status === 'pending') continue;
        const done = await this.deliveries.completeRemote(row.id, {
          actor: 'system:poller',
          ...(outcome.status === 'delivered' ? { status: 'delivered', remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl } : { status: 'failed', error: outcome.error }),
        });
        if (done) settled++;
      } catch (err) {
        this.logger.warn(`poll delivery ${row.id} (${row.channel}): ${(err as Error).message}`);
      }
    }
    return settled;
  }
}
