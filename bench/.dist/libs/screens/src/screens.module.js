var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/src/index.js';
import { ChannelsModule } from '../../channels/src/index.js';
import { AckSettler } from './acks/ack-settler.service.js';
import { AckService } from './acks/ack.service.js';
import { FeedService } from './feed/feed.service.js';
import { GroupVersions } from './feed/group-versions.service.js';
import { ScreensHousekeeping } from './housekeeping/screens-housekeeping.service.js';
import { ScreenHub } from './live/screen-hub.service.js';
import { PresenceService } from './registry/presence.service.js';
import { ScreenAuth } from './registry/screen-auth.service.js';
import { ScreenGroupsService } from './registry/screen-groups.service.js';
import { ScreenRegistry } from './registry/screen-registry.service.js';
import { ScreensCoreModule } from './screens-core.module.js';
const providers = [
    ScreenGroupsService, ScreenAuth, PresenceService, ScreenRegistry, GroupVersions, FeedService, ScreenHub, AckService, AckSettler,
    ScreensHousekeeping,
];
/** The screens side of the API: registry, feeds, live push, acknowledgements and the housekeeping behind them. */
let ScreensModule = class ScreensModule {
};
ScreensModule = __decorate([
    Module({
        imports: [ScreensCoreModule, ChannelsModule, AuditModule],
        providers,
        exports: [...providers, ScreensCoreModule],
    })
], ScreensModule);
export { ScreensModule };
