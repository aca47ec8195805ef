/**
 * Targeted push (精准推送) and the gazette (政府公报).
 *
 * - subscribers / subscriptions: people who asked for mail or SMS about catalogue items or groups (一级事项).
 *   Ids are bigserial so fan-out jobs can name a recipient range by id and page through it by keyset.
 * - push_recipients: one row per (delivery, recipient), claimed before a message is sent, so no retry ever sends
 *   the same disclosure to the same address twice; `unknown` marks a send whose outcome nobody knows.
 * - gazette_issues / gazette_entries: disclosures collect into the open issue until an editor publishes it.
 */
export class SubscribersGazette1764000000400 {
    name = 'SubscribersGazette1764000000400';
    async up(q) {
        await q.query(`
      CREATE TABLE subscribers (
        id bigserial PRIMARY KEY,
        name text NOT NULL DEFAULT '',
        email text,
        email_verified_at timestamptz,
        email_verify_hash text,
        email_verify_expires_at timestamptz,
        email_unsubscribed_at timestamptz,
        phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        phone_verified_at timestamptz,
        phone_opted_out_at timestamptz,
        -- evidence of consent recorded by staff (paper form, service-hall sign-up …) instead of a verification link
        consent text,
        -- random and permanent: the one-click link in every mail already sent must keep working
        unsubscribe_token text NOT NULL,
        department_code text REFERENCES departments(code),
        source text NOT NULL DEFAULT 'admin' CHECK (source IN ('admin','import')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- erased: personal data removed, the id stays for the send records that point at it
        erased_at timestamptz
      );
      CREATE UNIQUE INDEX subscribers_email_uq ON subscribers (email) WHERE email IS NOT NULL;
      CREATE UNIQUE INDEX subscribers_phone_uq ON subscribers (phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX subscribers_unsubscribe_token_uq ON subscribers (unsubscribe_token);
      CREATE UNIQUE INDEX subscribers_verify_hash_uq ON subscribers (email_verify_hash) WHERE email_verify_hash IS NOT NULL;
      CREATE INDEX subscribers_department_idx ON subscribers (department_code, id);

      CREATE TABLE subscriptions (
        subscriber_id bigint NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
        -- item:<catalogue>:<item id> | group:<catalogue>:<一级事项> | catalogue:<catalogue>
        topic text NOT NULL CHECK (topic ~ '^(item|group|catalogue):'),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscriber_id, topic)
      );
      CREATE INDEX subscriptions_topic_idx ON subscriptions (topic, subscriber_id);

      CREATE TABLE push_recipients (
        delivery_id uuid NOT NULL REFERENCES deliveries(id),
        subscriber_id bigint NOT NULL REFERENCES subscribers(id),
        medium text NOT NULL CHECK (medium IN ('email','sms')),
        -- the address used, as it was: the subscriber may change or erase theirs later
        address text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','sending','sent','failed','unknown','cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        claimed_by text,
        claimed_at timestamptz,
        remote_id text,
        -- SMS parts billed (≤70 characters is one, longer ones are billed per 67)
        parts integer,
        error text,
        sent_at timestamptz,
        resolved_by text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (delivery_id, subscriber_id)
      );
      CREATE INDEX push_recipients_status_idx ON push_recipients (delivery_id, status);

      CREATE TABLE gazette_issues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        status text NOT NULL CHECK (status IN ('open','publishing','published')),
        -- numbered when published (2026年第3期): an issue opened in December may come out in January
        year integer,
        number integer,
        opened_at timestamptz NOT NULL DEFAULT now(),
        publishing_since timestamptz,
        published_at timestamptz,
        published_by text,
        entry_count integer,
        html_file text,
        pdf_file text,
        html_sha256 text,
        pdf_sha256 text,
        url text,
        last_error text,
        UNIQUE (channel, year, number)
      );
      CREATE UNIQUE INDEX gazette_issues_open_uq ON gazette_issues (channel) WHERE status = 'open';

      CREATE TABLE gazette_entries (
        id bigserial PRIMARY KEY,
        issue_id uuid NOT NULL REFERENCES gazette_issues(id),
        delivery_id uuid NOT NULL UNIQUE REFERENCES deliveries(id),
        disclosure_id uuid NOT NULL REFERENCES disclosures(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        -- what was printed, fixed at publication
        position integer,
        revision integer,
        title text,
        included boolean
      );
      CREATE INDEX gazette_entries_issue_idx ON gazette_entries (issue_id, id);
    `);
    }
    async down(q) {
        await q.query(`
      DROP TABLE gazette_entries; DROP TABLE gazette_issues;
      DROP TABLE push_recipients; DROP TABLE subscriptions; DROP TABLE subscribers;
    `);
    }
}
