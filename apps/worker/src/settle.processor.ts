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
    // one round trip: the disclosure and its deliveries counted by status
    const [d]: { status: string; department_code: string; counts: Record<string, number> }[] = await this.db.query(
      `SELECT d.status, d.department_code,
              (SELECT COALESCE(jsonb_object_agg(c.status, c.n), '{}') FROM
                 (SELECT status, count(*)::int AS n FROM deliveries WHERE disclosure_id = d.id GROUP BY status) c) AS counts
       FROM disclosures d WHERE d.id = $1`,
      [disclosureId],
    );
    const counts = d?.counts ?? {};
    await this.audit.record({
      actor: 'system:worker', action: 'disclosure.dispatch_settled', disclosureId, departmentCode: d?.department_code,
      outcome: d?.status, details: { deliveries: counts },
    });
    return counts;
  }
}
