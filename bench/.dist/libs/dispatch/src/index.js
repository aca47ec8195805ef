export * from './queues.js';
export * from './delivery-status.js';
export * from './views.js';
export * from './errors.js';
export * from './dispatch.producer.js';
export * from './disclosures.service.js';
export * from './deliveries.service.js';
export * from './delivery.runner.js';
export * from './dispatch.module.js';
//# sourceMappingURL=index.js.map