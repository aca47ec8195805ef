import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The freshness watchdog (docs/freshness.md). freshness_rules holds only the admins' overrides: a target without
 * a row follows the default of its kind, so a new catalogue item or channel is watched without any setup.
 * freshness_alerts remembers each warning and escalation per target and per last update (`cycle`), so each is
 * raised once, and a new update starts a new cycle; it also tracks the e-mail like deadline_alerts does.
 */
export class Freshness1764000000810 implements MigrationInterface {
  name = 'Freshness1764000000810';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE freshness_rules (
        target_type text NOT NULL CHECK (target_type IN ('column','account')),
        -- column: '<catalogue code>:<item id>'; account: the channel name
        target text NOT NULL,
        limit_days integer CHECK (limit_days IS NULL OR limit_days > 0),
        warn_days integer NOT NULL CHECK (warn_days >= 0),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (target_type, target)
      );

      CREATE TABLE freshness_alerts (
        target_type text NOT NULL,
        target text NOT NULL,
        level text NOT NULL CHECK (level IN ('warning','overdue')),
        -- the last update the alert is about: a later update starts a new cycle with its own alerts
        cycle timestamptz NOT NULL,
        due_date date NOT NULL,
        days_left integer NOT NULL,
        as_of timestamptz NOT NULL,
        department_code text,
        office text,
        email_to text[] NOT NULL DEFAULT '{}',
        email_status text NOT NULL CHECK (email_status IN ('pending','sending','sent','failed','no_recipient','not_configured')),
        email_attempts integer NOT NULL DEFAULT 0,
        email_error text,
        email_message_id text,
        email_claimed_at timestamptz,
        email_sent_at timestamptz,
        facts jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (target_type, target, cycle, level)
      );
      CREATE INDEX freshness_alerts_email_idx ON freshness_alerts (email_status) WHERE email_status IN ('pending','sending','failed');
      -- the per-column and per-account "last delivered update" scans
      CREATE INDEX deliveries_delivered_idx ON deliveries (carrier, channel, delivered_at DESC) WHERE delivered_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliveries_delivered_idx; DROP TABLE freshness_alerts; DROP TABLE freshness_rules;`);
  }
}
