export * from './carriers.js';
export * from './catalogue.schema.js';
export * from './catalogue.loader.js';
export * from './catalogue.service.js';
export * from './catalogue.module.js';
export * from './table/time-limit-phrase.js';
export * from './table/table-columns.js';
export * from './table/table-codec.js';
export * from './table/spreadsheet-io.js';
export * from './table/catalogue-transfer.service.js';
//# sourceMappingURL=index.js.map