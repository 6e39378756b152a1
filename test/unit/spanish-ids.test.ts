// NIF, NIE and CIF as SEPE and employers use them: shape and control character, and the CV's
// mapping to SEPE's codes (NIVEL_FORMATIVO, sex, disability, immigrant).
import { describe, expect, it } from 'vitest';
import { cardReminderAt, cardReminderDay, educationLevelCodes, sepeEducationLevel, sepeWorkerData } from '../../domain/employment-cv';
import { checkEmployerId, checkSpanishId, checkWorkerId, cifControl, isValidCif, isValidNie, isValidNif, spanishIdKind } from '../../domain/spanish-ids';

describe('Spanish ids', () => {
  it('accepts a NIF with its right letter, in any spelling, and refuses a wrong letter', () => {
    expect(isValidNif('12345678Z')).toBe(true);
    expect(isValidNif('12.345.678-z')).toBe(true);
    expect(isValidNif('12345678A')).toBe(false);
    expect(isValidNif('00000000T')).toBe(true);
    // K/L/M NIFs take the DNI letter of their seven digits.
    expect(isValidNif('K1234567L')).toBe(true);
    expect(isValidNif('K1234567Z')).toBe(false);
  });

  it('accepts NIEs starting with X, Y and Z by their letter', () => {
    expect(isValidNie('X1234567L')).toBe(true);
    expect(isValidNie('Y1234567X')).toBe(true);
    expect(isValidNie('Z1234567R')).toBe(true);
    expect(isValidNie('X1234567A')).toBe(false);
  });

  it('checks a CIF by its control digit or letter as its entity type demands', () => {
    expect(cifControl('5881850')).toEqual({ digit: '1', letter: 'A' });
    expect(isValidCif('B58818501')).toBe(true); // a limited company ends in a digit
    expect(isValidCif('B5881850A')).toBe(false);
    expect(isValidCif('Q2826000H')).toBe(true); // a public body ends in a letter
    expect(isValidCif('Q28260008')).toBe(false);
    expect(isValidCif('G28260008')).toBe(true); // an association may end in either
    expect(isValidCif('G2826000H')).toBe(true);
    expect(isValidCif('B58818502')).toBe(false);
    expect(isValidCif('I58818501')).toBe(false); // no such entity letter
  });

  it('tells the format problem from the check-character problem, and which kinds a use accepts', () => {
    expect(spanishIdKind('x1234567l')).toBe('nie');
    expect(checkSpanishId('1234')).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkSpanishId('12345678A')).toEqual({ ok: false, problem: 'invalid_check_character' });
    expect(checkWorkerId(' 12345678-z ')).toEqual({ ok: true, kind: 'nif', value: '12345678Z' });
    expect(checkWorkerId('B58818501')).toEqual({ ok: false, problem: 'invalid_format' });
    expect(checkEmployerId('B58818501')).toEqual({ ok: true, kind: 'cif', value: 'B58818501' });
  });
});

describe('CV to SEPE codes', () => {
  it('maps the highest education level to NIVEL_FORMATIVO (00/10/20/30)', () => {
    expect(sepeEducationLevel([])).toBe('00');
    expect(sepeEducationLevel(['none'])).toBe('00');
    expect(sepeEducationLevel(['primary'])).toBe('10');
    expect(sepeEducationLevel(['primary', 'lower_secondary'])).toBe('20');
    expect(sepeEducationLevel(['vocational_intermediate'])).toBe('20');
    expect(sepeEducationLevel(['university_degree', 'upper_secondary'])).toBe('30');
    expect(sepeEducationLevel(['vocational_higher'])).toBe('30');
    for (const level of educationLevelCodes) expect(['00', '10', '20', '30']).toContain(sepeEducationLevel([level]));
  });

  it('gives the worker data of an ACCION: sex 1/2, disability and immigrant S/N', () => {
    const base = { education: [{ level: 'upper_secondary' as const }], disability: false, immigrant: true, unemploymentBenefit: true, insertionGroups: [] };
    expect(sepeWorkerData({ ...base, sex: 'female' })).toEqual({ educationLevel: '20', sex: '2', disability: 'N', immigrant: 'S', benefitRecipient: true, insertionDifficulty: false });
    expect(sepeWorkerData({ ...base, sex: 'male', disability: true, immigrant: false })).toMatchObject({ sex: '1', disability: 'S', immigrant: 'N', insertionDifficulty: true });
    expect(sepeWorkerData({ ...base, sex: null, insertionGroups: ['over_45'] })).toMatchObject({ sex: null, insertionDifficulty: true });
  });

  it('plans a card reminder 30 days before expiry at 09:00 in the organisation time zone', () => {
    expect(cardReminderDay('2027-03-31', 30)).toBe('2027-03-01');
    expect(cardReminderAt('2027-03-31', 30, 'Europe/Madrid').toISOString()).toBe('2027-03-01T08:00:00.000Z');
    // Summer time: 09:00 in Madrid is 07:00 UTC.
    expect(cardReminderAt('2027-07-31', 30, 'Europe/Madrid').toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });
});
