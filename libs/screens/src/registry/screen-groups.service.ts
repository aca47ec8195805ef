import { Injectable } from '@nestjs/common';
import { ChannelRegistry } from '../../../channels/src/index.js';
import { parseScreensSettings, type ScreenGroup } from '../notices/screens-settings.js';

export interface ConfiguredGroup extends ScreenGroup {
  channel: string;
}

/** The screen groups config/channels.yaml declares (settings.groups of each `screens` channel). */
@Injectable()
export class ScreenGroupsService {
  private cache?: Map<string, ConfiguredGroup>;

  constructor(private readonly channels: ChannelRegistry) {}

  list(): ConfiguredGroup[] {
    return [...this.map().values()];
  }

  get(code: string): ConfiguredGroup | undefined {
    return this.map().get(code);
  }

  /** The display settings of the channel that puts notices on screens (for re-rendering an updated record). */
  channelSettings(channel: string) {
    const c = this.channels.get(channel);
    return c && c.type === 'screens' ? parseScreensSettings(c.name, c.settings).settings : undefined;
  }

  private map(): Map<string, ConfiguredGroup> {
    if (!this.cache) {
      this.cache = new Map();
      for (const c of this.channels.list().filter((x) => x.type === 'screens')) {
        for (const g of parseScreensSettings(c.name, c.settings).settings?.groups ?? []) {
          // the first channel naming a group owns it; a second one would put every notice twice on those screens
          if (!this.cache.has(g.code)) this.cache.set(g.code, { ...g, channel: c.name });
        }
      }
    }
    return this.cache;
  }
}
