import type { DataSource, EntityManager } from 'typeorm';
import { auditInsert, type AuditInput } from '../../../audit/src/index.js';
import { isDatabaseUnavailable } from '../database-errors.js';
import type { DispatchProducer, EnqueueDelivery } from '../dispatch.producer.js';
import { MicroBatcher, type Settled } from './micro-batcher.js';

/**
 * The disclosure, its deliveries, its outbox row and its audit entry in one statement, answering with what it
 * stored so the reply needs no second read. $1–$14 and $19: the disclosure's columns; $15–$18: the deliveries'
 * id, carrier, channel, adapter; from $20: the audit entry (auditInsert).
 */
const INSERT_PUBLISHED = (auditSql: string) => `
  WITH d AS (
    INSERT INTO disclosures (id, catalogue_code, catalogue_version_id, item_id, department_code, title, body, metadata,
      generated_at, due_at, due_provisional, status, created_by, idempotency_key, request_hash, attachments)
    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'dispatching',$12,$13,$14,$19::jsonb) RETURNING *),
  x AS (
    INSERT INTO deliveries (id, disclosure_id, carrier, channel, adapter, status)
    SELECT v.id, $1, v.carrier, v.channel, v.adapter, 'queued'
    FROM unnest($15::uuid[], $16::text[], $17::text[], $18::text[]) AS v(id, carrier, channel, adapter) RETURNING *),
  o AS (INSERT INTO outbox (disclosure_id) VALUES ($1)),
  a AS (${auditSql})
  SELECT to_jsonb(d.*) AS disclosure, COALESCE((SELECT jsonb_agg(to_jsonb(x.*)) FROM x), '[]'::jsonb) AS deliveries FROM d`;

export interface PublishRows {
  /** the parameters of INSERT_PUBLISHED */
  params: unknown[];
  audit: AuditInput;
}

export interface StoredPublish {
  disclosure: Record<string, unknown>;
  deliveries: Record<string, unknown>[];
}

/**
 * Group commit for publishing. It was introduced while every audit append took a chain lock held to commit
 * (profiles: most of a burst's time was spent waiting in pg_advisory_xact_lock); appends no longer lock anything
 * (the sealer chains entries after commit, docs/audit.md §1), but a shared commit still saves a WAL flush and
 * round trips per publish. Publishes that arrive together share one transaction, each stored (with its audit
 * entry) by a statement of its own, and every caller hears back only after that commit. A publish arriving alone
 * is one statement in autocommit: no BEGIN or COMMIT round trip. A shared transaction that fails is retried one
 * publish at a time, so an Idempotency-Key conflict or a bad row fails its own request only.
 */
export class PublishBatches {
  private readonly stores: MicroBatcher<PublishRows, StoredPublish>;
  private readonly handoffs: MicroBatcher<{ disclosureId: string; deliveries: EnqueueDelivery[] }, void>;

  constructor(
    private readonly db: DataSource,
    private readonly producer: DispatchProducer,
  ) {
    this.stores = new MicroBatcher((items) => this.storeMany(items), { maxBatch: 50, maxInFlight: 2 });
    this.handoffs = new MicroBatcher((items) => this.handOverMany(items), { maxBatch: 100, maxInFlight: 2 });
  }

  store(rows: PublishRows): Promise<StoredPublish> {
    return this.stores.submit(rows);
  }

  /** Puts committed disclosures on the queue (one flow each, added together) and marks their outbox rows done. */
  handOver(disclosureId: string, deliveries: EnqueueDelivery[]): Promise<void> {
    return this.handoffs.submit({ disclosureId, deliveries });
  }

  private async storeMany(items: PublishRows[]): Promise<Settled<StoredPublish>[]> {
    if (items.length > 1) {
      try {
        const stored = await this.db.transaction(async (m) => {
          const rows: StoredPublish[] = [];
          for (const item of items) rows.push(await this.insert(m, item));
          return rows;
        });
        return stored.map((value) => ({ ok: true, value }));
      } catch (err) {
        if (isDatabaseUnavailable(err)) return items.map(() => ({ ok: false, error: err }));
      }
    }
    const out: Settled<StoredPublish>[] = [];
    for (const item of items) {
      // one statement is atomic on its own: its implicit transaction commits every row it writes or none
      out.push(await this.insert(this.db.manager, item).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })));
    }
    return out;
  }

  private async insert(m: EntityManager, item: PublishRows): Promise<StoredPublish> {
    const audit = auditInsert([item.audit], item.params.length + 1);
    const [row] = await m.query(INSERT_PUBLISHED(audit.sql), [...item.params, ...audit.params]);
    return row;
  }

  private async handOverMany(items: { disclosureId: string; deliveries: EnqueueDelivery[] }[]): Promise<Settled<void>[]> {
    try {
      await this.producer.enqueueDisclosures(items);
      await this.db.query(`UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE disclosure_id = ANY($1::uuid[]) AND dispatched_at IS NULL`, [
        items.map((i) => i.disclosureId),
      ]);
      return items.map(() => ({ ok: true, value: undefined }));
    } catch (error) {
      return items.map(() => ({ ok: false, error }));
    }
  }
}
