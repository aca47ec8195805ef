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
import { Injectable } from '@nestjs/common';
import { ChannelRegistry } from '../../../channels/src/index.js';
import { parseScreensSettings } from '../notices/screens-settings.js';
/** The screen groups config/channels.yaml declares (settings.groups of each `screens` channel). */
let ScreenGroupsService = class ScreenGroupsService {
    channels;
    cache;
    constructor(channels) {
        this.channels = channels;
    }
    list() {
        return [...this.map().values()];
    }
    get(code) {
        return this.map().get(code);
    }
    /** The display settings of the channel that puts notices on screens (for re-rendering an updated record). */
    channelSettings(channel) {
        const c = this.channels.get(channel);
        return c && c.type === 'screens' ? parseScreensSettings(c.name, c.settings).settings : undefined;
    }
    map() {
        if (!this.cache) {
            this.cache = new Map();
            for (const c of this.channels.list().filter((x) => x.type === 'screens')) {
                for (const g of parseScreensSettings(c.name, c.settings).settings?.groups ?? []) {
                    // the first channel naming a group owns it; a second one would put every notice twice on those screens
                    if (!this.cache.has(g.code))
                        this.cache.set(g.code, { ...g, channel: c.name });
                }
            }
        }
        return this.cache;
    }
};
ScreenGroupsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _a : Object])
], ScreenGroupsService);
export { ScreenGroupsService };
