var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
/**
 * Carriers no machine reaches (press conferences, radio, print, door-to-door …): the delivery becomes a task
 * for the responsible office, done when a person confirms it with evidence.
 */
export class ManualAdapter {
    type = 'manual';
    idempotent = true;
    checkConfig() {
        return [];
    }
    async send() {
        return { status: 'awaiting_confirmation' };
    }
}
let ManualAdapterFactory = class ManualAdapterFactory {
    type = 'manual';
    create(_channel) {
        return new ManualAdapter();
    }
};
ManualAdapterFactory = __decorate([
    Injectable()
], ManualAdapterFactory);
export { ManualAdapterFactory };
