import { describe, expect, it } from 'vitest';
import { checkDocument, codiceFiscaleCheckCharacter, isValidCodiceFiscale, isValidDni, isValidNie } from '../../domain/identity-documents';

describe('[personas] identity documents are checked by their control characters', () => {
  it('DNI: the letter is the number modulo 23', () => {
    expect(isValidDni('12345678Z')).toBe(true);
    expect(isValidDni('87654321X')).toBe(true);
    expect(isValidDni('12345678A')).toBe(false);
    expect(isValidDni('1234567Z')).toBe(false);
  });

  it('NIE: X, Y, Z stand for 0, 1, 2 before the check', () => {
    expect(isValidNie('X1234567L')).toBe(true);
    expect(isValidNie('Y1234567X')).toBe(true);
    expect(isValidNie('Z1234567R')).toBe(true);
    expect(isValidNie('X1234567A')).toBe(false);
  });

  it('codice fiscale: the 16th character checks the other fifteen, omocodia included', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    // Omocodia: the last digit replaced by its letter (2 → N) gives a new, still valid code.
    const omocode = 'RSSMRA85T10A56N';
    expect(isValidCodiceFiscale(omocode + codiceFiscaleCheckCharacter(omocode))).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85X10A562S')).toBe(false); // no month X
  });

  it('types a number by its shape when none is given, normalises it, and leaves other papers as free text', () => {
    expect(checkDocument('12.345.678-z')).toEqual({ ok: true, type: 'dni', number: '12345678Z' });
    expect(checkDocument('12345678A')).toEqual({ ok: false, problem: 'invalid_dni' });
    expect(checkDocument('x1234567a')).toEqual({ ok: false, problem: 'invalid_nie' });
    expect(checkDocument('rssmra85t10a562s')).toEqual({ ok: true, type: 'codice_fiscale', number: 'RSSMRA85T10A562S' });
    expect(checkDocument('RSSMRA85T10A562T')).toEqual({ ok: false, problem: 'invalid_codice_fiscale' });
    expect(checkDocument('AB 123456', 'passport')).toEqual({ ok: true, type: 'passport', number: 'AB 123456' });
    expect(checkDocument('12345678A', 'passport')).toEqual({ ok: true, type: 'passport', number: '12345678A' });
    expect(checkDocument('X')).toEqual({ ok: true, type: 'other', number: 'X' });
    expect(checkDocument('12345678Z', 'nie')).toEqual({ ok: false, problem: 'invalid_nie' });
  });
});
