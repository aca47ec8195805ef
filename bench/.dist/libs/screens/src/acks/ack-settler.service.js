var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var AckSettler_1;
var _a, _b, _c;
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DeliveriesService } from '../../../dispatch/src/deliveries.service.js';
import { DeliveryProgressService, progressState } from '../notices/delivery-progress.js';
/** Acknowledgements arriving together (every screen of a group within a second) cost one check per delivery. */
const COALESCE_MS = 250;
/**
 * Keeps a pending screens delivery's progress current as acknowledgements arrive, and settles it as delivered the
 * moment every online screen of its groups shows it — without waiting for the worker's next poll, which remains the
 * fallback and applies the timeout.
 */
let AckSettler = AckSettler_1 = class AckSettler {
    db;
    tracker;
    moduleRef;
    logger = new Logger(AckSettler_1.name);
    due = new Map();
    timer;
    deliveries;
    running = Promise.resolve();
    constructor(db, tracker, moduleRef) {
        this.db = db;
        this.tracker = tracker;
        this.moduleRef = moduleRef;
    }
    onApplicationBootstrap() {
        // DeliveriesService lives in the dispatch module the API builds for itself; looked up rather than imported so
        // this module does not create a second dispatch module
        this.deliveries = this.moduleRef.get(DeliveriesService, { strict: false });
    }
    onModuleDestroy() {
        clearTimeout(this.timer);
    }
    check(deliveryId, actor) {
        this.due.set(deliveryId, actor);
        this.timer ??= setTimeout(() => {
            this.timer = undefined;
            const batch = [...this.due];
            this.due.clear();
            this.running = this.running.then(() => this.settle(batch));
        }, COALESCE_MS);
    }
    /** Resolves when the checks scheduled so far are done (tests, shutdown). */
    async idle() {
        while (this.timer || this.due.size)
            await new Promise((r) => setTimeout(r, COALESCE_MS));
        await this.running;
    }
    async settle(batch) {
        for (const [id, actor] of batch) {
            try {
                const p = await this.tracker.progress(id);
                const settled = p.complete ? { settled: 'acknowledged' } : {};
                await this.db.query(`UPDATE deliveries SET state = state || jsonb_build_object('screens', COALESCE(state->'screens', '{}'::jsonb) || $2::jsonb), updated_at = now()
           WHERE id = $1 AND awaiting_remote`, [id, JSON.stringify(progressState(p, settled))]);
                if (p.complete && this.deliveries) {
                    await this.deliveries.completeRemote(id, {
                        status: 'delivered',
                        actor,
                        details: { screens: { acknowledged: p.acknowledged.length, total: p.total, online: p.online } },
                    });
                }
            }
            catch (err) {
                this.logger.warn(`screens delivery ${id}: settling failed (the worker's poll retries): ${err.message}`);
            }
        }
    }
};
AckSettler = AckSettler_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof DeliveryProgressService !== "undefined" && DeliveryProgressService) === "function" ? _b : Object, typeof (_c = typeof ModuleRef !== "undefined" && ModuleRef) === "function" ? _c : Object])
], AckSettler);
export { AckSettler };
