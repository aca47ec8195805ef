import type { DataSource } from 'typeorm';
import { MicroBatcher, type Settled } from './micro-batcher.js';

/** What a settled dispatch records: the disclosure's status and its deliveries counted by status. */
export interface SettleSummary {
  status: string;
  departmentCode: string;
  counts: Record<string, number>;
}

/**
 * The reads of the settle jobs running at once, in one statement. A disclosure's settle job (the flow's parent)
 * ran one query of its own: with six channels that was a round trip for every sixth delivery, more than half of
 * the statements a drain sent (pg_stat_statements in docs/benchmarks.md).
 */
export class SettleReads {
  private readonly reads: MicroBatcher<string, SettleSummary | undefined>;

  constructor(private readonly db: DataSource) {
    this.reads = new MicroBatcher((ids) => this.readMany(ids), { maxBatch: 500, maxInFlight: 2 });
  }

  /** The disclosure's summary as committed now; undefined if there is no such disclosure. */
  read(disclosureId: string): Promise<SettleSummary | undefined> {
    return this.reads.submit(disclosureId);
  }

  private async readMany(ids: string[]): Promise<Settled<SettleSummary | undefined>[]> {
    const rows: { id: string; status: string; department_code: string; counts: Record<string, number> }[] = await this.db.query(
      `SELECT d.id, d.status, d.department_code,
              (SELECT COALESCE(jsonb_object_agg(c.status, c.n), '{}') FROM
                 (SELECT status, count(*)::int AS n FROM deliveries WHERE disclosure_id = d.id GROUP BY status) c) AS counts
       FROM disclosures d WHERE d.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, { status: r.status, departmentCode: r.department_code, counts: r.counts }]));
    return ids.map((id) => ({ ok: true, value: byId.get(id) }));
  }
}
