var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { ScreensModule } from '../../../../libs/screens/src/index.js';
import { KioskController } from './kiosk/kiosk.controller.js';
import { ScreenFeedController } from './screen-feed.controller.js';
import { ScreenGroupsController, ScreensAdminController } from './screens-admin.controller.js';
/** Electronic notice screens over HTTP (docs/screens.md). */
let ScreensApiModule = class ScreensApiModule {
};
ScreensApiModule = __decorate([
    Module({
        imports: [ScreensModule],
        controllers: [ScreensAdminController, ScreenGroupsController, ScreenFeedController, KioskController],
    })
], ScreensApiModule);
export { ScreensApiModule };
