export * from './adapter.contract.js';
export * from './channels.loader.js';
export * from './channel-registry.service.js';
export * from './channels.module.js';
export * from './webhook/webhook.adapter.js';
export * from './webhook/webhook.fake.js';
export * from './webhook/webhook.signature.js';
export * from './manual/manual.adapter.js';
