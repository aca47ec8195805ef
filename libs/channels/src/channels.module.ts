import { Module } from '@nestjs/common';
import { ADAPTER_FACTORIES, type AdapterFactory } from './adapter.contract.js';
import { ChannelRegistry } from './channel-registry.service.js';
import { ManualAdapterFactory } from './manual/manual.adapter.js';
import { WebhookAdapterFactory } from './webhook/webhook.adapter.js';

/** Every adapter type is a factory provider; add a new one to `factories` and it can be named in channels.yaml. */
const factories = [WebhookAdapterFactory, ManualAdapterFactory];

@Module({
  providers: [
    ...factories,
    { provide: ADAPTER_FACTORIES, inject: factories, useFactory: (...list: AdapterFactory[]) => list },
    ChannelRegistry,
  ],
  exports: [ChannelRegistry],
})
export class ChannelsModule {}
