/**
 * 先审后发: a disclosure starts as a draft an editor writes, a reviewer approves (recording the 保密, 政治, 法律
 * and 文字 checks) or returns with comments, and a publisher publishes — now or at a scheduled time.
 */
export class Drafts1764000000200 {
    name = 'Drafts1764000000200';
    async up(q) {
        await q.query(`
      CREATE TABLE drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        catalogue_item_id text NOT NULL,
        department_code text NOT NULL REFERENCES departments(code),
        title text NOT NULL,
        body text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        generated_at timestamptz NOT NULL,
        inputs jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('draft','submitted','returned','approved','scheduled','published')),
        created_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        review jsonb,
        publisher_id uuid REFERENCES users(id),
        scheduled_at timestamptz,
        disclosure_id uuid REFERENCES disclosures(id),
        publish_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX drafts_status_idx ON drafts (department_code, status, updated_at DESC);
      CREATE INDEX drafts_scheduled_idx ON drafts (scheduled_at) WHERE status = 'scheduled';
    `);
    }
    async down(q) {
        await q.query(`DROP TABLE drafts`);
    }
}
