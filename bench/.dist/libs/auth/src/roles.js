export const ROLES = ['editor', 'reviewer', 'publisher', 'auditor', 'admin'];
//# sourceMappingURL=roles.js.map