var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a, _b;
import { BadRequestException, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { TimelineService } from '../../../../libs/audit/src/index.js';
import { Roles } from '../../../../libs/auth/src/index.js';
import { CARRIER_LABELS } from '../../../../libs/catalogue/src/index.js';
import { ChannelRegistry, MANUAL_CHANNEL } from '../../../../libs/channels/src/index.js';
/** One disclosure's story from the audit log, in order, one zh-CN sentence per entry. */
let DisclosureTimelineController = class DisclosureTimelineController {
    timelines;
    channels;
    constructor(timelines, channels) {
        this.timelines = timelines;
        this.channels = channels;
    }
    /** `format=text` gives the sentences alone, one per line, for reading or printing. */
    async timeline(id, format, res) {
        if (format !== undefined && format !== 'json' && format !== 'text') {
            throw new BadRequestException({ message: 'format must be json or text', field: 'format' });
        }
        const t = await this.timelines.forDisclosure(id, (channel, carrier) => this.channelLabel(channel, carrier));
        if (!t)
            throw new NotFoundException(`disclosure ${id} not found`);
        if (format === 'text') {
            res.type('text/plain; charset=utf-8');
            return [`《${t.disclosure.title}》`, ...t.entries.map((e) => e.text), ''].join('\n');
        }
        return t;
    }
    channelLabel(channel, carrier) {
        const carrierLabel = carrier ? CARRIER_LABELS[carrier] ?? carrier : null;
        if (!channel)
            return carrierLabel ?? '渠道';
        if (channel === MANUAL_CHANNEL)
            return carrierLabel ? `人工任务（${carrierLabel}）` : '人工任务';
        const config = this.channels.get(channel);
        if (!config)
            return channel;
        return config.carriers.length > 1 && carrierLabel ? `${config.label}·${carrierLabel}` : config.label;
    }
};
__decorate([
    Get(':id/timeline'),
    __param(0, Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ message: 'id must be a UUID', field: 'id' }) }))),
    __param(1, Query('format')),
    __param(2, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], DisclosureTimelineController.prototype, "timeline", null);
DisclosureTimelineController = __decorate([
    Controller('disclosures'),
    Roles('auditor'),
    __metadata("design:paramtypes", [typeof (_a = typeof TimelineService !== "undefined" && TimelineService) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object])
], DisclosureTimelineController);
export { DisclosureTimelineController };
