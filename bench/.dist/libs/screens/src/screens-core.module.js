var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { DeliveryProgressService } from './notices/delivery-progress.js';
import { NoticePublisher } from './notices/notice-publisher.js';
import { NoticeStore } from './notices/notice-store.js';
import { ScreenSignals } from './signals/screen-signals.js';
const providers = [ScreenSignals, NoticeStore, NoticePublisher, DeliveryProgressService];
/**
 * What both processes need: the worker's screens adapter puts notices on groups, the API serves them. Depends only on
 * the global config and database, so the channels module can import it without a cycle.
 */
let ScreensCoreModule = class ScreensCoreModule {
};
ScreensCoreModule = __decorate([
    Module({ providers, exports: providers })
], ScreensCoreModule);
export { ScreensCoreModule };
