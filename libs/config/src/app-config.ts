import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as path from 'node:path';
import type { Env } from './env.schema.js';

/** Typed, already-validated settings. Inject this instead of reading process.env. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<Env, true>) {}

  get<K extends keyof Env>(key: K): Env[K] {
    return this.config.get(key, { infer: true });
  }

  /** Where readers reach the public routes (attachments); channels put it in front of each download path. */
  get publicBaseUrl(): string {
    return this.get('PUBLIC_BASE_URL') ?? `http://localhost:${this.get('PORT')}`;
  }

  get configDir(): string {
    return path.resolve(this.get('CONFIG_DIR'));
  }

  get channelsFile(): string {
    return path.resolve(this.get('CHANNELS_FILE') ?? path.join(this.configDir, 'channels.yaml'));
  }

  get cataloguesDir(): string {
    return path.resolve(this.get('CATALOGUES_DIR') ?? path.join(this.configDir, 'catalogues'));
  }
}
