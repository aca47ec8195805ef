import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which revision of its disclosure a delivery's last attempt sent. A delivery left waiting on the remote (WeChat
 * until PUBLISHJOBFINISH, a push until its batches end) is settled later by DeliveriesService.completeRemote,
 * which must know whether the disclosure was changed meanwhile, as the worker's finish does for an attempt in
 * flight (docs/reliability.md). Nullable: rows from before it are simply not compared.
 */
export class SentRevision1764000000960 implements MigrationInterface {
  name = 'SentRevision1764000000960';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN sent_revision integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP COLUMN sent_revision`);
  }
}
