// Who must be accredited to work in the CPI's pages (issue 13).
import { describe, expect, it } from 'vitest';
import { needsAccreditation } from '../../domain/accreditations';
import { effectivePermissions, roles } from '../../domain/permissions';

describe('accreditation rule', () => {
  it('binds CPI operators only: admins and the service centre pass, other organisations are not CPIs', () => {
    expect(needsAccreditation('cpi', ['professional'])).toBe(true);
    expect(needsAccreditation('cpi', ['supervisor', 'signer'])).toBe(true);
    expect(needsAccreditation('cpi', ['professional', 'admin'])).toBe(false);
    expect(needsAccreditation('cpi', ['service_centre'])).toBe(false);
    expect(needsAccreditation('social_services', ['professional'])).toBe(false);
  });

  it('the service centre is a role an admin can give, with no permission rule of its own', () => {
    expect(roles).toContain('service_centre');
    expect(effectivePermissions(['service_centre'], [])).toEqual([]);
  });
});
