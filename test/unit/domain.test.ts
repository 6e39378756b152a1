import { describe, expect, it } from 'vitest';
import { negotiateLocale, t } from '../../domain/i18n';
import { effectivePermissions, isAllowed } from '../../domain/permissions';
import { toE164 } from '../../domain/phone';
import { normalizeForSearch, personSearchText, searchTerms } from '../../domain/text';

describe('search text', () => {
  it('ignores accents and case, so munoz finds Muñoz', () => {
    expect(normalizeForSearch('  MUÑOZ  Pérez ')).toBe('munoz perez');
    expect(searchTerms('Ibáñez   100%')).toEqual(['ibanez', '100']);
    const text = personSearchText({ firstName: 'María Ángeles', lastName: 'Núñez', code: 'EXP-000007', documentId: 'X1234567L' }, ['mangeles@example.org'], ['+34600111222']);
    for (const q of ['angeles', 'nunez', 'exp-000007', 'x1234567l', 'mangeles@example', '600111222', '34600111222']) {
      expect(text).toContain(q);
    }
  });
});

describe('plural forms in server texts (ICU)', () => {
  it('picks the form by the number, in each language, with # as the number', () => {
    expect(t('es', 'errors.close_blocked', { count: 1, list: 'a' })).toBe('No se puede cerrar la intervención: hay 1 seguimiento pendiente: a.');
    expect(t('es', 'errors.close_blocked', { count: 3, list: 'a' })).toBe('No se puede cerrar la intervención: hay 3 seguimientos pendientes: a.');
    expect(t('en', 'errors.csv_invalid', { count: 1 })).toBe('The file has 1 line with errors; nothing was imported.');
    expect(t('it', 'errors.csv_invalid', { count: 2 })).toBe('Il file ha 2 righe con errori; non è stato importato nulla.');
  });
});

describe('phones', () => {
  it('normalizes to E.164 with the organisation’s country as default', () => {
    expect(toE164('600 111 222', 'ES')).toBe('+34600111222');
    expect(toE164('+39 347 123 4567', 'ES')).toBe('+393471234567');
    expect(toE164('347 123 4567', 'IT')).toBe('+393471234567');
    expect(toE164('12', 'ES')).toBeNull();
    expect(toE164('not a phone', 'ES')).toBeNull();
  });
});

describe('permission rules', () => {
  it('professionals cannot delete persons by default; supervisors and admins reopen cases', () => {
    expect(isAllowed('professional', 'persons.delete', [])).toBe(false);
    expect(isAllowed('admin', 'persons.delete', [])).toBe(true);
    expect(isAllowed('supervisor', 'interventions.reopen', [])).toBe(true);
    expect(isAllowed('professional', 'interventions.reopen', [])).toBe(false);
  });

  it('an organisation’s rule overrides the default, except what keeps admins in charge', () => {
    const rules = [
      { role: 'professional', permission: 'persons.delete', allowed: true },
      { role: 'admin', permission: 'users.manage', allowed: false },
    ];
    expect(isAllowed('professional', 'persons.delete', rules)).toBe(true);
    expect(isAllowed('admin', 'users.manage', rules)).toBe(true);
    expect(effectivePermissions(['professional', 'signer'], rules)).toEqual(['persons.delete', 'persons.update', 'interventions.assign_team']);
  });

  it('a rule granted to one person adds to their roles’; the Temporal UI is for admins by default', () => {
    expect(effectivePermissions(['professional'], [], ['users.manage'])).toEqual(['persons.update', 'interventions.assign_team', 'users.manage']);
    expect(effectivePermissions(['supervisor'], [])).not.toContain('workflows.inspect');
    expect(effectivePermissions(['admin'], [])).toContain('workflows.inspect');
  });
});

describe('languages', () => {
  it('negotiates es/it/en from Accept-Language, Spanish by default', () => {
    expect(negotiateLocale('it-IT,it;q=0.9,en;q=0.8')).toBe('it');
    expect(negotiateLocale('fr-FR,en;q=0.5')).toBe('en');
    expect(negotiateLocale('de')).toBe('es');
    expect(negotiateLocale(undefined)).toBe('es');
  });

  it('translates parameters written as @keys', () => {
    expect(t('es', 'errors.invitation_not_pending', { status: '@invitation.status.expired' })).toBe('La invitación ya no está pendiente (estado: caducada).');
    expect(t('it', 'errors.invitation_not_pending', { status: '@invitation.status.expired' })).toContain('scaduto');
  });
});
