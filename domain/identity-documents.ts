/**
 * Identity documents of the people served: Spanish DNI and NIE and the Italian codice fiscale are
 * checked by their control characters (a mistyped digit is caught at the desk, not months later in
 * a SEPE file); passports and other papers are free text with their type.
 */
export const documentTypes = ['dni', 'nie', 'codice_fiscale', 'passport', 'other'] as const;
export type DocumentType = (typeof documentTypes)[number];

export type DocumentProblem = 'invalid_dni' | 'invalid_nie' | 'invalid_codice_fiscale';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const DNI_SHAPE = /^\d{8}[A-Z]$/;
const NIE_SHAPE = /^[XYZ]\d{7}[A-Z]$/;
// Omocodia: when two people share a code, digits are replaced by these letters in order 0-9.
const OMOCODE = 'LMNPQRSTUV';
const CF_SHAPE = new RegExp(`^[A-Z]{6}[\\d${OMOCODE}]{2}[ABCDEHLMPRST][\\d${OMOCODE}]{2}[A-Z][\\d${OMOCODE}]{3}[A-Z]$`);

/** Upper case without spaces, dots or dashes: "12.345.678-z" and "12345678Z" are one document. */
export const normalizeDocumentNumber = (value: string) => value.toUpperCase().replace(/[\s.\-_/]/g, '');

const dniLetter = (digits: string) => DNI_LETTERS[Number(digits) % 23];

export function isValidDni(value: string): boolean {
  return DNI_SHAPE.test(value) && dniLetter(value.slice(0, 8)) === value[8];
}

export function isValidNie(value: string): boolean {
  if (!NIE_SHAPE.test(value)) return false;
  const digits = String('XYZ'.indexOf(value[0])) + value.slice(1, 8);
  return dniLetter(digits) === value[8];
}

// Values of each character in odd (1st, 3rd, …) positions, from the Ministry's decree (DM 23/12/1976).
const CF_ODD: Record<string, number> = Object.fromEntries(
  [...'0123456789'].map((d, i) => [d, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21][i]] as const).concat(
    [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map(
      (c, i) => [c, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23][i]] as const,
    ),
  ),
);
const cfEven = (c: string) => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 65);

export function codiceFiscaleCheckCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? CF_ODD[first15[i]] : cfEven(first15[i]);
  return String.fromCharCode(65 + (sum % 26));
}

export function isValidCodiceFiscale(value: string): boolean {
  return CF_SHAPE.test(value) && codiceFiscaleCheckCharacter(value.slice(0, 15)) === value[15];
}

/** The type a number has by its shape, for documents entered without one. */
export function documentTypeByShape(value: string): DocumentType {
  if (DNI_SHAPE.test(value)) return 'dni';
  if (NIE_SHAPE.test(value)) return 'nie';
  if (value.length === 16 && /^[A-Z]{6}/.test(value)) return 'codice_fiscale';
  return 'other';
}

const checks: Partial<Record<DocumentType, [(v: string) => boolean, DocumentProblem]>> = {
  dni: [isValidDni, 'invalid_dni'],
  nie: [isValidNie, 'invalid_nie'],
  codice_fiscale: [isValidCodiceFiscale, 'invalid_codice_fiscale'],
};

export type CheckedDocument = { ok: true; type: DocumentType; number: string } | { ok: false; problem: DocumentProblem };

/**
 * A document as it will be stored: normalised, typed (by its shape when no type is given) and
 * checked. A number that only looks like a DNI is still checked as one: a wrong letter is far more
 * often a typo than another kind of paper.
 */
export function checkDocument(number: string, type?: DocumentType | null): CheckedDocument {
  const kind = type ?? documentTypeByShape(normalizeDocumentNumber(number));
  const check = checks[kind];
  if (!check) return { ok: true, type: kind, number: number.trim().toUpperCase() };
  const normalized = normalizeDocumentNumber(number);
  return check[0](normalized) ? { ok: true, type: kind, number: normalized } : { ok: false, problem: check[1] };
}
