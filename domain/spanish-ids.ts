/**
 * Spanish tax and identity numbers as SEPE and employers use them: the NIF of a person (DNI, or
 * K/L/M for Spaniards without one), the NIE of a foreigner and the CIF of a company, each checked
 * by its control character. Persons' DNI and NIE reuse domain/identity-documents.ts.
 */
import { isValidDni, isValidNie, normalizeDocumentNumber } from './identity-documents';

export type SpanishIdKind = 'nif' | 'nie' | 'cif';
export type SpanishIdProblem = 'invalid_format' | 'invalid_check_character';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const KLM_SHAPE = /^[KLM]\d{7}[A-Z]$/;
const CIF_SHAPE = /^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/;
const CIF_LETTERS = 'JABCDEFGHI';
/** Companies whose CIF ends in a letter (bodies of the State, foreign entities...), or in a digit. */
const CIF_LETTER_ONLY = 'NPQRSW';
const CIF_DIGIT_ONLY = 'ABEH';

/** The control character of a CIF's seven digits: as digit and as letter (J = 0, A = 1...). */
export function cifControl(digits: string): { digit: string; letter: string } {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i]);
    if (i % 2 === 1) sum += d;
    else {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    }
  }
  const control = (10 - (sum % 10)) % 10;
  return { digit: String(control), letter: CIF_LETTERS[control] };
}

export function isValidCif(value: string): boolean {
  const v = normalizeDocumentNumber(value);
  if (!CIF_SHAPE.test(v)) return false;
  const { digit, letter } = cifControl(v.slice(1, 8));
  const last = v[8];
  if (CIF_LETTER_ONLY.includes(v[0])) return last === letter;
  if (CIF_DIGIT_ONLY.includes(v[0])) return last === digit;
  return last === digit || last === letter;
}

/** A person's NIF: a DNI, or K/L/M plus seven digits and the DNI letter of those digits. */
export function isValidNif(value: string): boolean {
  const v = normalizeDocumentNumber(value);
  if (isValidDni(v)) return true;
  return KLM_SHAPE.test(v) && DNI_LETTERS[Number(v.slice(1, 8)) % 23] === v[8];
}

export { isValidNie };

const shapes: Record<SpanishIdKind, RegExp[]> = {
  nif: [/^\d{8}[A-Z]$/, KLM_SHAPE],
  nie: [/^[XYZ]\d{7}[A-Z]$/],
  cif: [CIF_SHAPE],
};
const validators: Record<SpanishIdKind, (v: string) => boolean> = { nif: isValidNif, nie: (v) => isValidNie(normalizeDocumentNumber(v)), cif: isValidCif };

/** The kind a number has by its shape, or null when it looks like none of them. */
export function spanishIdKind(value: string): SpanishIdKind | null {
  const v = normalizeDocumentNumber(value);
  return (Object.keys(shapes) as SpanishIdKind[]).find((k) => shapes[k].some((s) => s.test(v))) ?? null;
}

export type CheckedSpanishId = { ok: true; kind: SpanishIdKind; value: string } | { ok: false; problem: SpanishIdProblem };

/**
 * A number checked as one of `accepted` kinds: normalised ("12.345.678-z" → "12345678Z"), then
 * its shape (invalid_format) and its control character (invalid_check_character).
 */
export function checkSpanishId(value: string, accepted: readonly SpanishIdKind[] = ['nif', 'nie', 'cif']): CheckedSpanishId {
  const v = normalizeDocumentNumber(value);
  const kind = spanishIdKind(v);
  if (!kind || !accepted.includes(kind)) return { ok: false, problem: 'invalid_format' };
  return validators[kind](v) ? { ok: true, kind, value: v } : { ok: false, problem: 'invalid_check_character' };
}

/** A worker's id for SEPE (ID_TRABAJADOR): a NIF or a NIE, never a CIF. */
export const checkWorkerId = (value: string) => checkSpanishId(value, ['nif', 'nie']);
/** An employer's id for SEPE (CIF_NIF_EMPRESA): a CIF, or the NIF/NIE of a self-employed employer. */
export const checkEmployerId = (value: string) => checkSpanishId(value, ['cif', 'nif', 'nie']);
