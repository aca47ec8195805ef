import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * push_recipients checks its references once per statement instead of once per row.
 *
 * A push delivery's audience is fixed by one INSERT … SELECT of every recipient (PushRecipients.snapshot). With the
 * two foreign keys, PostgreSQL ran a check query and took a KEY SHARE lock per inserted row: on a bare copy of the
 * table, 100,000 rows took 1.2-1.3 s with the keys and 0.3-0.4 s without, every message of the push waiting behind
 * it (docs/benchmarks.md, 2026-12-05).
 *
 * The same guarantees, kept differently:
 * - **Inserted rows name an existing delivery and subscriber.** An AFTER INSERT statement trigger reads the rows
 *   the statement added (a transition table) and refuses the statement with SQLSTATE 23503 (foreign_key_violation,
 *   as the constraint did) if any names a delivery or subscriber that does not exist: one join, not one query per row.
 * - **The two columns never change.** Nothing updates them; a BEFORE UPDATE OF trigger makes that a rule.
 * - **A referenced delivery or subscriber is not deleted.** Neither is ever deleted by the application (subscribers
 *   are erased in place, deliveries are the record). A DELETE of a row that push records name is refused. The
 *   refusing trigger first takes SHARE on push_recipients, which waits for every transaction inserting into it
 *   and blocks new ones until the delete commits, so an insert and a delete cannot pass each other unseen, which
 *   is what the per-row KEY SHARE locks prevented. Deletes are rare enough for that lock. TRUNCATE of either table
 *   is refused while push_recipients has rows.
 */
export class PushRecipientReferences1764000000980 implements MigrationInterface {
  name = 'PushRecipientReferences1764000000980';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE push_recipients DROP CONSTRAINT push_recipients_delivery_id_fkey;
      ALTER TABLE push_recipients DROP CONSTRAINT push_recipients_subscriber_id_fkey;

      CREATE FUNCTION push_recipients_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE missing text;
      BEGIN
        -- a statement names one delivery (the snapshot) or a few: each is looked up once
        SELECT a.delivery_id::text INTO missing FROM (SELECT DISTINCT delivery_id FROM added) a
         WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = a.delivery_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'push_recipients: delivery % does not exist', missing USING ERRCODE = 'foreign_key_violation';
        END IF;
        SELECT a.subscriber_id::text INTO missing FROM added a
         WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = a.subscriber_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'push_recipients: subscriber % does not exist', missing USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER push_recipients_references_exist AFTER INSERT ON push_recipients
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION push_recipients_references_exist();

      CREATE FUNCTION push_recipients_references_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.delivery_id IS DISTINCT FROM OLD.delivery_id OR NEW.subscriber_id IS DISTINCT FROM OLD.subscriber_id THEN
          RAISE EXCEPTION 'push_recipients: a send record keeps its delivery and subscriber' USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER push_recipients_references_fixed BEFORE UPDATE OF delivery_id, subscriber_id ON push_recipients
        FOR EACH ROW EXECUTE FUNCTION push_recipients_references_fixed();

      CREATE FUNCTION push_recipients_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE push_recipients IN SHARE MODE;
        IF TG_OP = 'TRUNCATE' THEN
          IF EXISTS (SELECT 1 FROM push_recipients) THEN
            RAISE EXCEPTION 'push records name rows of %: it cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
          END IF;
          RETURN NULL;
        END IF;
        -- one branch per table: each is planned only when reached, with that table's type of id
        IF TG_TABLE_NAME = 'deliveries' THEN
          IF EXISTS (SELECT 1 FROM push_recipients WHERE delivery_id = OLD.id) THEN
            RAISE EXCEPTION 'push records name deliveries %: it cannot be deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
          END IF;
        ELSIF EXISTS (SELECT 1 FROM push_recipients WHERE subscriber_id = OLD.id) THEN
          RAISE EXCEPTION 'push records name subscribers %: it cannot be deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER deliveries_keep_push_referenced BEFORE DELETE ON deliveries
        FOR EACH ROW EXECUTE FUNCTION push_recipients_keep_referenced();
      CREATE TRIGGER subscribers_keep_push_referenced BEFORE DELETE ON subscribers
        FOR EACH ROW EXECUTE FUNCTION push_recipients_keep_referenced();
      CREATE TRIGGER deliveries_keep_push_referenced_truncate BEFORE TRUNCATE ON deliveries
        FOR EACH STATEMENT EXECUTE FUNCTION push_recipients_keep_referenced();
      CREATE TRIGGER subscribers_keep_push_referenced_truncate BEFORE TRUNCATE ON subscribers
        FOR EACH STATEMENT EXECUTE FUNCTION push_recipients_keep_referenced();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER subscribers_keep_push_referenced_truncate ON subscribers;
      DROP TRIGGER deliveries_keep_push_referenced_truncate ON deliveries;
      DROP TRIGGER subscribers_keep_push_referenced ON subscribers;
      DROP TRIGGER deliveries_keep_push_referenced ON deliveries;
      DROP FUNCTION push_recipients_keep_referenced();
      DROP TRIGGER push_recipients_references_fixed ON push_recipients;
      DROP FUNCTION push_recipients_references_fixed();
      DROP TRIGGER push_recipients_references_exist ON push_recipients;
      DROP FUNCTION push_recipients_references_exist();
      ALTER TABLE push_recipients ADD CONSTRAINT push_recipients_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES deliveries(id);
      ALTER TABLE push_recipients ADD CONSTRAINT push_recipients_subscriber_id_fkey FOREIGN KEY (subscriber_id) REFERENCES subscribers(id);
    `);
  }
}
