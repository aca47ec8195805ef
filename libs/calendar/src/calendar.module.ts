import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';
import { DUE_SETTINGS, HOLIDAYS_DIR } from './calendar.tokens.js';
import type { DueSettings } from './due-settings.js';

export interface CalendarModuleOptions {
  holidaysDir: string;
  settings?: Partial<DueSettings>;
}

/** Global: one calendar per process, used by the API, the dispatcher and the overdue monitor alike. */
@Module({})
export class CalendarModule {
  static forRoot(dir: string, settings?: Partial<DueSettings>): DynamicModule {
    return {
      module: CalendarModule,
      global: true,
      providers: [{ provide: HOLIDAYS_DIR, useValue: dir }, { provide: DUE_SETTINGS, useValue: settings ?? {} }, CalendarService],
      exports: [CalendarService],
    };
  }

  /** For a directory known only from injected configuration (e.g. AppConfig.configDir + '/holidays'). */
  static forRootAsync(options: {
    imports?: ModuleMetadata['imports'];
    inject?: FactoryProvider['inject'];
    useFactory: (...args: any[]) => CalendarModuleOptions | Promise<CalendarModuleOptions>;
  }): DynamicModule {
    const OPTIONS = 'CALENDAR_MODULE_OPTIONS';
    return {
      module: CalendarModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        { provide: HOLIDAYS_DIR, inject: [OPTIONS], useFactory: (o: CalendarModuleOptions) => o.holidaysDir },
        { provide: DUE_SETTINGS, inject: [OPTIONS], useFactory: (o: CalendarModuleOptions) => o.settings ?? {} },
        CalendarService,
      ],
      exports: [CalendarService],
    };
  }
}
