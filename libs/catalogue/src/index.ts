export * from './carriers.js';
export * from './catalogue.schema.js';
export * from './catalogue.loader.js';
export * from './catalogue.service.js';
export * from './catalogue.module.js';
