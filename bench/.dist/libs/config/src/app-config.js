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
import { ConfigService } from '@nestjs/config';
import * as path from 'node:path';
/** Typed, already-validated settings. Inject this instead of reading process.env. */
let AppConfig = class AppConfig {
    config;
    constructor(config) {
        this.config = config;
    }
    get(key) {
        return this.config.get(key, { infer: true });
    }
    get configDir() {
        return path.resolve(this.get('CONFIG_DIR'));
    }
    get channelsFile() {
        return path.resolve(this.get('CHANNELS_FILE') ?? path.join(this.configDir, 'channels.yaml'));
    }
    get cataloguesDir() {
        return path.resolve(this.get('CATALOGUES_DIR') ?? path.join(this.configDir, 'catalogues'));
    }
};
AppConfig = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof ConfigService !== "undefined" && ConfigService) === "function" ? _a : Object])
], AppConfig);
export { AppConfig };
