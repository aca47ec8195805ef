export * from './freshness-kind.js';
export * from './freshness-state.js';
export * from './freshness-rule.validation.js';
export * from './inspection-figures.js';
export * from './freshness.service.js';
export * from './freshness.module.js';
export * from './freshness-metrics.js';
export * from './freshness-report-html.js';
