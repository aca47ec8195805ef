import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Takes the audit chain off the request path (issue 15, docs/audit.md §1). Business transactions insert entries
 * unsealed — an `id` from a sequence and the writer's transaction id, no `seq` or hashes — without any lock;
 * one sealer later gives committed entries their `seq`, `prev_hash` and `hash` in large batches.
 *
 * - Existing rows are sealed already: they keep their seq and hashes, get `id = seq` (so id order matches the
 *   chain for the past) and `sealed_at = at`. The trigger is disabled for that one UPDATE only, inside this
 *   migration's transaction.
 * - The UPDATE trigger now allows exactly one change: sealing an unsealed row (seq, prev_hash, hash, sealed_at
 *   from NULL to set), every other column unchanged. Sealed rows never change; DELETE and TRUNCATE stay refused.
 * - `audit_log_seal(...)` is the only way the application seals: a SECURITY DEFINER function (the app's role
 *   keeps SELECT and INSERT only on audit_log, so with the trigger disabled it still cannot UPDATE), which
 *   checks the batch starts at the sealed head and links each entry to the one before it.
 * - The old indexes (x, seq) become (x, id): listings page by id, which unsealed entries have too.
 */
export class AuditSealer1764000000900 implements MigrationInterface {
  name = 'AuditSealer1764000000900';

  async up(q: QueryRunner): Promise<void> {
    const [{ schema }] = await q.query(`SELECT current_schema() AS schema`);
    await q.query(`
      ALTER TABLE audit_log ADD COLUMN id bigint, ADD COLUMN writer_xid xid8, ADD COLUMN sealed_at timestamptz;
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET id = seq, sealed_at = at;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

      CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
      SELECT setval('audit_log_id_seq', coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false);
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
      ALTER TABLE audit_log
        ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq'),
        ALTER COLUMN id SET NOT NULL,
        -- pg_current_xact_id() is the top-level transaction's id even inside a savepoint: the sealer compares it
        -- with the oldest transaction still running to know the writer has ended
        ALTER COLUMN writer_xid SET DEFAULT pg_current_xact_id(),
        ALTER COLUMN seq DROP NOT NULL,
        ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL,
        ADD PRIMARY KEY (id),
        -- a row is sealed wholly or not at all (verify checks it too, for a constraint someone dropped)
        ADD CONSTRAINT audit_log_sealed_whole CHECK ((seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL)),
        ADD CONSTRAINT audit_log_unsealed_has_writer CHECK (seq IS NOT NULL OR writer_xid IS NOT NULL);

      -- seq is unique among sealed rows; partial, so a writer's insert (seq NULL) adds no entry to it
      CREATE UNIQUE INDEX audit_log_seq_key ON audit_log (seq) WHERE seq IS NOT NULL;
      -- what the sealer scans: only the unsealed tail, small however long the log grows
      CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE seq IS NULL;
      DROP INDEX audit_log_disclosure_idx;
      DROP INDEX audit_log_action_idx;
      DROP INDEX audit_log_actor_idx;
      CREATE INDEX audit_log_disclosure_idx ON audit_log (disclosure_id, id) WHERE disclosure_id IS NOT NULL;
      CREATE INDEX audit_log_action_idx ON audit_log (action, id);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);

      CREATE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- sealing: the four chain columns go from NULL to set, once; nothing else may differ. Compared as jsonb so
        -- a column a later migration adds is covered without touching this function.
        IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND OLD.sealed_at IS NULL
           AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.sealed_at IS NOT NULL
           AND to_jsonb(NEW) - '{seq,prev_hash,hash,sealed_at}'::text[] = to_jsonb(OLD) - '{seq,prev_hash,hash,sealed_at}'::text[]
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: UPDATE is allowed only to seal an unsealed entry once'
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      DROP TRIGGER audit_log_no_update ON audit_log;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_guard_update();
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
    `);
    // SECURITY DEFINER runs as the tables' owner: its search_path is pinned so nobody can slip in a look-alike
    await q.query(`
      CREATE FUNCTION audit_log_seal(p_ids bigint[], p_first_seq bigint, p_prev_hash text, p_hashes text[]) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ${quoteIdent(schema)}, pg_temp AS $$
      DECLARE
        head_seq bigint;
        head_hash text;
        n integer;
      BEGIN
        IF cardinality(p_ids) IS DISTINCT FROM cardinality(p_hashes) OR cardinality(p_ids) = 0 THEN
          RAISE EXCEPTION 'audit_log_seal: ids and hashes must be non-empty and of the same length';
        END IF;
        SELECT seq, hash INTO head_seq, head_hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
        IF p_first_seq IS DISTINCT FROM coalesce(head_seq, 0) + 1 OR p_prev_hash IS DISTINCT FROM coalesce(head_hash, repeat('0', 64)) THEN
          RAISE EXCEPTION 'audit_log_seal: the batch must start right after the sealed head (seq %)', coalesce(head_seq, 0)
            USING ERRCODE = 'serialization_failure';
        END IF;
        -- seq and prev_hash follow from the batch's order: contiguous and linked by construction
        UPDATE audit_log a
           SET seq = p_first_seq + u.ord - 1,
               prev_hash = CASE WHEN u.ord = 1 THEN p_prev_hash ELSE p_hashes[u.ord - 1] END,
               hash = u.hash,
               sealed_at = now()
          FROM unnest(p_ids, p_hashes) WITH ORDINALITY AS u(id, hash, ord)
         WHERE a.id = u.id AND a.seq IS NULL;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> cardinality(p_ids) THEN
          RAISE EXCEPTION 'audit_log_seal: only % of % entries were still unsealed', n, cardinality(p_ids)
            USING ERRCODE = 'serialization_failure';
        END IF;
        RETURN n;
      END $$;
      REVOKE ALL ON FUNCTION audit_log_seal(bigint[], bigint, text, text[]) FROM PUBLIC;
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongkai_app') THEN
          GRANT EXECUTE ON FUNCTION audit_log_seal(bigint[], bigint, text, text[]) TO gongkai_app;
          GRANT USAGE, SELECT ON SEQUENCE audit_log_id_seq TO gongkai_app;
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only possible while every entry is sealed: an unsealed row has no place in the old schema.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL) THEN
          RAISE EXCEPTION 'audit_log has unsealed entries: let the sealer finish before reverting';
        END IF;
      END $$;
      DROP FUNCTION audit_log_seal(bigint[], bigint, text, text[]);
      DROP TRIGGER audit_log_no_delete ON audit_log;
      DROP TRIGGER audit_log_no_update ON audit_log;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
      DROP FUNCTION audit_log_guard_update();
      DROP INDEX audit_log_disclosure_idx, audit_log_action_idx, audit_log_actor_idx, audit_log_unsealed_idx, audit_log_seq_key;
      CREATE INDEX audit_log_disclosure_idx ON audit_log (disclosure_id, seq) WHERE disclosure_id IS NOT NULL;
      CREATE INDEX audit_log_action_idx ON audit_log (action, seq);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor, seq);
      ALTER TABLE audit_log
        DROP CONSTRAINT audit_log_unsealed_has_writer,
        DROP CONSTRAINT audit_log_sealed_whole,
        DROP CONSTRAINT audit_log_pkey,
        ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL,
        ADD PRIMARY KEY (seq),
        DROP COLUMN sealed_at, DROP COLUMN writer_xid, DROP COLUMN id;
    `);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
