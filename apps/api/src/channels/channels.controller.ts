import { Controller, Get } from '@nestjs/common';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';

@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelRegistry) {}

  @Get()
  list() {
    return {
      items: this.channels.list().map((c) => ({
        name: c.name, type: c.type, label: c.label, carriers: c.carriers, queue: c.queue,
        idempotent: this.channels.adapter(c.name).idempotent,
      })),
    };
  }
}
