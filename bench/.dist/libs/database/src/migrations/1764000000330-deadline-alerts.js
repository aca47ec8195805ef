/**
 * The overdue monitor's memory and the back office's inbox. deadline_alerts has one row per disclosure and level,
 * so a warning is raised once however often the sweep runs or restarts; the row also tracks the e-mail, which is
 * retried on its own without raising the alert again. notifications is what the back office reads.
 */
export class DeadlineAlerts1764000000330 {
    name = 'DeadlineAlerts1764000000330';
    async up(q) {
        await q.query(`
      CREATE TABLE deadline_alerts (
        disclosure_id uuid NOT NULL REFERENCES disclosures(id),
        level text NOT NULL CHECK (level IN ('warning','overdue')),
        due_at timestamptz NOT NULL,
        working_days_left integer NOT NULL,
        -- the sweep's "now": the test and a catching-up worker may sweep as of another instant than the clock
        as_of timestamptz NOT NULL,
        office text,
        email_to text[] NOT NULL DEFAULT '{}',
        email_status text NOT NULL CHECK (email_status IN ('pending','sending','sent','failed','no_recipient','not_configured')),
        email_attempts integer NOT NULL DEFAULT 0,
        email_error text,
        email_message_id text,
        email_claimed_at timestamptz,
        email_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (disclosure_id, level)
      );
      CREATE INDEX deadline_alerts_email_idx ON deadline_alerts (email_status) WHERE email_status IN ('pending','sending','failed');

      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info','warning','critical')),
        department_code text REFERENCES departments(code),
        disclosure_id uuid REFERENCES disclosures(id),
        office text,
        title text NOT NULL,
        message text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        read_at timestamptz,
        read_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notifications_department_idx ON notifications (department_code, id DESC);
      CREATE INDEX notifications_unread_idx ON notifications (id DESC) WHERE read_at IS NULL;
    `);
    }
    async down(q) {
        await q.query(`DROP TABLE notifications; DROP TABLE deadline_alerts;`);
    }
}
