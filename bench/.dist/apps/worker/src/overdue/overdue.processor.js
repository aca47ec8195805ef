var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a;
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OverdueMonitor } from './overdue-monitor.service.js';
import { OVERDUE_QUEUE, SWEEP_JOB } from './overdue.queue.js';
/** Runs the job scheduler's sweeps, one at a time across all workers (one job per tick, concurrency 1). */
let OverdueProcessor = class OverdueProcessor extends WorkerHost {
    monitor;
    constructor(monitor) {
        super();
        this.monitor = monitor;
    }
    async process(job) {
        if (job.name !== SWEEP_JOB)
            throw new Error(`overdue queue: unknown job ${job.name}`);
        return this.monitor.sweep(new Date());
    }
};
OverdueProcessor = __decorate([
    Processor(OVERDUE_QUEUE, { concurrency: 1 }),
    __metadata("design:paramtypes", [typeof (_a = typeof OverdueMonitor !== "undefined" && OverdueMonitor) === "function" ? _a : Object])
], OverdueProcessor);
export { OverdueProcessor };
