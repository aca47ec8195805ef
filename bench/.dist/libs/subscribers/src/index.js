export * from './addresses.js';
export * from './topics.js';
export * from './tokens.js';
export * from './push.contract.js';
export * from './push-recipients.repository.js';
export * from './push.producer.js';
export * from './push-fanout.service.js';
export * from './push-records.service.js';
export * from './subscribers.service.js';
export * from './subscribers.module.js';
//# sourceMappingURL=index.js.map