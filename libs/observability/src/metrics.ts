import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics. Counters and histograms are recorded where things happen (the worker's runner);
 * gauges that describe state (queue depths, deliveries by status, overdue, screens) are read from Redis and
 * Postgres when scraped, so every process reports the same truth.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'gkd_' });

export const attemptDuration = new Histogram({
  name: 'gkd_delivery_attempt_seconds',
  help: 'Duration of one delivery attempt, by channel and outcome',
  labelNames: ['channel', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const attemptsTotal = new Counter({
  name: 'gkd_delivery_attempts_total',
  help: 'Delivery attempts, by channel and outcome (queued = will be retried)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [registry],
});

export const auditSealedTotal = new Counter({
  name: 'gkd_audit_sealed_total',
  help: 'Audit entries chained by this process\'s sealer (docs/audit.md §1)',
  registers: [registry],
});

/**
 * Screen feed polls answered 304 by the fast path ahead of the router (apps/api/src/screens/feed-fast-path.ts):
 * these skip request logging by design, so this counter is how an operator sees their rate.
 */
export const screenFeedNotModified = new Counter({
  name: 'gkd_screen_feed_not_modified_total',
  help: 'Screen feed polls answered 304 from memory ahead of the router',
  registers: [registry],
});
