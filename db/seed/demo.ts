// Demo data for a fresh start without configuration (never in production): the organisations
// and users of the API contract, all with the password `cauce-demo`, and a few person files.
import { hash } from '@node-rs/argon2';
import { count } from 'drizzle-orm';
import type { Db } from '../client';
import { formatCode, nextCounter } from '../counters';
import { accreditations, organisations, personEmails, personPhones, persons, users } from '../schema';
import { ensureDefaultUnit } from '../units';
import { seedDemoMessages } from './demo-messages';
import { seedDemoResources } from './demo-resources';
import { documentTypeByShape } from '../../domain/identity-documents';
import { personSearchText } from '../../domain/text';
import { writeAudit } from '../audit';

export const DEMO_PASSWORD = 'cauce-demo';

/** Spanish national holidays; organisations add their regional and local ones in settings. */
const spanishHolidays = [
  '2026-01-01', '2026-01-06', '2026-04-03', '2026-05-01', '2026-08-15', '2026-10-12', '2026-11-02', '2026-12-07', '2026-12-08', '2026-12-25',
  '2027-01-01', '2027-01-06', '2027-03-26', '2027-05-01', '2027-08-16', '2027-10-12', '2027-11-01', '2027-12-06', '2027-12-08', '2027-12-25',
];
const italianHolidays = [
  '2026-01-01', '2026-01-06', '2026-04-06', '2026-04-25', '2026-05-01', '2026-06-02', '2026-08-15', '2026-11-01', '2026-12-08', '2026-12-25', '2026-12-26',
  '2027-01-01', '2027-01-06', '2027-03-29', '2027-04-25', '2027-05-01', '2027-06-02', '2027-08-15', '2027-11-01', '2027-12-08', '2027-12-25', '2027-12-26',
];

export const demoUsers = [
  { email: 'admin@cauce.local', name: 'Admin Demo', roles: ['admin'], org: 'es' },
  { email: 'ana@cauce.local', name: 'Ana García', roles: ['professional'], org: 'es' },
  { email: 'sara@cauce.local', name: 'Sara Martín', roles: ['supervisor'], org: 'es' },
  { email: 'director@cauce.local', name: 'Directora Demo', roles: ['signer'], org: 'es' },
  { email: 'operatore@cauce.local', name: 'Operatore Demo', roles: ['professional'], org: 'it' },
  { email: 'centroservizi@cauce.local', name: 'Centro Servizi Demo', roles: ['service_centre'], org: 'it' },
] as const;

const demoPersons = [
  { firstName: 'Lucía', lastName: 'Muñoz Pérez', documentId: '12345678Z', email: 'lucia.munoz@example.org', phone: '+34600111222' },
  { firstName: 'José', lastName: 'Fernández Gómez', documentId: 'X1234567L', phone: '+34611222333' },
  { firstName: 'María Ángeles', lastName: 'Núñez Ibáñez', email: 'mangeles@example.org' },
  { firstName: 'Ahmed', lastName: 'El Idrissi', phone: '+34622333444' },
  { firstName: 'Carmen', lastName: 'Sánchez Ruiz', documentId: '87654321X', email: 'carmen.sanchez@example.org', phone: '+34633444555' },
];

export async function seedDemoData(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(organisations);
  if (n > 0) return false;
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [es] = await tx
      .insert(organisations)
      // Also a placement agency (agencia de colocación): its SEPE code goes into the ENPI file.
      .values({ name: 'Servicios Sociales Demo', kind: 'social_services', timezone: 'Europe/Madrid', locale: 'es', settings: { holidays: spanishHolidays, sepeAgencyCode: '9900000001' } })
      .returning();
    const [it] = await tx
      .insert(organisations)
      .values({ name: 'CPI Demo (Italia)', kind: 'cpi', timezone: 'Europe/Rome', locale: 'it', settings: { holidays: italianHolidays } })
      .returning();
    const members: Record<'es' | 'it', string[]> = { es: [], it: [] };
    const ids = new Map<string, string>();
    for (const u of demoUsers) {
      const [user] = await tx.insert(users).values({
        organisationId: u.org === 'es' ? es.id : it.id,
        email: u.email,
        name: u.name,
        roles: [...u.roles],
        passwordHash,
        status: 'active',
        locale: u.org === 'es' ? 'es' : 'it',
      }).returning();
      members[u.org].push(user.id);
      ids.set(u.email, user.id);
    }
    // The operator works in the CPI's pages from the first start: accredited by the service
    // centre (the row an approved request leaves; no workflow to wait for).
    const decidedAt = new Date();
    await tx.insert(accreditations).values({
      organisationId: it.id,
      userId: ids.get('operatore@cauce.local')!,
      cpiId: 'CPI Bari',
      province: 'BA',
      qualification: 'Operatore del mercato del lavoro',
      status: 'approved',
      submittedAt: decidedAt,
      decidedAt,
      decidedBy: ids.get('centroservizi@cauce.local')!,
      history: [
        { seq: 1, at: decidedAt.toISOString(), by: ids.get('operatore@cauce.local')!, action: 'submitted', note: null },
        { seq: 2, at: decidedAt.toISOString(), by: ids.get('centroservizi@cauce.local')!, action: 'approved', note: null },
      ],
    });
    // Both organisations are units of the electronic window, their people its members.
    await ensureDefaultUnit(tx, es.id, members.es);
    await ensureDefaultUnit(tx, it.id, members.it);
    for (const p of demoPersons) {
      const code = formatCode('EXP', await nextCounter(tx, es.id, 'person'));
      const phones = 'phone' in p && p.phone ? [p.phone] : [];
      const emails = 'email' in p && p.email ? [p.email] : [];
      const [row] = await tx
        .insert(persons)
        .values({
          organisationId: es.id,
          code,
          firstName: p.firstName,
          lastName: p.lastName,
          documentId: 'documentId' in p ? p.documentId : null,
          documentType: 'documentId' in p && p.documentId ? documentTypeByShape(p.documentId) : null,
          searchText: personSearchText({ ...p, code }, emails, phones),
        })
        .returning();
      await writeAudit(tx, {
        organisationId: es.id,
        actorName: 'Cauce (datos de demostración)',
        action: 'person.created',
        subjectType: 'person',
        subjectId: row.id,
        personId: row.id,
        details: { code, demo: true },
      });
      for (const address of emails) await tx.insert(personEmails).values({ personId: row.id, organisationId: es.id, address, isPrimary: true });
      for (const number of phones) await tx.insert(personPhones).values({ personId: row.id, organisationId: es.id, number, isPrimary: true });
    }
    await seedDemoMessages(tx, es.id);
    await seedDemoResources(tx, es.id, it.id);
  });
  return true;
}
