import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seals go into a table of their own, so an audit entry is written once and never updated (issue 15,
 * docs/audit.md §1). Sealing used to UPDATE each entry: seq is indexed, so no update was HOT, and every seal
 * wrote a new version of the whole row into every index of the log. That was about a quarter of the CPU a
 * delivery costs. Now a seal is one narrow INSERT.
 *
 * - `audit_entries` is the old table, renamed, without the chain columns. Every UPDATE, DELETE and TRUNCATE is
 *   refused, with no exception for sealing.
 * - `audit_seals (seq, id, prev_hash, hash, sealed_at, snapshot, resume_after)` is append-only the same way. Only
 *   `audit_log_seal()` (SECURITY DEFINER) writes it: the app's role may only read it.
 * - `audit_log` becomes a view joining the two, with the columns the table had, so every reader, report and
 *   export reads it as before. Inserting into it still works (an INSTEAD OF trigger), for processes of the
 *   previous release during a rolling upgrade.
 * - `snapshot` and `resume_after`, on the last seal of each batch: the transactions still running when the batch
 *   looked, and (when the batch was full) the last id it took. Every entry not sealed yet was written by one of
 *   those transactions or a later one, or comes after that id, so the sealer looks only there (indexes on
 *   writer_xid and id) instead of scanning the whole log; a transaction left open holds back nothing but itself.
 */
export class AuditSealTable1764000000970 implements MigrationInterface {
  name = 'AuditSealTable1764000000970';

  async up(q: QueryRunner): Promise<void> {
    const [{ schema }] = await q.query(`SELECT current_schema() AS schema`);
    await q.query(`
      ALTER TABLE audit_log RENAME TO audit_entries;

      CREATE TABLE audit_seals (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        id bigint NOT NULL UNIQUE,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        sealed_at timestamptz NOT NULL,
        snapshot pg_snapshot,
        resume_after bigint
      );
      INSERT INTO audit_seals (seq, id, prev_hash, hash, sealed_at)
        SELECT seq, id, prev_hash, hash, sealed_at FROM audit_entries WHERE seq IS NOT NULL;
      -- The head's snapshot: entries unsealed now have writer_xid set (written since the sealer migration), and
      -- "x:x:" with x no higher than any of them, nor than any transaction still running, puts them all above it.
      UPDATE audit_seals SET snapshot = (
          SELECT (x || ':' || x || ':')::pg_snapshot
            FROM (SELECT least(pg_snapshot_xmin(pg_current_snapshot()), (SELECT min(writer_xid) FROM audit_entries WHERE seq IS NULL)) AS x) h)
       WHERE seq = (SELECT max(seq) FROM audit_seals);

      DROP TRIGGER audit_log_no_update ON audit_entries;
      DROP FUNCTION audit_log_guard_update();
      DROP FUNCTION audit_log_seal(bigint[], bigint, text, text[]);
      ALTER TABLE audit_entries
        DROP CONSTRAINT audit_log_sealed_whole,
        DROP CONSTRAINT audit_log_unsealed_has_writer,
        DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash, DROP COLUMN sealed_at;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
      -- where the sealer looks: entries of transactions running at the last batch or begun since
      CREATE INDEX audit_entries_writer_idx ON audit_entries (writer_xid);

      CREATE TRIGGER audit_seals_no_change BEFORE UPDATE OR DELETE ON audit_seals
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
      CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();

      CREATE VIEW audit_log AS
        SELECT e.id, s.seq, e.at, e.actor, e.action, e.disclosure_id, e.delivery_id, e.catalogue_code, e.screen_id,
               e.department_code, e.channel, e.outcome, e.details, s.prev_hash, s.hash, e.writer_xid, s.sealed_at
          FROM audit_entries e LEFT JOIN audit_seals s ON s.id = e.id;

      -- Inserting into the view: an entry, unsealed. A row that comes with its seq (fixtures, imports by the
      -- owner) is inserted sealed; the app's role cannot, as it may not insert seals.
      CREATE FUNCTION audit_log_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_entries (id, at, actor, action, disclosure_id, delivery_id, catalogue_code, screen_id, department_code,
                                   channel, outcome, details, writer_xid)
        VALUES (coalesce(NEW.id, nextval('audit_log_id_seq')), NEW.at, NEW.actor, NEW.action, NEW.disclosure_id, NEW.delivery_id,
                NEW.catalogue_code, NEW.screen_id, NEW.department_code, NEW.channel, NEW.outcome, coalesce(NEW.details, '{}'),
                CASE WHEN NEW.seq IS NULL THEN coalesce(NEW.writer_xid, pg_current_xact_id()) END)
        RETURNING id INTO NEW.id;
        IF NEW.seq IS NOT NULL THEN
          -- no snapshot: the sealer then looks at every entry once, in id order, and sets a new one
          INSERT INTO audit_seals (seq, id, prev_hash, hash, sealed_at)
          VALUES (NEW.seq, NEW.id, NEW.prev_hash, NEW.hash, coalesce(NEW.sealed_at, NEW.at));
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_log_insert INSTEAD OF INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_insert();
    `);
    // SECURITY DEFINER runs as the tables' owner: its search_path is pinned so nobody can slip in a look-alike
    await q.query(`
      CREATE FUNCTION audit_log_seal(p_ids bigint[], p_first_seq bigint, p_prev_hash text, p_hashes text[], p_snapshot pg_snapshot, p_resume_after bigint) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ${quoteIdent(schema)}, pg_temp AS $$
      DECLARE
        head_seq bigint;
        head_hash text;
        n integer;
      BEGIN
        IF cardinality(p_ids) IS DISTINCT FROM cardinality(p_hashes) OR cardinality(p_ids) = 0 THEN
          RAISE EXCEPTION 'audit_log_seal: ids and hashes must be non-empty and of the same length';
        END IF;
        SELECT seq, hash INTO head_seq, head_hash FROM audit_seals ORDER BY seq DESC LIMIT 1;
        IF p_first_seq IS DISTINCT FROM coalesce(head_seq, 0) + 1 OR p_prev_hash IS DISTINCT FROM coalesce(head_hash, repeat('0', 64)) THEN
          RAISE EXCEPTION 'audit_log_seal: the batch must start right after the sealed head (seq %)', coalesce(head_seq, 0)
            USING ERRCODE = 'serialization_failure';
        END IF;
        -- a snapshot from the future would hide the entries of transactions not begun yet
        IF pg_snapshot_xmax(p_snapshot) > pg_snapshot_xmax(pg_current_snapshot()) THEN
          RAISE EXCEPTION 'audit_log_seal: snapshot % is not one taken already', p_snapshot;
        END IF;
        IF EXISTS (SELECT 1 FROM audit_seals WHERE id = ANY (p_ids)) THEN
          RAISE EXCEPTION 'audit_log_seal: not all % entries were still unsealed', cardinality(p_ids)
            USING ERRCODE = 'serialization_failure';
        END IF;
        -- seq and prev_hash follow from the batch's order: contiguous and linked by construction; an id with no
        -- committed entry seals nothing and is caught by the count
        INSERT INTO audit_seals (seq, id, prev_hash, hash, sealed_at, snapshot, resume_after)
        SELECT p_first_seq + u.ord - 1, u.id, CASE WHEN u.ord = 1 THEN p_prev_hash ELSE p_hashes[u.ord - 1] END, u.hash, now(),
               CASE WHEN u.ord = cardinality(p_ids) THEN p_snapshot END, CASE WHEN u.ord = cardinality(p_ids) THEN p_resume_after END
          FROM unnest(p_ids, p_hashes) WITH ORDINALITY AS u(id, hash, ord)
          JOIN audit_entries e ON e.id = u.id
         ORDER BY u.ord;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> cardinality(p_ids) THEN
          RAISE EXCEPTION 'audit_log_seal: only % of % entries exist', n, cardinality(p_ids)
            USING ERRCODE = 'serialization_failure';
        END IF;
        RETURN n;
      END $$;
      REVOKE ALL ON FUNCTION audit_log_seal(bigint[], bigint, text, text[], pg_snapshot, bigint) FROM PUBLIC;
      REVOKE ALL ON audit_seals, audit_log FROM PUBLIC;
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongkai_app') THEN
          -- default privileges gave the app's role UPDATE and DELETE on the new table and view: only reading stays
          REVOKE ALL ON audit_seals, audit_log FROM gongkai_app;
          GRANT SELECT ON audit_seals TO gongkai_app;
          GRANT SELECT, INSERT ON audit_log TO gongkai_app;
          GRANT EXECUTE ON FUNCTION audit_log_seal(bigint[], bigint, text, text[], pg_snapshot, bigint) TO gongkai_app;
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ schema }] = await q.query(`SELECT current_schema() AS schema`);
    // Back to the sealer migration's schema: seals move onto their entries. Only while every entry is sealed, as
    // that migration's own down requires, so the two refuse alike.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.id = e.id)) THEN
          RAISE EXCEPTION 'audit_log has unsealed entries: let the sealer finish before reverting';
        END IF;
      END $$;
      DROP VIEW audit_log;
      DROP FUNCTION audit_log_insert();
      DROP FUNCTION audit_log_seal(bigint[], bigint, text, text[], pg_snapshot, bigint);
      DROP INDEX audit_entries_writer_idx;
      DROP TRIGGER audit_log_no_update ON audit_entries;
      ALTER TABLE audit_entries RENAME TO audit_log;
      ALTER TABLE audit_log ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text, ADD COLUMN sealed_at timestamptz;
      UPDATE audit_log a SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash, sealed_at = s.sealed_at FROM audit_seals s WHERE s.id = a.id;
      DROP TABLE audit_seals;
      ALTER TABLE audit_log
        ADD CONSTRAINT audit_log_sealed_whole CHECK ((seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL)),
        ADD CONSTRAINT audit_log_unsealed_has_writer CHECK (seq IS NOT NULL OR writer_xid IS NOT NULL);
      CREATE UNIQUE INDEX audit_log_seq_key ON audit_log (seq) WHERE seq IS NOT NULL;
      CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE seq IS NULL;
      CREATE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND OLD.sealed_at IS NULL
           AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.sealed_at IS NOT NULL
           AND to_jsonb(NEW) - '{seq,prev_hash,hash,sealed_at}'::text[] = to_jsonb(OLD) - '{seq,prev_hash,hash,sealed_at}'::text[]
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: UPDATE is allowed only to seal an unsealed entry once'
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_guard_update();
    `);
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
        END IF;
      END $$;
    `);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
