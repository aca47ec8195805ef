import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { DISCLOSURE_QUEUE, DispatchProducer } from '../../../../libs/dispatch/src/index.js';
import { registerStateMetrics, registry } from '../../../../libs/observability/src/index.js';
import { FreshnessService, registerFreshnessMetrics } from '../../../../libs/freshness/src/index.js';

/**
 * GET /metrics for Prometheus, outside /api and the user guard: scrapers carry no user token. When METRICS_TOKEN
 * is set the scraper must send it as a bearer token.
 */
export function serveMetrics(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  const producer = app.get(DispatchProducer);
  const channels = app.get(ChannelRegistry);
  const audit = app.get(AuditService);
  if (!registry.getSingleMetric('gkd_queue_jobs')) {
    registerStateMetrics(registry, app.get(DataSource), async () => {
      const names = [...channels.list().map((c) => c.name)];
      const out = await Promise.all(names.map(async (n) => ({ queue: `channel-${n}`, counts: await producer.queue(n).getJobCounts() })));
      return [...out, { queue: DISCLOSURE_QUEUE, counts: {} }];
    }, () => audit.sealStatus());
    const freshness = app.get(FreshnessService);
    registerFreshnessMetrics(registry, () => freshness.overview());
  }
  app.use('/metrics', async (req: Request, res: Response) => {
    const expected = config.get('METRICS_TOKEN');
    const given = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (expected && !(given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)))) {
      res.status(401).json({ statusCode: 401, message: 'metrics need the METRICS_TOKEN bearer token' });
      return;
    }
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });
}
