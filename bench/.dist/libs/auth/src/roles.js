export const ROLES = ['editor', 'reviewer', 'publisher', 'auditor', 'admin'];
