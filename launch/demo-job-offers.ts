// The demo placement agency's offers (Servicios Sociales Demo): made through the very services
// the API uses, so each offer's workflow runs: an open third-party offer with candidates at each
// step, an own offer just published, and a filled offer whose placed candidate closed it.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps, SessionUser } from '../api/context';
import { addCandidate, createJobOffer, setCandidateStatus, setCandidateFavourite } from '../api/services/job-offers';
import { persons } from '../db/schema';
import { jobOfferWorkflowId } from '../workflows/job-offer.definitions';

const DAY = 24 * 60 * 60 * 1000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

export async function startDemoJobOffers(deps: AppDeps, ana: SessionUser): Promise<string[]> {
  const people = await deps.db
    .select({ id: persons.id, firstName: persons.firstName })
    .from(persons)
    .where(and(eq(persons.organisationId, ana.organisationId), inArray(persons.firstName, ['Lucía', 'José', 'Carmen', 'Ahmed', 'María Ángeles'])));
  const person = (name: string) => people.find((p) => p.firstName === name)!.id;

  const cleaning = await createJobOffer(deps, ana, {
    title: 'Auxiliar de limpieza de oficinas',
    description: 'Limpieza de oficinas en turno de mañana, de lunes a viernes. Incorporación inmediata.',
    own: false,
    employer: { name: 'Limpiezas del Sur SL', taxId: 'B12345674', contactName: 'Marta Ruiz', email: 'rrhh@limpiezas-del-sur.example', phone: '+34 954 000 000' },
    vacancies: 2,
    province: 'Sevilla',
    municipality: 'Dos Hermanas',
    contractType: '501',
    salaryMin: 15000,
    salaryMax: 16500,
    startsOn: day(14),
    endsOn: day(45),
    criteria: { occupation: '9210', occupationText: 'Personal de limpieza de oficinas', minExperienceYears: 1, availability: ['mornings'], province: 'Sevilla', languages: [{ code: 'es', level: 'B1' }] },
  });
  await addCandidate(deps, ana, cleaning.id, { personId: person('Lucía') });
  await addCandidate(deps, ana, cleaning.id, { personId: person('Carmen') });
  await addCandidate(deps, ana, cleaning.id, { personId: person('Ahmed') });
  await setCandidateStatus(deps, ana, cleaning.id, person('Lucía'), { status: 'interested' });
  await setCandidateStatus(deps, ana, cleaning.id, person('Carmen'), { status: 'interested' });
  await setCandidateStatus(deps, ana, cleaning.id, person('Carmen'), { status: 'sent_to_company' });
  await setCandidateFavourite(deps, ana, cleaning.id, person('Lucía'), true);

  const own = await createJobOffer(deps, ana, {
    title: 'Monitor/a de ocio infantil',
    description: 'Actividades de ocio con menores en el centro de día de la entidad, tardes de lunes a jueves.',
    own: true,
    employer: { name: 'Servicios Sociales Demo', taxId: 'P4100000A' },
    vacancies: 1,
    province: 'Sevilla',
    municipality: 'Sevilla',
    contractType: '003',
    startsOn: day(30),
    endsOn: day(60),
    criteria: { educationLevel: '32', availability: ['afternoons'], ageMin: 18, cards: ['MONITOR-OCIO'] },
  });

  // Filled: José was placed (the last vacancy), which closed the offer.
  const warehouse = await createJobOffer(deps, ana, {
    title: 'Mozo/a de almacén',
    own: false,
    employer: { name: 'Logística Bética SA', taxId: 'A58818501', contactName: 'Pedro Lara' },
    vacancies: 1,
    province: 'Sevilla',
    municipality: 'Alcalá de Guadaíra',
    contractType: '001',
    salaryMin: 17000,
    criteria: { licences: ['B'], minExperienceYears: 2 },
  });
  await addCandidate(deps, ana, warehouse.id, { personId: person('José') });
  await addCandidate(deps, ana, warehouse.id, { personId: person('María Ángeles') });
  await setCandidateStatus(deps, ana, warehouse.id, person('José'), { status: 'interested' });
  await setCandidateStatus(deps, ana, warehouse.id, person('María Ángeles'), { status: 'not_interested' });
  await setCandidateStatus(deps, ana, warehouse.id, person('José'), { status: 'sent_to_company' });
  await setCandidateStatus(deps, ana, warehouse.id, person('José'), { status: 'placed' });

  return [cleaning.id, own.id, warehouse.id].map(jobOfferWorkflowId);
}
