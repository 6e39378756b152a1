// The employer of a third-party job offer is identified by its Spanish tax id: a company's CIF,
// or a self-employed person's NIF or NIE. The format AND the control character are checked, so
// a mistyped digit is caught before the offer (and later the SEPE file) carries it.
// (domain/spanish-ids.ts, written in parallel, has the same checks; one of the two goes at merge.)

const NIF = /^[0-9]{8}[A-Z]$/;
const NIE = /^[XYZ][0-9]{7}[A-Z]$/;
const CIF = /^[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]$/;
/** The mod-23 control letters of the DNI/NIF (and of the NIE, its first letter read as 0, 1, 2). */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** A CIF's control as a letter: J=0, A=1 … I=9. */
const CIF_LETTERS = 'JABCDEFGHI';

function cifControl(digits: string): number {
  // Digits in odd positions (1st, 3rd, 5th, 7th) are doubled and their digits added; even ones added.
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i]);
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A valid NIF, NIE or CIF (upper case, no spaces or dashes: the API normalises before asking). */
export function isValidEmployerTaxId(value: string): boolean {
  if (NIF.test(value)) return DNI_LETTERS[Number(value.slice(0, 8)) % 23] === value[8];
  if (NIE.test(value)) {
    const number = 'XYZ'.indexOf(value[0]) + value.slice(1, 8);
    return DNI_LETTERS[Number(number) % 23] === value[8];
  }
  if (CIF.test(value)) {
    const control = cifControl(value.slice(1, 8));
    const last = value[8];
    const kind = value[0];
    // Entities without commercial purpose (and foreign ones) carry a letter; companies (A, B, E, H) a digit.
    if ('PQSNW'.includes(kind)) return last === CIF_LETTERS[control];
    if ('ABEH'.includes(kind)) return last === String(control);
    return last === String(control) || last === CIF_LETTERS[control];
  }
  return false;
}

/** The tax id as people type it ("b-12345678 ", "12.345.678-z") in the stored form. */
export const normaliseTaxId = (value: string) => value.toUpperCase().replace(/[\s.\-/]/g, '');
