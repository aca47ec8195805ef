import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';

interface Health {
  channel: string;
  status: 'ok' | 'failing' | 'unknown';
  healthy: boolean | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

/**
 * Configured channels and their health. A channel's settings are checked at boot (a bad one stops the process),
 * so health here is what the channel did lately: its last success and last failure over the past week.
 */
@Controller('channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly db: DataSource,
  ) {}

  @Get()
  async list() {
    const health = await this.healthByChannel();
    return {
      items: this.channels.list().map((c) => ({
        name: c.name, type: c.type, label: c.label, carriers: c.carriers, queue: c.queue,
        idempotent: this.channels.adapter(c.name).idempotent,
        lastHealthCheck: health.get(c.name) ?? null,
      })),
    };
  }

  @Get('health')
  async health() {
    const health = await this.healthByChannel();
    return { items: this.channels.list().map((c) => health.get(c.name) ?? unknown(c.name)) };
  }

  private async healthByChannel(): Promise<Map<string, Health>> {
    const rows: { channel: string; last_success: Date | null; last_failure: Date | null; last_error: string | null }[] = await this.db.query(
      `SELECT channel,
              max(delivered_at) FILTER (WHERE status IN ('delivered','confirmed')) AS last_success,
              max(updated_at) FILTER (WHERE status IN ('failed','unconfirmed')) AS last_failure,
              (array_agg(last_error ORDER BY updated_at DESC) FILTER (WHERE status IN ('failed','unconfirmed')))[1] AS last_error
       FROM deliveries WHERE updated_at > now() - interval '7 days' GROUP BY channel`,
    );
    const out = new Map<string, Health>();
    for (const r of rows) {
      const failing = r.last_failure !== null && (r.last_success === null || r.last_failure > r.last_success);
      const status = failing ? 'failing' : r.last_success ? 'ok' : 'unknown';
      out.set(r.channel, {
        channel: r.channel, status, healthy: status === 'unknown' ? null : !failing,
        lastSuccessAt: r.last_success ? new Date(r.last_success).toISOString() : null,
        lastFailureAt: r.last_failure ? new Date(r.last_failure).toISOString() : null,
        lastError: failing ? r.last_error : null,
      });
    }
    return out;
  }
}

function unknown(channel: string): Health {
  return { channel, status: 'unknown', healthy: null, lastSuccessAt: null, lastFailureAt: null, lastError: null };
}
