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
var CalendarService_1;
var _a;
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { computeDue, workingDaysUntil } from './due-date.js';
import { resolveDueSettings } from './due-settings.js';
import { DUE_SETTINGS, HOLIDAYS_DIR } from './calendar.tokens.js';
import { WorkingCalendar } from './working-calendar.js';
/** The working calendar loaded from the holidays directory, and deadlines computed with the configured settings. */
let CalendarService = CalendarService_1 = class CalendarService {
    dir;
    logger = new Logger(CalendarService_1.name);
    settings;
    current;
    constructor(dir, settings) {
        this.dir = dir;
        // Loading in the constructor makes a bad holiday file stop the process at boot, not at the first deadline.
        this.settings = resolveDueSettings(settings);
        this.current = this.load();
    }
    get calendar() {
        return this.current;
    }
    /** Re-reads the directory; the old calendar stays in force when a file is bad (the error is thrown). */
    reload() {
        this.current = this.load();
        return this.current;
    }
    computeDue(limit, input, overrides) {
        return computeDue(limit, input, this.current, { ...this.settings, ...overrides });
    }
    workingDaysUntil(now, dueAt) {
        return workingDaysUntil(now, dueAt, this.current);
    }
    load() {
        const cal = WorkingCalendar.fromDirectory(this.dir);
        this.logger.log(`holiday arrangements loaded for ${cal.years().join(', ')} from ${this.dir}`);
        return cal;
    }
};
CalendarService = CalendarService_1 = __decorate([
    Injectable(),
    __param(0, Inject(HOLIDAYS_DIR)),
    __param(1, Optional()),
    __param(1, Inject(DUE_SETTINGS)),
    __metadata("design:paramtypes", [String, typeof (_a = typeof Partial !== "undefined" && Partial) === "function" ? _a : Object])
], CalendarService);
export { CalendarService };
