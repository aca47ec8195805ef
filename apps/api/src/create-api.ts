import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './app.module.js';
import { bodyParsing } from './http/body-parsing.js';
import { validationPipe } from './http/validation.js';

/** Builds the HTTP app exactly as production runs it; tests call this too, so they exercise the real stack. */
export async function createApi(options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, logger: options.logger ?? ['error', 'warn', 'log'] });
  app.set('trust proxy', 'loopback');
  bodyParsing(app);
  app.setGlobalPrefix('api');
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
