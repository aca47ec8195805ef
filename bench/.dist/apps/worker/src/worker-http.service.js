var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var WorkerHttp_1;
var _a, _b;
import { Injectable, Logger } from '@nestjs/common';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { AppConfig } from '../../../libs/config/src/index.js';
import { redisOptions } from '../../../libs/dispatch/src/index.js';
import { registry } from '../../../libs/observability/src/index.js';
/**
 * The worker's own small HTTP port (WORKER_HTTP_PORT) for an orchestrator and Prometheus: /health/live (the
 * process runs), /health/ready (Postgres and Redis answer) and /metrics (attempt counters and latencies).
 */
let WorkerHttp = WorkerHttp_1 = class WorkerHttp {
    config;
    db;
    logger = new Logger(WorkerHttp_1.name);
    server;
    redis;
    constructor(config, db) {
        this.config = config;
        this.db = db;
    }
    async onApplicationBootstrap() {
        const port = this.config.get('WORKER_HTTP_PORT');
        if (!port)
            return;
        this.redis = new Redis(redisOptions(this.config.get('REDIS_URL'), { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false }));
        this.redis.on('error', () => undefined);
        this.server = http.createServer((req, res) => void this.handle(req, res));
        await new Promise((resolve) => this.server.listen(port, resolve));
        this.logger.log(`worker health and metrics on :${port}`);
    }
    async handle(req, res) {
        if (req.url === '/health/live')
            return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        if (req.url === '/health/ready' || req.url === '/health') {
            const within = (p) => Promise.race([p, new Promise((_, r) => setTimeout(() => r(new Error('timeout')), 1000).unref())]);
            const [pg, redis] = await Promise.all([
                within(this.db.query('SELECT 1')).then(() => true, () => false),
                within(this.redis.ping()).then(() => true, () => false),
            ]);
            const down = [!pg && 'postgres', !redis && 'redis'].filter(Boolean);
            res.writeHead(down.length ? 503 : 200, { 'content-type': 'application/json' });
            return void res.end(JSON.stringify(down.length ? { status: 'unavailable', down } : { status: 'ok' }));
        }
        if (req.url === '/metrics') {
            res.writeHead(200, { 'content-type': registry.contentType });
            return void res.end(await registry.metrics());
        }
        res.writeHead(404).end();
    }
    async onApplicationShutdown() {
        this.redis?.disconnect();
        if (this.server)
            await new Promise((r) => this.server.close(r));
    }
};
WorkerHttp = WorkerHttp_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object, typeof (_b = typeof DataSource !== "undefined" && DataSource) === "function" ? _b : Object])
], WorkerHttp);
export { WorkerHttp };
