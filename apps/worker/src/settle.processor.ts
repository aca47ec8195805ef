import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../libs/audit/src/index.js';
import { DISCLOSURE_QUEUE, SettleReads, type JobOf } from '../../../libs/dispatch/src/index.js';

/**
 * The flow's parent: runs once every delivery job of a disclosure has finished, and records the summary. The
 * reads of the settle jobs running at once share one statement, and their audit entries one commit (record()).
 */
@Processor(DISCLOSURE_QUEUE, { concurrency: 50 })
export class SettleProcessor extends WorkerHost {
  private readonly reads: SettleReads;

  constructor(
    db: DataSource,
    private readonly audit: AuditService,
  ) {
    super();
    this.reads = new SettleReads(db);
  }

  async process(job: Job<JobOf<'disclosure.settle'>>): Promise<Record<string, number>> {
    const { disclosureId } = job.data;
    const d = await this.reads.read(disclosureId);
    const counts = d?.counts ?? {};
    await this.audit.record({
      actor: 'system:worker', action: 'disclosure.dispatch_settled', disclosureId, departmentCode: d?.departmentCode,
      outcome: d?.status, details: { deliveries: counts },
    });
    return counts;
  }
}
