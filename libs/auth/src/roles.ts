export const ROLES = ['editor', 'reviewer', 'publisher', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in caller, as the guard puts it on the request. */
export interface Principal {
  kind: 'user';
  id: string;
  username: string;
  roles: Role[];
  departmentCode: string | null;
}
