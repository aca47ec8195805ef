export * from './logging.module.js';
export * from './metrics.js';
export * from './state-metrics.js';
