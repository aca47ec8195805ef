import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production roles for the append-only audit log, plus the tables behind anchoring and verification.
 *
 * `gongkai_app` is a NOLOGIN group role: the deployment creates its own login role (e.g. `gongkai_api`) and
 * grants it membership (`GRANT gongkai_app TO gongkai_api`). The group has normal rights on every table except
 * audit_log and audit_anchors, where it may only SELECT and INSERT. The trigger already refuses UPDATE, DELETE
 * and TRUNCATE; the privileges make that hold even if someone disables the trigger, because only the tables'
 * owner (the role that runs migrations) or a superuser can disable it, and the app never connects as either.
 *
 * Roles are cluster-wide: the role is created only when missing, so a second database on the same cluster, a
 * test template, or a DBA who created it beforehand (when the migration role lacks CREATEROLE) are all fine.
 */
export class AuditRoles1764000000600 implements MigrationInterface {
  name = 'AuditRoles1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_anchors (
        id bigserial PRIMARY KEY,
        seq bigint NOT NULL,
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        entry_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL CHECK (source IN ('scheduled','manual')),
        created_by text NOT NULL,
        -- the exact text published outside the system, kept so it can be shown again word for word
        text text NOT NULL
      );
      CREATE INDEX audit_anchors_created_idx ON audit_anchors (created_at DESC, id DESC);
      CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE OR DELETE ON audit_anchors
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
      CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();

      CREATE TABLE audit_verifications (
        id bigserial PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        trigger text NOT NULL CHECK (trigger IN ('scheduled','api')),
        actor text NOT NULL,
        valid boolean NOT NULL,
        checked bigint NOT NULL,
        first_broken_seq bigint,
        head_seq bigint,
        head_hash text,
        anchors_checked integer NOT NULL DEFAULT 0,
        reason text
      );
      CREATE INDEX audit_verifications_recent_idx ON audit_verifications (id DESC);

      -- "by whom" is an auditor's first question; without this, an actor filter scans the whole log
      CREATE INDEX audit_log_actor_idx ON audit_log (actor, seq);

      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongkai_app') THEN
          CREATE ROLE gongkai_app NOLOGIN;
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO gongkai_app', current_schema());
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO gongkai_app', current_schema());
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO gongkai_app', current_schema());
        -- tables later migrations create get the same normal rights; an append-only one must revoke like below
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO gongkai_app', current_schema());
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO gongkai_app', current_schema());
        -- the migration history belongs to whoever runs migrations, not to the app
        IF to_regclass('migrations') IS NOT NULL THEN
          REVOKE INSERT, UPDATE, DELETE ON migrations FROM gongkai_app;
        END IF;
      END $$;

      REVOKE ALL ON audit_log, audit_anchors FROM PUBLIC;
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log, audit_anchors FROM gongkai_app;
      GRANT SELECT, INSERT ON audit_log, audit_anchors TO gongkai_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // The role stays: other databases on the cluster may use it. Only this database's grants are undone.
    await q.query(`
      DROP INDEX audit_log_actor_idx;
      DROP TABLE audit_verifications;
      DROP TABLE audit_anchors;
      DO $$
      BEGIN
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM gongkai_app', current_schema());
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM gongkai_app', current_schema());
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM gongkai_app', current_schema());
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM gongkai_app', current_schema());
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM gongkai_app', current_schema());
      END $$;
    `);
  }
}
