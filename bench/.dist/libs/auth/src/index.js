export * from './roles.js';
export * from './auth.decorators.js';
export * from './password.js';
export * from './auth.service.js';
export * from './auth.guard.js';
export * from './auth.module.js';
export * from './login-throttle.service.js';
