// Person files: identity and contacts, search, favourites, deletion with its stated impact.
import { and, asc, count, desc, eq, exists, inArray, like, sql, type SQL } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db, DbLike } from '../../db/client';
import { formatCode, nextCounter } from '../../db/counters';
import { auditLog, organisations, personEmails, personFavorites, personPhones, persons } from '../../db/schema';
import { defaultCountryFor, toE164 } from '../../domain/phone';
import { checkDocument, normalizeDocumentNumber, type DocumentType } from '../../domain/identity-documents';
import { normalizeForSearch, personSearchText, searchTerms } from '../../domain/text';
import type { SessionUser } from '../context';
import { invalidInput, notFound } from '../errors';
import { iso } from '../schemas';
import type { TCreatePersonRequest, TPerson, TPersonListItem, TUpdatePersonRequest } from '../routes/persons.schemas';
import type { z } from '@hono/zod-openapi';
import type { ZDuplicateQuery, ZPossibleDuplicate } from '../routes/persons.schemas';
import type { PersonDeletionContext, PersonDependent } from './person-dependents';

type PersonRow = typeof persons.$inferSelect;
type EmailInput = { address: string; label?: string; isPrimary?: boolean };
type PhoneInput = { number: string; label?: string; isPrimary?: boolean };

export function displayName(p: Pick<PersonRow, 'anonymous' | 'firstName' | 'lastName' | 'code'>): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return p.anonymous || !name ? p.code : name;
}

/** One primary per kind: the flagged one, or the first. */
function withPrimary<T extends { isPrimary?: boolean }>(entries: T[]): Array<T & { isPrimary: boolean }> {
  const primaryIndex = Math.max(0, entries.findIndex((e) => e.isPrimary));
  return entries.map((e, i) => ({ ...e, isPrimary: i === primaryIndex }));
}

function mergeContacts<T extends { isPrimary?: boolean }>(list: T[] | undefined, single: T | undefined): T[] | undefined {
  if (!single) return list;
  const rest = (list ?? []).map((e) => ({ ...e, isPrimary: false }));
  return [{ ...single, isPrimary: true }, ...rest];
}

async function organisationLocale(db: Db, organisationId: string): Promise<string> {
  const [org] = await db.select({ locale: organisations.locale }).from(organisations).where(eq(organisations.id, organisationId));
  return org?.locale ?? 'es';
}

/** Validates and normalizes phones to E.164; a bad one is a 400 naming its field. */
function normalizePhones(phones: PhoneInput[], locale: string, field: string): PhoneInput[] {
  const country = defaultCountryFor(locale);
  const bad: Array<{ path: string; message: string }> = [];
  const normalized = phones.map((p, i) => {
    const e164 = toE164(p.number, country);
    if (!e164) bad.push({ path: field === 'phone' ? 'phone' : `phones.${i}.number`, message: `Not a valid phone number: ${p.number}` });
    return { ...p, number: e164 ?? p.number };
  });
  if (bad.length) throw invalidInput(bad);
  return normalized;
}

function dedupe<T>(entries: T[], key: (e: T) => string): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(key(e)) && seen.add(key(e)));
}

async function replaceContacts(
  db: DbLike,
  person: PersonRow,
  emails: EmailInput[] | undefined,
  phones: PhoneInput[] | undefined,
) {
  if (emails) {
    await db.delete(personEmails).where(eq(personEmails.personId, person.id));
    const rows = withPrimary(dedupe(emails, (e) => e.address));
    if (rows.length) {
      await db.insert(personEmails).values(
        rows.map((e) => ({ personId: person.id, organisationId: person.organisationId, address: e.address, label: e.label ?? null, isPrimary: e.isPrimary })),
      );
    }
  }
  if (phones) {
    await db.delete(personPhones).where(eq(personPhones.personId, person.id));
    const rows = withPrimary(dedupe(phones, (p) => p.number));
    if (rows.length) {
      await db.insert(personPhones).values(
        rows.map((p) => ({ personId: person.id, organisationId: person.organisationId, number: p.number, label: p.label ?? null, isPrimary: p.isPrimary })),
      );
    }
  }
}

export async function refreshSearchText(db: DbLike, personId: string) {
  const [person] = await db.select().from(persons).where(eq(persons.id, personId));
  const emails = await db.select({ a: personEmails.address }).from(personEmails).where(eq(personEmails.personId, personId));
  const phones = await db.select({ n: personPhones.number }).from(personPhones).where(eq(personPhones.personId, personId));
  const text = personSearchText(person, emails.map((e) => e.a), phones.map((p) => p.n));
  await db.update(persons).set({ searchText: text }).where(eq(persons.id, personId));
}

/** The person, only if it belongs to the caller's organisation (else 404, never 403). */
export async function findPersonRow(db: Db, user: SessionUser, personId: string): Promise<PersonRow> {
  const [row] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

export async function getPerson(db: Db, user: SessionUser, personId: string): Promise<TPerson> {
  const row = await findPersonRow(db, user, personId);
  const emails = await db.select().from(personEmails).where(eq(personEmails.personId, row.id)).orderBy(desc(personEmails.isPrimary), asc(personEmails.createdAt));
  const phones = await db.select().from(personPhones).where(eq(personPhones.personId, row.id)).orderBy(desc(personPhones.isPrimary), asc(personPhones.createdAt));
  const [fav] = await db
    .select({ n: count() })
    .from(personFavorites)
    .where(and(eq(personFavorites.userId, user.id), eq(personFavorites.personId, row.id)));
  return {
    id: row.id,
    code: row.code,
    anonymous: row.anonymous,
    firstName: row.firstName,
    lastName: row.lastName,
    displayName: displayName(row),
    documentId: row.documentId,
    documentType: (row.documentType as DocumentType | null) ?? null,
    birthDate: row.birthDate,
    address: row.address,
    notes: row.notes,
    email: emails.find((e) => e.isPrimary)?.address ?? null,
    phone: phones.find((p) => p.isPrimary)?.number ?? null,
    emails: emails.map((e) => ({ id: e.id, address: e.address, label: e.label, isPrimary: e.isPrimary })),
    phones: phones.map((p) => ({ id: p.id, number: p.number, label: p.label, isPrimary: p.isPrimary })),
    favorite: fav.n > 0,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** The document as stored, or a 400 naming the field when its control character is wrong. */
function storedDocument(number: string | null | undefined, type: DocumentType | null | undefined) {
  if (!number) return { documentId: null, documentType: null };
  const checked = checkDocument(number, type);
  if (!checked.ok) throw invalidInput([{ path: 'documentId', message: checked.problem, code: checked.problem }]);
  return { documentId: checked.number, documentType: checked.type };
}

export async function createPerson(db: Db, user: SessionUser, input: TCreatePersonRequest): Promise<TPerson> {
  const locale = await organisationLocale(db, user.organisationId);
  const document = storedDocument(input.documentId, input.documentType);
  const emails = mergeContacts<EmailInput>(input.emails, input.email ? { address: input.email } : undefined) ?? [];
  const phones = normalizePhones(
    mergeContacts<PhoneInput>(input.phones, input.phone ? { number: input.phone } : undefined) ?? [],
    locale,
    input.phone && !input.phones ? 'phone' : 'phones',
  );
  const id = await db.transaction(async (tx) => {
    const code = formatCode('EXP', await nextCounter(tx, user.organisationId, 'person'));
    const [row] = await tx
      .insert(persons)
      .values({
        organisationId: user.organisationId,
        code,
        anonymous: input.anonymous ?? false,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        ...document,
        birthDate: input.birthDate ?? null,
        address: input.address ?? null,
        notes: input.notes ?? null,
        createdBy: user.id,
      })
      .returning();
    await replaceContacts(tx, row, emails, phones);
    await refreshSearchText(tx, row.id);
    await writeAudit(tx, {
      ...auditActor(user),
      action: 'person.created',
      subjectType: 'person',
      subjectId: row.id,
      personId: row.id,
      details: { code, anonymous: row.anonymous },
    });
    return row.id;
  });
  return getPerson(db, user, id);
}

export async function updatePerson(db: Db, user: SessionUser, personId: string, input: TUpdatePersonRequest): Promise<TPerson> {
  const current = await findPersonRow(db, user, personId);
  const locale = await organisationLocale(db, user.organisationId);
  const anonymous = input.anonymous ?? current.anonymous;
  const firstName = input.firstName === undefined ? current.firstName : input.firstName;
  const lastName = input.lastName === undefined ? current.lastName : input.lastName;
  if (!anonymous) {
    const missing = [!firstName && 'firstName', !lastName && 'lastName'].filter(Boolean) as string[];
    if (missing.length) throw invalidInput(missing.map((path) => ({ path, message: 'Required unless the profile is anonymous', code: 'required' })));
  }
  const emails = input.email === null ? input.emails ?? [] : mergeContacts<EmailInput>(input.emails, input.email ? { address: input.email } : undefined);
  const phoneList = input.phone === null ? input.phones ?? [] : mergeContacts<PhoneInput>(input.phones, input.phone ? { number: input.phone } : undefined);
  const phones = phoneList ? normalizePhones(phoneList, locale, input.phone && !input.phones ? 'phone' : 'phones') : undefined;

  const document =
    input.documentId === undefined && input.documentType === undefined
      ? { documentId: current.documentId, documentType: current.documentType }
      : storedDocument(
          input.documentId === undefined ? current.documentId : input.documentId,
          input.documentType === undefined ? (input.documentId === undefined ? (current.documentType as DocumentType | null) : undefined) : input.documentType,
        );
  const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
  await db.transaction(async (tx) => {
    await tx
      .update(persons)
      .set({
        anonymous,
        firstName,
        lastName,
        ...document,
        birthDate: input.birthDate === undefined ? current.birthDate : input.birthDate,
        address: input.address === undefined ? current.address : input.address,
        notes: input.notes === undefined ? current.notes : input.notes,
      })
      .where(eq(persons.id, current.id));
    await replaceContacts(tx, current, emails, phones);
    await refreshSearchText(tx, current.id);
    await writeAudit(tx, {
      ...auditActor(user),
      action: 'person.updated',
      subjectType: 'person',
      subjectId: current.id,
      personId: current.id,
      details: { fields: changed },
    });
  });
  return getPerson(db, user, current.id);
}

/**
 * Files that may be the same person as the one being entered: the same document number, or the
 * same name and birth date (accents and case ignored). Asked before creating, so a second file
 * for one person is a choice, not an accident.
 */
export async function possibleDuplicates(db: Db, user: SessionUser, query: z.infer<typeof ZDuplicateQuery>): Promise<Array<z.infer<typeof ZPossibleDuplicate>>> {
  const conditions: SQL[] = [];
  const document = query.documentId ? normalizeDocumentNumber(query.documentId) : null;
  // Stored numbers are normalised when checked; older or free-text ones are compared normalised too.
  if (document) conditions.push(sql`(${persons.documentId} = ${document} OR upper(regexp_replace(${persons.documentId}, '[[:space:]._/-]', '', 'g')) = ${document})`);
  if (query.birthDate && query.firstName && query.lastName) conditions.push(eq(persons.birthDate, query.birthDate));
  if (!conditions.length) return [];
  const rows = await db
    .select()
    .from(persons)
    .where(and(eq(persons.organisationId, user.organisationId), conditions.length === 1 ? conditions[0] : sql`(${sql.join(conditions, sql` OR `)})`))
    .orderBy(asc(persons.createdAt))
    .limit(50);
  const sameName = (r: PersonRow) =>
    normalizeForSearch(`${r.firstName ?? ''} ${r.lastName ?? ''}`) === normalizeForSearch(`${query.firstName ?? ''} ${query.lastName ?? ''}`);
  return rows
    .filter((r) => r.id !== query.excludeId)
    .map((r) => {
      const reasons: Array<'same_document' | 'same_name_and_birth_date'> = [];
      if (document && r.documentId && normalizeDocumentNumber(r.documentId) === document) reasons.push('same_document');
      if (query.birthDate && r.birthDate === query.birthDate && query.firstName && sameName(r)) reasons.push('same_name_and_birth_date');
      return { id: r.id, code: r.code, displayName: displayName(r), documentId: r.documentId, birthDate: r.birthDate, reasons };
    })
    .filter((d) => d.reasons.length > 0);
}

export interface PersonListFilter {
  q?: string;
  favorite?: boolean;
  sort: 'name' | 'code' | 'recent';
  page: number;
  pageSize: number;
}

export function personSearchConditions(organisationId: string, userId: string, filter: Pick<PersonListFilter, 'q' | 'favorite'>): SQL {
  const conditions: SQL[] = [eq(persons.organisationId, organisationId)];
  // Every word must appear; the trigram index on search_text serves each LIKE.
  for (const term of searchTerms(filter.q ?? '')) conditions.push(like(persons.searchText, `%${term}%`));
  if (filter.favorite) {
    conditions.push(
      exists(sql`(SELECT 1 FROM ${personFavorites} WHERE ${personFavorites.personId} = ${persons.id} AND ${personFavorites.userId} = ${userId})`),
    );
  }
  return and(...conditions)!;
}

/**
 * Names sort by the reader's language (Sánchez before Sincorreo, ñ after n in Spanish), not by
 * bytes: an ICU collation, which the embedded and Debian PostgreSQL both ship. A fixed list, so
 * nothing from the request reaches the SQL text.
 */
const NAME_COLLATIONS: Record<string, string> = { es: 'es-x-icu', it: 'it-x-icu', en: 'en-x-icu' };
export function nameCollation(locale: string | undefined): SQL {
  return sql.raw(`"${NAME_COLLATIONS[(locale ?? '').slice(0, 2)] ?? 'und-x-icu'}"`);
}

/** The two queries of a list page (rows and total), also used by the benchmark to run the same SQL. */
export function personListQueries(db: Db, user: Pick<SessionUser, 'organisationId' | 'id'> & { locale?: string }, filter: PersonListFilter) {
  const where = personSearchConditions(user.organisationId, user.id, filter);
  const collation = nameCollation(user.locale);
  const order =
    filter.sort === 'code'
      ? [asc(persons.code)]
      : filter.sort === 'recent'
        ? [desc(persons.updatedAt), asc(persons.id)]
        : [sql`${persons.lastName} COLLATE ${collation}`, sql`${persons.firstName} COLLATE ${collation}`, asc(persons.code)];
  return {
    rows: db.select().from(persons).where(where).orderBy(...order).limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    total: db.select({ total: count() }).from(persons).where(where),
  };
}

export async function listPersons(db: Db, user: SessionUser, filter: PersonListFilter): Promise<{ items: TPersonListItem[]; total: number }> {
  const queries = personListQueries(db, user, filter);
  const [rows, [{ total }]] = await Promise.all([queries.rows, queries.total]);
  const ids = rows.map((r) => r.id);
  const [emails, phones, favorites] = ids.length
    ? await Promise.all([
        db.select().from(personEmails).where(and(inArray(personEmails.personId, ids), eq(personEmails.isPrimary, true))),
        db.select().from(personPhones).where(and(inArray(personPhones.personId, ids), eq(personPhones.isPrimary, true))),
        db.select().from(personFavorites).where(and(inArray(personFavorites.personId, ids), eq(personFavorites.userId, user.id))),
      ])
    : [[], [], []];
  const items = rows.map((r) => ({
    id: r.id,
    code: r.code,
    anonymous: r.anonymous,
    firstName: r.firstName,
    lastName: r.lastName,
    displayName: displayName(r),
    documentId: r.documentId,
    documentType: (r.documentType as DocumentType | null) ?? null,
    birthDate: r.birthDate,
    email: emails.find((e) => e.personId === r.id)?.address ?? null,
    phone: phones.find((p) => p.personId === r.id)?.number ?? null,
    favorite: favorites.some((f) => f.personId === r.id),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  }));
  return { items, total };
}

export async function setFavorite(db: Db, user: SessionUser, personId: string, favorite: boolean): Promise<void> {
  const person = await findPersonRow(db, user, personId);
  if (favorite) {
    await db.insert(personFavorites).values({ userId: user.id, personId: person.id }).onConflictDoNothing();
  } else {
    await db.delete(personFavorites).where(and(eq(personFavorites.userId, user.id), eq(personFavorites.personId, person.id)));
  }
}

/** A person's own contact data and favourites; other modules add theirs in api/app.ts. */
export const personContactDependents: PersonDependent[] = [
  {
    name: 'emails',
    count: async (db, id) => (await db.select({ n: count() }).from(personEmails).where(eq(personEmails.personId, id)))[0].n,
    remove: async (db, id) => void (await db.delete(personEmails).where(eq(personEmails.personId, id))),
  },
  {
    name: 'phones',
    count: async (db, id) => (await db.select({ n: count() }).from(personPhones).where(eq(personPhones.personId, id)))[0].n,
    remove: async (db, id) => void (await db.delete(personPhones).where(eq(personPhones.personId, id))),
  },
  {
    name: 'favorites',
    count: async (db, id) => (await db.select({ n: count() }).from(personFavorites).where(eq(personFavorites.personId, id)))[0].n,
    remove: async (db, id) => void (await db.delete(personFavorites).where(eq(personFavorites.personId, id))),
  },
];

export async function deletionImpact(db: Db, user: SessionUser, personId: string, dependents: readonly PersonDependent[]) {
  const person = await findPersonRow(db, user, personId);
  const removes: Record<string, number> = {};
  const breakdown: Record<string, Record<string, number>> = {};
  const blockedBy: Record<string, string[]> = {};
  for (const d of dependents) {
    removes[d.name] = await d.count(db, person.id);
    if (d.breakdown && removes[d.name] > 0) breakdown[d.name] = await d.breakdown(db, person.id);
    const codes = d.blocking ? await d.blocking(db, person.id) : [];
    if (codes.length) blockedBy[d.name] = codes;
  }
  return { person, removes, breakdown, blockedBy };
}

export async function deletePerson(db: Db, user: SessionUser, personId: string, dependents: readonly PersonDependent[], ctx: PersonDeletionContext = {}): Promise<Record<string, number>> {
  const { person, removes } = await deletionImpact(db, user, personId, dependents);
  await db.transaction(async (tx) => {
    for (const d of [...dependents].reverse()) await d.remove(tx, person.id, ctx);
    await tx.delete(persons).where(eq(persons.id, person.id));
    await writeAudit(tx, {
      ...auditActor(user),
      action: 'person.deleted',
      subjectType: 'person',
      subjectId: person.id,
      personId: person.id,
      details: { code: person.code, removes },
    });
  });
  return removes;
}

export async function personActivity(db: Db, user: SessionUser, personId: string, page: number, pageSize: number) {
  const person = await findPersonRow(db, user, personId);
  const where = and(eq(auditLog.personId, person.id), eq(auditLog.organisationId, user.organisationId));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      action: r.action,
      actorId: r.actorId,
      actorName: r.actorName,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      details: r.details,
      createdAt: iso(r.createdAt)!,
    })),
    total,
  };
}
