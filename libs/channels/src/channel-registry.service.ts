import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import type { Carrier } from '../../catalogue/src/index.js';
import { ADAPTER_FACTORIES, type AdapterFactory, type ChannelAdapter, type ChannelConfig } from './adapter.contract.js';
import { ChannelsConfigError, loadChannelsFile, MANUAL_CHANNEL } from './channels.loader.js';

export interface ResolvedChannel {
  carrier: Carrier;
  channel: ChannelConfig;
}

/**
 * The configured channels and their adapters. Resolution is carrier → channels: a carrier the catalogue
 * ticks but config/channels.yaml maps to nothing becomes a manual task, so nothing is silently dropped.
 */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private readonly logger = new Logger(ChannelRegistry.name);
  private channels = new Map<string, ChannelConfig>();
  private adapters = new Map<string, ChannelAdapter>();

  constructor(
    private readonly config: AppConfig,
    @Inject(ADAPTER_FACTORIES) private readonly factories: AdapterFactory[],
  ) {}

  onModuleInit(): void {
    const configs = loadChannelsFile(this.config.channelsFile);
    const byType = new Map(this.factories.map((f) => [f.type, f]));
    const problems: string[] = [];
    for (const c of configs) {
      const factory = byType.get(c.type);
      if (!factory) {
        problems.push(`channels: channel ${c.name}: type: unknown adapter type "${c.type}" (known: ${[...byType.keys()].join(', ')})`);
        continue;
      }
      const adapter = factory.create(c);
      problems.push(...adapter.checkConfig());
      this.channels.set(c.name, c);
      this.adapters.set(c.name, adapter);
    }
    if (problems.length) throw new ChannelsConfigError(problems.join('\n'));
    this.logger.log(`channels: ${[...this.channels.keys()].join(', ')}`);
  }

  list(): ChannelConfig[] {
    return [...this.channels.values()];
  }

  get(name: string): ChannelConfig | undefined {
    return this.channels.get(name);
  }

  adapter(name: string): ChannelAdapter {
    const a = this.adapters.get(name);
    if (!a) throw new Error(`no adapter for channel ${name}`);
    return a;
  }

  /** Whether the channel's adapter can update or withdraw what it published by itself (else a person gets a task). */
  can(name: string, operation: 'update' | 'withdraw'): boolean {
    return typeof this.adapter(name)[operation] === 'function';
  }

  resolve(carriers: readonly Carrier[]): ResolvedChannel[] {
    const out: ResolvedChannel[] = [];
    const manual = this.channels.get(MANUAL_CHANNEL)!;
    for (const carrier of carriers) {
      const matched = this.list().filter((c) => c.carriers.includes(carrier));
      if (matched.length === 0) out.push({ carrier, channel: manual });
      for (const channel of matched) out.push({ carrier, channel });
    }
    return out;
  }
}
