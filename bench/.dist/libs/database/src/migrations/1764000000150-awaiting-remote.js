/**
 * Some remotes accept a publish and report the result later (WeChat's asynchronous freepublish, a gazette issue
 * that appears next week, screens acknowledging). Such a delivery stays in_progress with awaiting_remote set, so
 * neither a job nor the reconciler touches it until the result arrives (callback, poll, or a person).
 */
export class AwaitingRemote1764000000150 {
    name = 'AwaitingRemote1764000000150';
    async up(q) {
        await q.query(`
      ALTER TABLE deliveries ADD COLUMN awaiting_remote boolean NOT NULL DEFAULT false;
      CREATE INDEX deliveries_awaiting_remote_idx ON deliveries (channel, updated_at) WHERE awaiting_remote;
    `);
    }
    async down(q) {
        await q.query(`ALTER TABLE deliveries DROP COLUMN awaiting_remote`);
    }
}
