import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Gauges read at scrape time from Postgres and the queues. */
export function registerStateMetrics(
  registry: Registry,
  db: DataSource,
  queueCounts: () => Promise<{ queue: string; counts: Record<string, number> }[]>,
  /** AuditService.sealStatus: the unsealed tail is found through the last batch's snapshot, not a scan of the log */
  sealStatus: () => Promise<{ unsealedCount: number; oldestUnsealedAt: string | null }>,
): void {
  new Gauge({
    name: 'gkd_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts } of await queueCounts().catch(() => [])) {
        for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'gkd_deliveries',
    help: 'Deliveries by channel and status',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows: { channel: string; status: string; n: number }[] = await db
        .query(`SELECT channel, status, count(*)::int AS n FROM deliveries GROUP BY 1, 2`)
        .catch(() => []);
      for (const r of rows) this.set({ channel: r.channel, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'gkd_overdue_disclosures',
    help: 'Disclosures past their legal due date with a delivery not yet done',
    registers: [registry],
    async collect() {
      const [r] = await db
        .query(
          `SELECT count(*)::int AS n FROM disclosures d WHERE d.due_at < now() AND d.status <> 'withdrawn'
           AND EXISTS (SELECT 1 FROM deliveries x WHERE x.disclosure_id = d.id AND x.status NOT IN ('delivered','confirmed','withdrawn'))`,
        )
        .catch(() => [{ n: 0 }]);
      this.set(r.n);
    },
  });
  new Gauge({
    name: 'gkd_screens',
    help: 'Registered screens by health (online: seen within the last 2 minutes)',
    labelNames: ['health'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows: { health: string; n: number }[] = await db
        .query(
          `SELECT CASE WHEN last_seen_at > now() - interval '2 minutes' THEN 'online' ELSE 'offline' END AS health, count(*)::int AS n
           FROM screens WHERE revoked_at IS NULL GROUP BY 1`,
        )
        .catch(() => []);
      for (const r of rows) this.set({ health: r.health }, r.n);
    },
  });
  // The sealer's lag (docs/audit.md §1): read from Postgres, so the API reports it even when no worker seals
  new Gauge({
    name: 'gkd_audit_unsealed_entries',
    help: 'Audit entries committed or being written but not chained by the sealer yet',
    registers: [registry],
    async collect() {
      const status = await sealStatus().catch(() => null);
      this.set(status?.unsealedCount ?? 0);
    },
  });
  new Gauge({
    name: 'gkd_audit_seal_lag_seconds',
    help: 'Age of the oldest unsealed audit entry (0 when all are sealed): alert when it keeps growing',
    registers: [registry],
    async collect() {
      const status = await sealStatus().catch(() => null);
      this.set(status?.oldestUnsealedAt ? Math.max(0, (Date.now() - Date.parse(status.oldestUnsealedAt)) / 1000) : 0);
    },
  });
}
