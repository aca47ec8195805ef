export * from './detectors.js';
export * from './expressions.js';
export * from './checker.js';
export * from './content-check.errors.js';
export * from './content-check.service.js';
