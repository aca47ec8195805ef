import { Injectable } from '@nestjs/common';
import type { AdapterFactory, ChannelAdapter, ChannelConfig, SendOutcome } from '../adapter.contract.js';

/**
 * Carriers no machine reaches (press conferences, radio, print, door-to-door …): the delivery becomes a task
 * for the responsible office, done when a person confirms it with evidence.
 */
export class ManualAdapter implements ChannelAdapter {
  readonly type = 'manual';
  readonly idempotent = true;
  checkConfig(): string[] {
    return [];
  }
  async send(): Promise<SendOutcome> {
    return { status: 'awaiting_confirmation' };
  }
}

@Injectable()
export class ManualAdapterFactory implements AdapterFactory {
  readonly type = 'manual';
  create(_channel: ChannelConfig): ChannelAdapter {
    return new ManualAdapter();
  }
}
