import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../libs/audit/src/index.js';
import { DISCLOSURE_QUEUE, type JobOf } from '../../../libs/dispatch/src/index.js';

/** The flow's parent: runs once every delivery job of a disclosure has finished, and records the summary. */
@Processor(DISCLOSURE_QUEUE, { concurrency: 20 })
export class SettleProcessor extends WorkerHost {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async process(job: Job<JobOf<'disclosure.settle'>>): Promise<Record<string, number>> {
    const { disclosureId } = job.data;
    const rows: { status: string; n: number }[] = await this.db.query(
      `SELECT status, count(*)::int AS n FROM deliveries WHERE disclosure_id = $1 GROUP BY status`,
      [disclosureId],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const [d] = await this.db.query(`SELECT status, department_code FROM disclosures WHERE id = $1`, [disclosureId]);
    await this.audit.record({
      actor: 'system:worker', action: 'disclosure.dispatch_settled', disclosureId, departmentCode: d?.department_code,
      outcome: d?.status, details: { deliveries: counts },
    });
    return counts;
  }
}
