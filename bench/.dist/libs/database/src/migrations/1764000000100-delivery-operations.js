/**
 * Update and withdrawal travel the same road as the first publish: a delivery row names the operation its next
 * job performs, and channels that cannot update or withdraw get a follow-up manual task pointing at it.
 */
export class DeliveryOperations1764000000100 {
    name = 'DeliveryOperations1764000000100';
    async up(q) {
        await q.query(`
      ALTER TABLE deliveries
        ADD COLUMN operation text NOT NULL DEFAULT 'publish' CHECK (operation IN ('publish','update','withdraw')),
        ADD COLUMN follow_up_of uuid REFERENCES deliveries(id),
        ADD COLUMN purpose text NOT NULL DEFAULT 'publish' CHECK (purpose IN ('publish','update','withdraw')),
        ADD COLUMN withdraw_requested boolean NOT NULL DEFAULT false;
      ALTER TABLE deliveries DROP CONSTRAINT deliveries_disclosure_id_carrier_channel_key;
      CREATE UNIQUE INDEX deliveries_primary_uq ON deliveries (disclosure_id, carrier, channel) WHERE follow_up_of IS NULL;
      ALTER TABLE disclosures
        ADD COLUMN revision integer NOT NULL DEFAULT 1,
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdraw_reason text;
    `);
    }
    async down(q) {
        await q.query(`
      ALTER TABLE disclosures DROP COLUMN revision, DROP COLUMN withdrawn_at, DROP COLUMN withdraw_reason;
      DROP INDEX deliveries_primary_uq;
      DELETE FROM deliveries WHERE follow_up_of IS NOT NULL;
      ALTER TABLE deliveries ADD CONSTRAINT deliveries_disclosure_id_carrier_channel_key UNIQUE (disclosure_id, carrier, channel);
      ALTER TABLE deliveries DROP COLUMN operation, DROP COLUMN follow_up_of, DROP COLUMN purpose, DROP COLUMN withdraw_requested;
    `);
    }
}
