/**
 * Electronic notice screens. Screens pull a feed per group; every change to what a group shows bumps the group's
 * version (the feed's ETag) and appends an event (live push, catch-up by last event id). A notice row is one
 * screens delivery's content for one group; acknowledgements record which version each screen shows.
 */
export class Screens1764000000500 {
    name = 'Screens1764000000500';
    async up(q) {
        await q.query(`
      CREATE TABLE screen_groups (
        code text PRIMARY KEY,
        -- bumped in the transaction that changes what the group shows; the feed's ETag is derived from it
        version bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE screens (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        group_code text NOT NULL,
        location text NOT NULL DEFAULT '',
        -- sha256 of the screen's bearer token; NULL once revoked
        token_hash text,
        token_issued_at timestamptz,
        revoked_at timestamptz,
        -- a one-time pairing code (hashed), its expiry and the wrong guesses left
        pairing_hash text,
        pairing_expires_at timestamptz,
        pairing_attempts_left integer NOT NULL DEFAULT 0,
        last_seen_at timestamptz,
        -- set when the screen was noticed to have stopped calling in (audited once), cleared when it is back
        offline_since timestamptz,
        -- the content version the screen last acknowledged, of its current group
        shown_version bigint,
        shown_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX screens_token_hash_uq ON screens (token_hash) WHERE token_hash IS NOT NULL;
      CREATE INDEX screens_group_idx ON screens (group_code) WHERE revoked_at IS NULL;

      CREATE TABLE screen_notices (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES deliveries(id),
        disclosure_id uuid NOT NULL REFERENCES disclosures(id),
        channel text NOT NULL,
        group_code text NOT NULL,
        revision integer NOT NULL,
        -- the feed item as served (rendered, sanitized, with its QR code): rendered once, read many times
        content jsonb NOT NULL,
        priority integer NOT NULL DEFAULT 0,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        phase text NOT NULL CHECK (phase IN ('scheduled','live','expired','withdrawn')),
        -- the group version at which this revision went live: a screen showing it or later shows this notice
        published_version bigint,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (delivery_id, group_code)
      );
      CREATE INDEX screen_notices_current_idx ON screen_notices (group_code, priority DESC, starts_at DESC) WHERE phase IN ('scheduled','live');
      CREATE INDEX screen_notices_disclosure_idx ON screen_notices (disclosure_id);

      CREATE TABLE screen_events (
        id bigserial PRIMARY KEY,
        group_code text NOT NULL,
        version bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('notice','withdrawn','expired')),
        disclosure_id uuid,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX screen_events_group_idx ON screen_events (group_code, id);
      CREATE INDEX screen_events_created_idx ON screen_events (created_at);

      CREATE TABLE screen_acks (
        id bigserial PRIMARY KEY,
        screen_id uuid NOT NULL REFERENCES screens(id),
        group_code text NOT NULL,
        version bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX screen_acks_screen_idx ON screen_acks (screen_id, group_code, version);
    `);
    }
    async down(q) {
        await q.query(`DROP TABLE screen_acks; DROP TABLE screen_events; DROP TABLE screen_notices; DROP TABLE screens; DROP TABLE screen_groups;`);
    }
}
