import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdapterFactory, ChannelAdapter, ChannelConfig, DeliveryContext, PollOutcome, SendOutcome } from '../adapter.contract.js';
import { checkGazetteSettings, gazetteSettings, type GazetteSettings } from './gazette.settings.js';

/**
 * 政府公报: a disclosure is printed in the next issue, not at once. send() adds it to the channel's open issue and
 * leaves the delivery pending; publishing the issue (an editor, through the API) settles every delivery in it
 * as delivered with the issue's URL. A printed issue cannot change, so update and withdraw are left out: they
 * become manual follow-ups (an erratum in a later issue).
 */
export class GazetteAdapter implements ChannelAdapter {
  readonly type = 'gazette';
  /** adding the same delivery to an issue twice is a no-op (one entry per delivery) */
  readonly idempotent = true;
  readonly settings: GazetteSettings;

  constructor(
    private readonly channel: ChannelConfig,
    private readonly db: DataSource,
  ) {
    this.settings = gazetteSettings(channel);
  }

  checkConfig(): string[] {
    return checkGazetteSettings(this.channel.name, this.settings);
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    // an issue may close between finding it and adding to it; a closed one is skipped and the next open one used
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await this.db.transaction(async (m): Promise<SendOutcome | null> => {
        const [existing] = await m.query(
          `SELECT i.id, i.status, i.url, i.year, i.number FROM gazette_entries e JOIN gazette_issues i ON i.id = e.issue_id WHERE e.delivery_id = $1`,
          [ctx.delivery.id],
        );
        if (existing) return entryOutcome(existing);
        await m.query(`INSERT INTO gazette_issues (channel, status) VALUES ($1, 'open') ON CONFLICT (channel) WHERE status = 'open' DO NOTHING`, [this.channel.name]);
        // FOR SHARE: publishing (UPDATE … status = 'publishing') waits until this entry is committed, so it is printed
        const [issue] = await m.query(`SELECT id FROM gazette_issues WHERE channel = $1 AND status = 'open' FOR SHARE`, [this.channel.name]);
        if (!issue) return null;
        await m.query(`INSERT INTO gazette_entries (issue_id, delivery_id, disclosure_id) VALUES ($1, $2, $3)`, [issue.id, ctx.delivery.id, ctx.disclosure.id]);
        return { status: 'pending', awaiting: 'person', remoteId: issue.id, note: 'added to the next gazette issue' };
      });
      if (outcome) return outcome;
    }
    throw new Error('no open gazette issue could be found or created; try again');
  }

  /** Settles a delivery whose issue was published but whose settlement was missed (the API stopped mid-way). */
  async poll(ctx: DeliveryContext): Promise<PollOutcome> {
    const [row] = await this.db.query(
      `SELECT i.id, i.status, i.url, i.year, i.number FROM gazette_entries e JOIN gazette_issues i ON i.id = e.issue_id WHERE e.delivery_id = $1`,
      [ctx.delivery.id],
    );
    if (!row || row.status !== 'published') return { status: 'pending' };
    return { status: 'delivered', remoteId: issueLabel(row), remoteUrl: row.url };
  }
}

function entryOutcome(issue: { id: string; status: string; url: string | null; year: number; number: number }): SendOutcome {
  if (issue.status === 'published') return { status: 'delivered', remoteId: issueLabel(issue), remoteUrl: issue.url ?? undefined };
  return { status: 'pending', awaiting: 'person', remoteId: issue.id, note: 'already in the next gazette issue' };
}

export function issueLabel(issue: { year: number; number: number }): string {
  return `${issue.year}年第${issue.number}期`;
}

@Injectable()
export class GazetteAdapterFactory implements AdapterFactory {
  readonly type = 'gazette';
  constructor(private readonly db: DataSource) {}
  create(channel: ChannelConfig): ChannelAdapter {
    return new GazetteAdapter(channel, this.db);
  }
}
