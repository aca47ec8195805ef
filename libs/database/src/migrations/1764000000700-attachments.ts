import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments (附件) of a disclosure: the files are kept in Postgres, like everything else that is the truth, so a
 * backup of the database is a backup of what was published. A file is uploaded first, then linked by id when a
 * draft or a disclosure is saved; the disclosure keeps a copy of each file's name, type, size and hash, so what
 * was published is on the disclosure row itself (and in its audit entry).
 */
export class Attachments1764000000700 implements MigrationInterface {
  name = 'Attachments1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        -- the uploader's department; NULL for an admin without one. Only that department may link the file.
        department_code text REFERENCES departments(code),
        filename text NOT NULL,
        -- from the file's own bytes, never from what the browser said
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX attachments_department ON attachments (department_code, created_at DESC);

      -- [{id, filename, contentType, sizeBytes, sha256}], in the order the editor gave
      ALTER TABLE disclosures ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb;
      -- the public download checks "is this file on a disclosure that is not withdrawn" with @>
      CREATE INDEX disclosures_attachments ON disclosures USING gin (attachments jsonb_path_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX disclosures_attachments; ALTER TABLE disclosures DROP COLUMN attachments; DROP TABLE attachments;`);
  }
}
