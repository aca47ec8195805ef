import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the rows of a push delivery still in flight, instead of one over (delivery_id, status).
 *
 * The push batches' claim (PushRecipients.claim: the next pending recipients of a subscriber-id range, in id order)
 * ran right after the audience snapshot had inserted 100,000 rows, before autovacuum had analysed them: with
 * (delivery_id, status) available the planner read every pending row of the delivery and sorted them, 12-17 ms a
 * claim, 5,000 claims a push (docs/benchmarks.md, issue 15). The partial index on pending rows, in claim order, makes
 * the claim read only the rows it takes whatever the statistics say; the one on sending rows serves the sweeps of
 * interrupted or stale sends. Both stay small: a row is in them only while it waits or is being sent. Statements
 * about finished rows (counts, a person's retry of failed ones, listings) read the delivery's rows by primary key,
 * which they did in effect already.
 */
export class PushClaimIndex1764000000950 implements MigrationInterface {
  name = 'PushClaimIndex1764000000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX push_recipients_pending_idx ON push_recipients (delivery_id, subscriber_id) WHERE status = 'pending';
      CREATE INDEX push_recipients_sending_idx ON push_recipients (delivery_id, claimed_by) WHERE status = 'sending';
      DROP INDEX push_recipients_status_idx;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX push_recipients_status_idx ON push_recipients (delivery_id, status);
      DROP INDEX push_recipients_sending_idx;
      DROP INDEX push_recipients_pending_idx;
    `);
  }
}
