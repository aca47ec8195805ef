export * from './draft.view.js';
export * from './review.service.js';
