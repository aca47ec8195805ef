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
import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Roles } from '../../../../libs/auth/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { channelQueue, DISCLOSURE_QUEUE, DispatchProducer } from '../../../../libs/dispatch/src/index.js';
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'];
const TIMEOUT_MS = 2000;
/**
 * The admin's view of the BullMQ queues: job counts per queue, one per channel plus the disclosures queue that
 * settles each flow. Read-only; the Postgres rows stay the truth about each delivery.
 */
let AdminQueuesController = class AdminQueuesController {
    producer;
    channels;
    disclosures;
    constructor(producer, channels, disclosures) {
        this.producer = producer;
        this.channels = channels;
        this.disclosures = disclosures;
    }
    async list() {
        const queues = [
            { name: DISCLOSURE_QUEUE, channel: null, label: '公开记录汇总（flow 父任务）', queue: this.disclosures },
            ...this.channels.list().map((c) => ({ name: channelQueue(c.name), channel: c.name, label: c.label, queue: this.producer.queue(c.name) })),
        ];
        try {
            const items = await Promise.all(queues.map(async (q) => {
                const [counts, paused] = await Promise.all([within(q.queue.getJobCounts(...STATES)), within(q.queue.isPaused())]);
                return { name: q.name, channel: q.channel, label: q.label, paused, counts };
            }));
            return { items, checkedAt: new Date().toISOString() };
        }
        catch (err) {
            throw new ServiceUnavailableException({ message: `队列服务（Redis）暂时不可用：${err.message}`, field: 'redis' });
        }
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], AdminQueuesController.prototype, "list", null);
AdminQueuesController = __decorate([
    Controller('admin/queues'),
    Roles('admin'),
    __param(2, InjectQueue(DISCLOSURE_QUEUE)),
    __metadata("design:paramtypes", [typeof (_a = typeof DispatchProducer !== "undefined" && DispatchProducer) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, Object])
], AdminQueuesController);
export { AdminQueuesController };
function within(p) {
    let timer;
    return Promise.race([
        p.finally(() => clearTimeout(timer)),
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        }),
    ]);
}
