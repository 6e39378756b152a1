// What workflows show in the Temporal UI now comes from the catalogues; in the source language
// it reads exactly as the texts the workflows used to build themselves.
import { describe, expect, it } from 'vitest';
import { locales, t, TEMPORAL_UI_LOCALE } from '../../domain/i18n';

describe('Temporal UI texts', () => {
  it('read in Spanish as before the catalogues', () => {
    expect(TEMPORAL_UI_LOCALE).toBe('es');
    const details = (overdue: number) =>
      t('es', 'temporal.intervention.details', {
        code: 'INT-000042', status: '@intervention.status.in_progress', covered: 1, total: 3, pending: 2,
        overdue: overdue ? t('es', 'temporal.intervention.overdue', { count: overdue }) : '',
      });
    expect(details(1)).toBe('Intervención INT-000042 · en curso · necesidades cubiertas 1/3 · seguimientos pendientes 2 (1 vencidos)');
    expect(details(0)).toBe('Intervención INT-000042 · en curso · necesidades cubiertas 1/3 · seguimientos pendientes 2');
    expect(t('es', 'temporal.follow_up.summary', { code: 'INT-000042' })).toBe('Seguimiento de INT-000042');
    expect(t('es', 'temporal.follow_up.details', { code: 'INT-000042', stage: 'due', nextAt: '—' })).toBe('Seguimiento de INT-000042: due; siguiente aviso —');
    expect(t('es', 'temporal.invitation.details', { status: 'pending', expiresAt: '2030-01-01T00:00:00.000Z' })).toBe('Invitación pending; caduca 2030-01-01T00:00:00.000Z');
    expect(
      t('es', 'temporal.communication.details', {
        registryNumber: 'VE-2030-000001', status: 'pending_signature',
        signatures: t('es', 'temporal.communication.signatures', { signed: 1, total: 2, mode: 'cascade' }),
        forwards: t('es', 'temporal.communication.forwards', { count: 1 }),
      }),
    ).toBe('Comunicación VE-2030-000001: pending_signature; firmas 1/2 (cascade); reenviada 1 vez/veces');
  });

  it('exist in every language', () => {
    const keys = ['temporal.intervention.details', 'temporal.intervention.overdue', 'temporal.follow_up.summary', 'temporal.follow_up.details', 'temporal.invitation.details', 'temporal.communication.details'];
    for (const key of keys) expect(t('es', key)).not.toBe(key);
    // A key missing in it or en would fall back to the Spanish text.
    for (const locale of locales.filter((l) => l !== 'es')) for (const key of keys) expect(t(locale, key), `${locale} ${key}`).not.toBe(t('es', key));
    expect(t('it', 'temporal.intervention.details', { code: 'X', status: '@intervention.status.open', covered: 0, total: 1, pending: 0, overdue: '' })).toContain('aperto');
  });
});
