var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var CalendarModule_1;
import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';
import { DUE_SETTINGS, HOLIDAYS_DIR } from './calendar.tokens.js';
/** Global: one calendar per process, used by the API, the dispatcher and the overdue monitor alike. */
let CalendarModule = CalendarModule_1 = class CalendarModule {
    static forRoot(dir, settings) {
        return {
            module: CalendarModule_1,
            global: true,
            providers: [{ provide: HOLIDAYS_DIR, useValue: dir }, { provide: DUE_SETTINGS, useValue: settings ?? {} }, CalendarService],
            exports: [CalendarService],
        };
    }
    /** For a directory known only from injected configuration (e.g. AppConfig.configDir + '/holidays'). */
    static forRootAsync(options) {
        const OPTIONS = 'CALENDAR_MODULE_OPTIONS';
        return {
            module: CalendarModule_1,
            global: true,
            imports: options.imports ?? [],
            providers: [
                { provide: OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
                { provide: HOLIDAYS_DIR, inject: [OPTIONS], useFactory: (o) => o.holidaysDir },
                { provide: DUE_SETTINGS, inject: [OPTIONS], useFactory: (o) => o.settings ?? {} },
                CalendarService,
            ],
            exports: [CalendarService],
        };
    }
};
CalendarModule = CalendarModule_1 = __decorate([
    Module({})
], CalendarModule);
export { CalendarModule };
