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
import { Controller, Get } from '@nestjs/common';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
let ChannelsController = class ChannelsController {
    channels;
    constructor(channels) {
        this.channels = channels;
    }
    list() {
        return {
            items: this.channels.list().map((c) => ({
                name: c.name, type: c.type, label: c.label, carriers: c.carriers, queue: c.queue,
                idempotent: this.channels.adapter(c.name).idempotent,
            })),
        };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], ChannelsController.prototype, "list", null);
ChannelsController = __decorate([
    Controller('channels'),
    __metadata("design:paramtypes", [typeof (_a = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _a : Object])
], ChannelsController);
export { ChannelsController };
