// Typed SEPE input for tests and the bench (bench/sepe-enpi.ts): people attended with and without
// placements, under valid NIF/NIE (check letters computed), with names that exercise Latin-1 and
// the field lengths.
import type { SepeOfferCounts } from '../domain/sepe/aggregates';
import type { SepeWorker } from '../domain/sepe/records';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** A valid DNI for n (8 digits and its letter). */
export const dni = (n: number) => `${String(n).padStart(8, '0')}${DNI_LETTERS[n % 23]}`;
/** A valid NIE with X, Y or Z for n (7 digits). */
export const nie = (n: number) => {
  const prefix = 'XYZ'[n % 3];
  const digits = String(n % 10_000_000).padStart(7, '0');
  return `${prefix}${digits}${DNI_LETTERS[Number(`${'XYZ'.indexOf(prefix)}${digits}`) % 23]}`;
};

const names = ['María José', 'Íñigo', 'Begoña', 'Ahmed', 'Łucja', 'Jean-François', 'Nuria', 'Ştefan'];
const surnames = ['Peña', 'Muñoz', 'Ibáñez', 'Benali', 'García-Valdecasas de la Torre', "O'Connor", 'Nowak', 'Popescu'];

/** Person i of a period; every third is placed (contract types rotate), every fifth has a NIE. */
export function sepeWorker(i: number, month = '2026-03'): SepeWorker {
  const placed = i % 3 === 0;
  return {
    personId: `person-${i}`,
    id: i % 5 === 0 ? nie(i + 1) : dni(10_000_000 + i),
    name: names[i % names.length],
    surname1: surnames[i % surnames.length],
    surname2: i % 4 === 0 ? null : surnames[(i + 3) % surnames.length],
    birthDate: `${1960 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    sex: i % 2 ? 'female' : 'male',
    educationLevel: (['00', '10', '20', '30'] as const)[i % 4],
    disability: i % 7 === 0,
    immigrant: i % 5 === 0,
    benefitRecipient: i % 2 === 0,
    insertionGroup: i % 6 === 0,
    registeredInPeriod: i % 4 === 1,
    placement: placed
      ? {
          date: `${month}-${String(1 + (i % 28)).padStart(2, '0')}`,
          contractType: (['permanent_full_time', 'permanent_part_time', 'temporary_full_time', 'temporary_part_time', 'fixed_discontinuous'] as const)[(i / 3) % 5],
          endDate: (i / 3) % 5 >= 2 && (i / 3) % 5 < 4 ? `${month}-28` : null,
          employerTaxId: i % 2 ? 'B12345674' : dni(20_000_000 + i),
          employerName: i % 2 ? 'Construcciones Ibáñez & Hijos, Sociedad Limitada Unipersonal del Norte' : 'Hostelería Ñandú',
        }
      : null,
    actions: [
      { type: 'O', start: `${month}-02`, end: `${month}-02` },
      ...(i % 2 ? [{ type: 'F' as const, start: `${month}-05`, end: `${month}-20` }] : []),
      ...(placed ? [{ type: 'E' as const, start: `${month}-03`, end: `${month}-03` }] : []),
    ],
  };
}

export const sepeWorkers = (count: number, month?: string) => Array.from({ length: count }, (_, i) => sepeWorker(i, month));

export const sepeOffers: SepeOfferCounts = { offers: 4, offersFilled: 2, posts: 9, postsFilled: 3, personsSentToOffers: 7 };
