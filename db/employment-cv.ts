// What the SEPE files need of each person, read from the person file and its CV in one query:
// the worker's id (NIF/NIE), names, birth date and the codes of domain/employment-cv.ts. For the
// SEPE generator (ACCION of XML_ENPI) and its check page: `missing` names what would make the file
// invalid, so the professional can fix it first.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbLike } from './client';
import { personCvs, persons } from './schema';
import { sepeWorkerData, type SepeWorkerData } from '../domain/employment-cv';
import { checkWorkerId } from '../domain/spanish-ids';

export type SepeMissingField = 'documentId' | 'firstName' | 'lastName' | 'birthDate' | 'sex' | 'education';

export interface SepeWorkerRow extends SepeWorkerData {
  personId: string;
  /** ID_TRABAJADOR: a valid NIF or NIE, normalised; null when the file has none (or another paper). */
  workerId: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  /** The day the person registered with the agency (TOTAL_NUEVAS_REGISTRADAS). */
  agencyRegisteredOn: string | null;
  missing: SepeMissingField[];
}

export async function sepeWorkerRows(db: DbLike, organisationId: string, personIds: readonly string[]): Promise<SepeWorkerRow[]> {
  if (!personIds.length) return [];
  const rows = await db
    .select({ p: persons, cv: personCvs })
    .from(persons)
    .leftJoin(personCvs, eq(personCvs.personId, persons.id))
    .where(and(eq(persons.organisationId, organisationId), inArray(persons.id, [...personIds])));
  return rows.map(({ p, cv }) => {
    const checked = p.documentId ? checkWorkerId(p.documentId) : null;
    const education = cv?.education ?? [];
    const data = sepeWorkerData({
      sex: cv?.sex ?? null,
      education,
      disability: cv?.disability ?? false,
      immigrant: cv?.immigrant ?? false,
      unemploymentBenefit: cv?.unemploymentBenefit ?? false,
      insertionGroups: cv?.insertionGroups ?? [],
    });
    const missing: SepeMissingField[] = [];
    if (!checked?.ok) missing.push('documentId');
    if (!p.firstName) missing.push('firstName');
    if (!p.lastName) missing.push('lastName');
    if (!p.birthDate) missing.push('birthDate');
    if (!data.sex) missing.push('sex');
    if (!education.length) missing.push('education');
    return {
      personId: p.id,
      workerId: checked?.ok ? checked.value : null,
      firstName: p.firstName,
      lastName: p.lastName,
      birthDate: p.birthDate,
      agencyRegisteredOn: cv?.agencyRegisteredOn ?? null,
      ...data,
      missing,
    };
  });
}
