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
var ChannelRegistry_1;
var _a;
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import { ADAPTER_FACTORIES } from './adapter.contract.js';
import { ChannelsConfigError, loadChannelsFile, MANUAL_CHANNEL } from './channels.loader.js';
/**
 * The configured channels and their adapters. Resolution is carrier → channels: a carrier the catalogue
 * ticks but config/channels.yaml maps to nothing becomes a manual task, so nothing is silently dropped.
 */
let ChannelRegistry = ChannelRegistry_1 = class ChannelRegistry {
    config;
    factories;
    logger = new Logger(ChannelRegistry_1.name);
    channels = new Map();
    adapters = new Map();
    constructor(config, factories) {
        this.config = config;
        this.factories = factories;
    }
    onModuleInit() {
        const configs = loadChannelsFile(this.config.channelsFile);
        const byType = new Map(this.factories.map((f) => [f.type, f]));
        const problems = [];
        for (const c of configs) {
            const factory = byType.get(c.type);
            if (!factory) {
                problems.push(`channels: channel ${c.name}: type: unknown adapter type "${c.type}" (known: ${[...byType.keys()].join(', ')})`);
                continue;
            }
            const adapter = factory.create(c);
            problems.push(...adapter.checkConfig());
            this.channels.set(c.name, c);
            this.adapters.set(c.name, adapter);
        }
        if (problems.length)
            throw new ChannelsConfigError(problems.join('\n'));
        this.logger.log(`channels: ${[...this.channels.keys()].join(', ')}`);
    }
    list() {
        return [...this.channels.values()];
    }
    get(name) {
        return this.channels.get(name);
    }
    adapter(name) {
        const a = this.adapters.get(name);
        if (!a)
            throw new Error(`no adapter for channel ${name}`);
        return a;
    }
    resolve(carriers) {
        const out = [];
        const manual = this.channels.get(MANUAL_CHANNEL);
        for (const carrier of carriers) {
            const matched = this.list().filter((c) => c.carriers.includes(carrier));
            if (matched.length === 0)
                out.push({ carrier, channel: manual });
            for (const channel of matched)
                out.push({ carrier, channel });
        }
        return out;
    }
};
ChannelRegistry = ChannelRegistry_1 = __decorate([
    Injectable(),
    __param(1, Inject(ADAPTER_FACTORIES)),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object, Array])
], ChannelRegistry);
export { ChannelRegistry };
