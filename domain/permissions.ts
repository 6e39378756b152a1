// Roles and the permission rules an organisation admin can switch per role, or grant to one
// person (the seed's "Borrar usuarios" for "aquellos profesionales que decidáis"). A user may hold
// several roles; a permission is granted when any of them allows it or it was granted to them.

export const roles = ['admin', 'supervisor', 'professional', 'signer', 'service_centre'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'persons.delete',
  'persons.update',
  'interventions.reopen',
  'interventions.bulk',
  'interventions.assign_others',
  'interventions.assign_team',
  'catalogue.manage',
  'users.manage',
  'permissions.manage',
  'organisation.manage',
  'mail.view',
  'workflows.inspect',
] as const;
export type Permission = (typeof permissions)[number];

/** Defaults for a new organisation; the seed's "Borrar usuarios" rule is off for professionals. */
// persons.update: the CV data of a person file (Formación y empleo); signers and the CPI's service
// centre read files but do not edit them.
export const defaultRules: Record<Role, readonly Permission[]> = {
  admin: permissions,
  // The Temporal UI shows every case's raw history: admins only unless a rule says otherwise.
  supervisor: ['persons.update', 'interventions.reopen', 'interventions.bulk', 'interventions.assign_others', 'interventions.assign_team'],
  // A professional hands a case to a colleague of their own unit (equipo), not to anyone.
  professional: ['persons.update', 'interventions.assign_team'],
  signer: [],
  // The CPI's service centre (Centro Servizi) approves operators' accreditations: a role, not a rule.
  service_centre: [],
};

/** Rules an admin cannot take away from admins, so nobody locks the organisation out. */
export const lockedForAdmin: readonly Permission[] = ['users.manage', 'permissions.manage'];

export type RuleOverrides = ReadonlyArray<{ role: string; permission: string; allowed: boolean }>;

export function isAllowed(role: Role, permission: Permission, overrides: RuleOverrides): boolean {
  if (role === 'admin' && lockedForAdmin.includes(permission)) return true;
  const override = overrides.find((o) => o.role === role && o.permission === permission);
  return override ? override.allowed : defaultRules[role].includes(permission);
}

/** Rules granted to one person on top of their roles'. */
export type PersonalGrants = readonly string[];

export function effectivePermissions(userRoles: readonly string[], overrides: RuleOverrides, grants: PersonalGrants = []): Permission[] {
  const held = userRoles.filter((r): r is Role => (roles as readonly string[]).includes(r));
  return permissions.filter((p) => grants.includes(p) || held.some((r) => isAllowed(r, p, overrides)));
}
