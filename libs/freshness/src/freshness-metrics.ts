import { Gauge, type Registry } from 'prom-client';
import type { FreshnessOverview } from './freshness.service.js';

/**
 * Freshness gauges, read at scrape time like the other state gauges (libs/observability/src/state-metrics.ts): per
 * target the days left (so an alert rule can say "< 3"), and counts by state, and the 单项否决 thresholds crossed.
 */
export function registerFreshnessMetrics(registry: Registry, overview: () => Promise<FreshnessOverview>): void {
  // one computation per scrape for the three gauges: the first collect starts it, the others reuse it
  let pending: Promise<FreshnessOverview | null> | null = null;
  const current = () => {
    pending ??= overview().catch(() => null).finally(() => setTimeout(() => (pending = null), 1000).unref());
    return pending;
  };
  new Gauge({
    name: 'gkd_freshness_days_left',
    help: 'Calendar days until a website column or channel account exceeds its update limit (negative: days late)',
    labelNames: ['target_type', 'target', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const o = await current();
      for (const e of [...(o?.columns ?? []), ...(o?.accounts ?? [])]) {
        if (e.daysLeft !== null) this.set({ target_type: e.targetType, target: e.target, kind: e.rule.kind }, e.daysLeft);
      }
    },
  });
  new Gauge({
    name: 'gkd_freshness_targets',
    help: 'Website columns and channel accounts by freshness state (ok, warning, overdue, empty, unchecked)',
    labelNames: ['target_type', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const o = await current();
      const counts = new Map<string, number>();
      for (const e of [...(o?.columns ?? []), ...(o?.accounts ?? [])]) counts.set(`${e.targetType}|${e.state}`, (counts.get(`${e.targetType}|${e.state}`) ?? 0) + 1);
      for (const [k, n] of counts) {
        const [target_type, state] = k.split('|');
        this.set({ target_type, state }, n);
      }
    },
  });
  new Gauge({
    name: 'gkd_freshness_veto',
    help: '1 when an inspection 单项否决 threshold (国办秘函〔2019〕19号) is crossed, by veto code',
    labelNames: ['veto'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const o = await current();
      for (const v of o?.inspection.vetoes ?? []) this.set({ veto: v.code }, v.crossed ? 1 : 0);
    },
  });
}
