import { BadRequestException, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TimelineService } from '../../../../libs/audit/src/index.js';
import { Roles } from '../../../../libs/auth/src/index.js';
import { CARRIER_LABELS, type Carrier } from '../../../../libs/catalogue/src/index.js';
import { ChannelRegistry, MANUAL_CHANNEL } from '../../../../libs/channels/src/index.js';

/** One disclosure's story from the audit log, in order, one zh-CN sentence per entry. */
@Controller('disclosures')
@Roles('auditor')
export class DisclosureTimelineController {
  constructor(
    private readonly timelines: TimelineService,
    private readonly channels: ChannelRegistry,
  ) {}

  /** `format=text` gives the sentences alone, one per line, for reading or printing. */
  @Get(':id/timeline')
  async timeline(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ message: 'id must be a UUID', field: 'id' }) })) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'text') {
      throw new BadRequestException({ message: 'format must be json or text', field: 'format' });
    }
    const t = await this.timelines.forDisclosure(id, (channel, carrier) => this.channelLabel(channel, carrier));
    if (!t) throw new NotFoundException(`disclosure ${id} not found`);
    if (format === 'text') {
      res.type('text/plain; charset=utf-8');
      return [`《${t.disclosure.title}》`, ...t.entries.map((e) => e.text), ''].join('\n');
    }
    return t;
  }

  private channelLabel(channel: string | null, carrier: string | null): string {
    const carrierLabel = carrier ? CARRIER_LABELS[carrier as Carrier] ?? carrier : null;
    if (!channel) return carrierLabel ?? '渠道';
    if (channel === MANUAL_CHANNEL) return carrierLabel ? `人工任务（${carrierLabel}）` : '人工任务';
    const config = this.channels.get(channel);
    if (!config) return channel;
    return config.carriers.length > 1 && carrierLabel ? `${config.label}·${carrierLabel}` : config.label;
  }
}
