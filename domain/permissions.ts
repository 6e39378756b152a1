// Roles and the permission rules an organisation admin can switch per role. A user may hold
// several roles; a permission is granted when any of them allows it.

export const roles = ['admin', 'supervisor', 'professional', 'signer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'persons.delete',
  'interventions.reopen',
  'interventions.bulk',
  'interventions.assign_others',
  'catalogue.manage',
  'users.manage',
  'permissions.manage',
  'organisation.manage',
  'mail.view',
  'workflows.inspect',
] as const;
export type Permission = (typeof permissions)[number];

/** Defaults for a new organisation; the seed's "Borrar usuarios" rule is off for professionals. */
export const defaultRules: Record<Role, readonly Permission[]> = {
  admin: permissions,
  supervisor: ['interventions.reopen', 'interventions.bulk', 'interventions.assign_others', 'workflows.inspect'],
  professional: [],
  signer: [],
};

/** Rules an admin cannot take away from admins, so nobody locks the organisation out. */
export const lockedForAdmin: readonly Permission[] = ['users.manage', 'permissions.manage'];

export type RuleOverrides = ReadonlyArray<{ role: string; permission: string; allowed: boolean }>;

export function isAllowed(role: Role, permission: Permission, overrides: RuleOverrides): boolean {
  if (role === 'admin' && lockedForAdmin.includes(permission)) return true;
  const override = overrides.find((o) => o.role === role && o.permission === permission);
  return override ? override.allowed : defaultRules[role].includes(permission);
}

export function effectivePermissions(userRoles: readonly string[], overrides: RuleOverrides): Permission[] {
  const held = userRoles.filter((r): r is Role => (roles as readonly string[]).includes(r));
  return permissions.filter((p) => held.some((r) => isAllowed(r, p, overrides)));
}
