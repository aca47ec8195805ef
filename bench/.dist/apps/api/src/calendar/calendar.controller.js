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
var _a, _b;
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { CalendarService } from '../../../../libs/calendar/src/index.js';
import { parseDueDateQuery } from './due-date.query.js';
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** Read-only calendar look-ups for the console: the year's arrangement and a due-date calculator. */
let CalendarController = class CalendarController {
    calendar;
    constructor(calendar) {
        this.calendar = calendar;
    }
    // Declared before ':year' so Express does not route /calendar/due-date to the year handler.
    dueDate(query) {
        const { limit, input } = parseDueDateQuery(query, new Date());
        const r = this.calendar.computeDue(limit, input);
        return {
            dueDate: r.dueDate,
            dueAt: r.dueAt?.toISOString() ?? null,
            provisional: r.provisional,
            ...(r.waiting ? { waiting: r.waiting } : {}),
            ...(r.warning ? { warning: r.warning } : {}),
        };
    }
    year(raw) {
        const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
        if (!(year >= MIN_YEAR && year <= MAX_YEAR))
            throw new BadRequestException(`year must be a number from ${MIN_YEAR} to ${MAX_YEAR}`);
        return this.calendar.calendar.year(year);
    }
};
__decorate([
    Get('due-date'),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_b = typeof Record !== "undefined" && Record) === "function" ? _b : Object]),
    __metadata("design:returntype", Object)
], CalendarController.prototype, "dueDate", null);
__decorate([
    Get(':year'),
    __param(0, Param('year')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Object)
], CalendarController.prototype, "year", null);
CalendarController = __decorate([
    Controller('calendar'),
    __metadata("design:paramtypes", [typeof (_a = typeof CalendarService !== "undefined" && CalendarService) === "function" ? _a : Object])
], CalendarController);
export { CalendarController };
