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
var _a, _b, _c;
import { InjectFlowProducer } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { FlowProducer, Queue } from 'bullmq';
import { AppConfig } from '../../config/src/index.js';
import { ChannelRegistry } from '../../channels/src/index.js';
import { channelQueue, deliveryJobId, DISCLOSURE_QUEUE, disclosureJobId, FLOW_PRODUCER } from './queues.js';
/**
 * Puts committed work on the queues. Called after the Postgres commit; when Redis is unreachable it fails
 * fast (bounded by ENQUEUE_TIMEOUT_MS) and the outbox relay re-drives the disclosure later.
 */
let DispatchProducer = class DispatchProducer {
    flows;
    channels;
    config;
    queues = new Map();
    constructor(flows, channels, config) {
        this.flows = flows;
        this.channels = channels;
        this.config = config;
    }
    jobOptions(channel) {
        const q = this.channels.get(channel)?.queue;
        return {
            attempts: q?.attempts ?? 5,
            backoff: { type: 'exponential', delay: q?.backoffMs ?? 2000, jitter: 0.5 },
            // completed jobs are not needed (the row is the record); failed ones stay for operators to inspect
            removeOnComplete: { age: 3600, count: 10000 },
            removeOnFail: false,
        };
    }
    /** A parent job for the disclosure and a child per delivery, each on its channel's queue. */
    async enqueueDisclosure(disclosureId, deliveries) {
        await this.withTimeout(this.flows.add({
            name: 'disclosure.settle',
            queueName: DISCLOSURE_QUEUE,
            data: { disclosureId },
            opts: { jobId: disclosureJobId(disclosureId), removeOnComplete: { age: 3600 }, removeOnFail: false },
            children: deliveries.map((d) => ({
                name: 'delivery.send',
                queueName: channelQueue(d.channel),
                data: { deliveryId: d.id },
                // a child that fails for good must not hold the parent forever
                opts: { ...this.jobOptions(d.channel), jobId: deliveryJobId(d.id, d.generation), ignoreDependencyOnFailure: true },
            })),
        }));
    }
    /** A single delivery again (manual retry or a job the queue lost), outside the original flow. */
    async enqueueDelivery(d) {
        await this.withTimeout(this.queue(d.channel).add('delivery.send', { deliveryId: d.id }, {
            ...this.jobOptions(d.channel),
            jobId: deliveryJobId(d.id, d.generation),
        }));
    }
    async jobState(channel, jobId) {
        const job = await this.withTimeout(this.queue(channel).getJob(jobId));
        return job ? await this.withTimeout(job.getState()) : null;
    }
    queue(channel) {
        let q = this.queues.get(channel);
        if (!q) {
            q = new Queue(channelQueue(channel), { connection: this.flows.opts.connection, prefix: this.config.get('QUEUE_PREFIX') });
            this.queues.set(channel, q);
        }
        return q;
    }
    async onModuleDestroy() {
        await Promise.all([...this.queues.values()].map((q) => q.close()));
    }
    async withTimeout(p) {
        const ms = this.config.get('ENQUEUE_TIMEOUT_MS');
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
        });
        try {
            return await Promise.race([p, timeout]);
        }
        finally {
            clearTimeout(timer);
        }
    }
};
DispatchProducer = __decorate([
    Injectable(),
    __param(0, InjectFlowProducer(FLOW_PRODUCER)),
    __metadata("design:paramtypes", [typeof (_a = typeof FlowProducer !== "undefined" && FlowProducer) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _c : Object])
], DispatchProducer);
export { DispatchProducer };
