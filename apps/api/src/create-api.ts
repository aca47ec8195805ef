import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { serveMetrics } from './http/metrics.route.js';
import { securityHeaders } from './http/security-headers.js';
import { ApiModule } from './app.module.js';
import { bodyParsing } from './http/body-parsing.js';
import { validationPipe } from './http/validation.js';
import { serveWeb } from './web/serve-web.js';
import { KIOSK_ROUTES } from './screens/kiosk/kiosk.routes.js';
import { serveFeedFastPath } from './screens/feed-fast-path.js';
import { serveQueueBoard } from './admin/queue-board/queue-board.route.js';

/**
 * Builds the HTTP app exactly as production runs it; tests call this too, so they exercise the real stack.
 * Without an explicit `logger` the app logs structured JSON through pino.
 */
export async function createApi(options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    ...(options.logger !== undefined ? { logger: options.logger } : { bufferLogs: true }),
  });
  if (options.logger === undefined) app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  const security = securityHeaders(helmet);
  app.use(security);
  serveFeedFastPath(app, security); // screens' 304 polls answered before Express (docs/screens.md)
  serveMetrics(app);
  serveQueueBoard(app); // Bull Board at /api/admin/queues/board/, raw Express with its own cookie guard
  serveWeb(app); // the back office (dist/web) at /, SPA fallback outside /api, /screens, /metrics
  bodyParsing(app);
  app.setGlobalPrefix('api', { exclude: KIOSK_ROUTES }); // the screens' kiosk page is /screens/:id
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gongkai Dispatch API')
      .setDescription('主动公开一键分发：catalogue, disclosures, deliveries, audit')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc);
  return app;
}
