// The employer of a third-party job offer is identified by its Spanish tax id: a company's CIF,
// or a self-employed person's NIF or NIE. The format AND the control character are checked, so
// a mistyped digit is caught before the offer (and later the SEPE file) carries it.
// The check itself is domain/spanish-ids.ts's, the one the CV's NIF/NIE and the SEPE file use.
import { checkSpanishId } from '../spanish-ids';

/** A valid NIF, NIE or CIF (upper case, no spaces or dashes: the API normalises before asking). */
export function isValidEmployerTaxId(value: string): boolean {
  return /^[0-9A-Z]+$/.test(value) && checkSpanishId(value).ok;
}

/** The tax id as people type it ("b-12345678 ", "12.345.678-z") in the stored form. */
export const normaliseTaxId = (value: string) => value.toUpperCase().replace(/[\s.\-/]/g, '');
