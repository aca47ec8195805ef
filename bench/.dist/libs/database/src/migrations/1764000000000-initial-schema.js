/**
 * The dispatch backbone: departments, users, catalogue versions, disclosures, deliveries, the outbox and the
 * hash-chained audit log. Statuses are CHECK-constrained text rather than enums so a later migration can add a
 * status without ALTER TYPE gymnastics.
 */
export class InitialSchema1764000000000 {
    name = 'InitialSchema1764000000000';
    async up(q) {
        await q.query(`
      CREATE TABLE departments (
        code text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL DEFAULT '',
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['editor','reviewer','publisher','auditor','admin']::text[]),
        department_code text REFERENCES departments(code),
        disabled boolean NOT NULL DEFAULT false,
        -- bumped on password change or forced logout: tokens carry it, so old ones stop working
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE catalogue_versions (
        id serial PRIMARY KEY,
        catalogue_code text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        department_code text NOT NULL REFERENCES departments(code),
        content_hash text NOT NULL,
        items jsonb NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (catalogue_code, version)
      );

      CREATE TABLE disclosures (
        id uuid PRIMARY KEY,
        catalogue_code text NOT NULL,
        catalogue_version_id integer NOT NULL REFERENCES catalogue_versions(id),
        item_id text NOT NULL,
        department_code text NOT NULL REFERENCES departments(code),
        title text NOT NULL,
        body text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        generated_at timestamptz NOT NULL,
        due_at timestamptz,
        due_provisional boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('dispatching','delivered','partially_delivered','failed','withdrawn')),
        created_by uuid NOT NULL REFERENCES users(id),
        idempotency_key text,
        request_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (created_by, idempotency_key)
      );
      CREATE INDEX disclosures_created_at_idx ON disclosures (created_at DESC, id DESC);
      CREATE INDEX disclosures_dept_idx ON disclosures (department_code, created_at DESC);

      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        disclosure_id uuid NOT NULL REFERENCES disclosures(id),
        carrier text NOT NULL,
        channel text NOT NULL,
        adapter text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued','in_progress','delivered','failed','awaiting_confirmation','confirmed','unconfirmed','withdrawn')),
        attempts integer NOT NULL DEFAULT 0,
        -- bumped by a manual retry so the new BullMQ job gets a fresh deterministic id
        generation integer NOT NULL DEFAULT 0,
        last_error text,
        remote_id text,
        remote_url text,
        -- per-adapter progress of multi-step publishes (e.g. a WeChat draft media_id), so a retry resumes
        state jsonb NOT NULL DEFAULT '{}',
        confirmation jsonb,
        on_time boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (disclosure_id, carrier, channel)
      );
      CREATE INDEX deliveries_disclosure_idx ON deliveries (disclosure_id);
      CREATE INDEX deliveries_open_idx ON deliveries (status, updated_at) WHERE status IN ('queued','in_progress');

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        disclosure_id uuid NOT NULL REFERENCES disclosures(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE dispatched_at IS NULL;

      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        disclosure_id uuid,
        delivery_id uuid,
        catalogue_code text,
        screen_id uuid,
        department_code text,
        channel text,
        outcome text,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_log_at_idx ON audit_log (at);
      CREATE INDEX audit_log_disclosure_idx ON audit_log (disclosure_id, seq) WHERE disclosure_id IS NOT NULL;
      CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

      -- Append-only, enforced by the database and not only by the code.
      CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
    `);
    }
    async down(q) {
        await q.query(`
      DROP TABLE audit_log; DROP FUNCTION audit_log_reject_change();
      DROP TABLE outbox; DROP TABLE deliveries; DROP TABLE disclosures;
      DROP TABLE catalogue_versions; DROP TABLE users; DROP TABLE departments;
    `);
    }
}
