var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ScheduledPublisher_1;
var _a, _b;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReviewService, draftView } from '../../../libs/review/src/index.js';
const EVERY_MS = 5000;
/**
 * Publishes approved drafts whose scheduled time has come, as the publisher who scheduled them. SKIP LOCKED lets
 * several workers share the work; the draft's idempotency key makes a re-run after a crash harmless.
 */
let ScheduledPublisher = ScheduledPublisher_1 = class ScheduledPublisher {
    db;
    review;
    logger = new Logger(ScheduledPublisher_1.name);
    timer;
    running;
    stopped = false;
    constructor(db, review) {
        this.db = db;
        this.review = review;
    }
    onApplicationBootstrap() {
        this.schedule();
    }
    async onApplicationShutdown() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running;
    }
    schedule() {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.publishDue(new Date())
                .catch((err) => this.logger.warn(`scheduled publishing: ${err.message}`))
                .finally(() => this.schedule());
        }, EVERY_MS);
    }
    async publishDue(now) {
        const due = await this.db.query(`SELECT d.*, u.username, u.roles, u.department_code AS user_department FROM drafts d JOIN users u ON u.id = d.publisher_id
       WHERE d.status = 'scheduled' AND d.scheduled_at <= $1 ORDER BY d.scheduled_at LIMIT 50`, [now]);
        let published = 0;
        for (const row of due) {
            const publisher = { kind: 'user', id: row.publisher_id, username: row.username, roles: row.roles, departmentCode: row.user_department };
            try {
                await this.review.publishNow(draftView(row), publisher);
                published++;
            }
            catch (err) {
                await this.db.query(`UPDATE drafts SET publish_error = $2, updated_at = now() WHERE id = $1`, [row.id, err.message]);
                this.logger.warn(`draft ${row.id}: scheduled publish failed: ${err.message}`);
            }
        }
        return published;
    }
};
ScheduledPublisher = ScheduledPublisher_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ReviewService !== "undefined" && ReviewService) === "function" ? _b : Object])
], ScheduledPublisher);
export { ScheduledPublisher };
