export { isIsoDate } from './iso-date.js';
export * from './shanghai-time.js';
export * from './holiday-year.js';
export * from './holiday-directory.js';
export * from './working-calendar.js';
export * from './time-limit.js';
export * from './due-settings.js';
export * from './due-date.js';
export * from './calendar.tokens.js';
export * from './calendar.service.js';
export * from './calendar.module.js';
//# sourceMappingURL=index.js.map