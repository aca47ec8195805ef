export * from './docx-to-body.js';
