export * from './attachment.types.js';
export * from './attachments.service.js';
export * from './file-kinds.js';
