// The resource directory: the services and organisations an organisation refers people to.
// Search is the persons' pattern (a lower-cased, accent-free search_text kept on every write,
// LIKE per word served by the trigram index); resources serving the case's need rank first.
import { readCsv } from '../../documents/spreadsheets';
import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db, DbLike } from '../../db/client';
import { needs, organisationPartners, organisations, resources } from '../../db/schema';
import { t, type Locale } from '../../domain/i18n';
import { defaultCountryFor, toE164 } from '../../domain/phone';
import { normalizeForSearch, resourceSearchText, searchTerms } from '../../domain/text';
import type { SessionUser } from '../context';
import { ApiError, invalidInput, notFound, type FieldProblem } from '../errors';
import { iso } from '../schemas';
import type { TCreateResourceRequest, TResource, TResourceListQuery, TUpdateResourceRequest } from '../routes/resources.schemas';
import { ensureNeedsCatalogue } from './needs';

export type ResourceRow = typeof resources.$inferSelect;

export function toResource(r: ResourceRow, needCode?: string): TResource {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    needCodes: r.needCodes,
    email: r.email,
    phone: r.phone,
    address: r.address,
    openingHours: r.openingHours,
    languages: r.languages,
    active: r.active,
    organisationId: r.partnerOrganisationId,
    partnerOrganisationId: r.partnerOrganisationId,
    servesNeed: needCode ? r.needCodes.includes(needCode) : false,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

/** The resource, only if it is in the caller's organisation's directory (else 404, never 403). */
export async function findResourceRow(db: Db, user: Pick<SessionUser, 'organisationId'>, id: string): Promise<ResourceRow> {
  const [row] = await db.select().from(resources).where(and(eq(resources.id, id), eq(resources.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

export interface ResourceListFilter {
  q?: string;
  needCode?: string;
  /** 'true' unless the caller manages the directory. */
  active: 'true' | 'false' | 'all';
  page: number;
  pageSize: number;
}

/** The two queries of a directory page (rows and total); the benchmark runs the same SQL. */
export function resourceListQueries(db: Db, organisationId: string, filter: ResourceListFilter) {
  const conditions: SQL[] = [eq(resources.organisationId, organisationId)];
  if (filter.active !== 'all') conditions.push(eq(resources.active, filter.active === 'true'));
  // Every word must appear; the trigram index on search_text serves each LIKE.
  for (const term of searchTerms(filter.q ?? '')) conditions.push(like(resources.searchText, `%${term}%`));
  const where = and(...conditions)!;
  const order = [
    ...(filter.needCode ? [desc(sql`${resources.needCodes} @> ARRAY[${filter.needCode}]::text[]`)] : []),
    asc(sql`lower(${resources.name})`),
    asc(resources.id),
  ];
  return {
    rows: db.select().from(resources).where(where).orderBy(...order).limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    total: db.select({ total: count() }).from(resources).where(where),
  };
}

export async function listResources(db: Db, user: SessionUser, query: TResourceListQuery): Promise<{ items: TResource[]; total: number }> {
  const manages = user.permissions.includes('catalogue.manage');
  const filter: ResourceListFilter = { ...query, active: manages ? (query.active ?? 'true') : 'true' };
  const queries = resourceListQueries(db, user.organisationId, filter);
  const [rows, [{ total }]] = await Promise.all([queries.rows, queries.total]);
  return { items: rows.map((r) => toResource(r, query.needCode)), total };
}

async function organisationLocale(db: DbLike, organisationId: string): Promise<string> {
  const [org] = await db.select({ locale: organisations.locale }).from(organisations).where(eq(organisations.id, organisationId));
  return org?.locale ?? 'es';
}

async function secondLevelNeeds(db: Db, organisationId: string): Promise<Set<string>> {
  await ensureNeedsCatalogue(db, organisationId);
  const rows = await db.select({ code: needs.code }).from(needs).where(and(eq(needs.organisationId, organisationId), eq(needs.level, 2)));
  return new Set(rows.map((r) => r.code));
}

async function isPartner(db: DbLike, organisationId: string, partnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisationPartners.partnerId })
    .from(organisationPartners)
    .where(and(eq(organisationPartners.organisationId, organisationId), eq(organisationPartners.partnerId, partnerId)));
  return Boolean(row);
}

/** Checks what the schema cannot (needs, partner, phone) and gives the stored form; a problem is a 400 naming its field. */
async function checkedFields(db: Db, admin: SessionUser, input: TUpdateResourceRequest) {
  const problems: FieldProblem[] = [];
  let needCodes = input.needCodes;
  if (needCodes) {
    const known = await secondLevelNeeds(db, admin.organisationId);
    needCodes.forEach((code, i) => {
      if (!known.has(code)) problems.push({ path: `needCodes.${i}`, message: `Not a second-level need: ${code}`, code: 'not_a_need', messageParams: { code } });
    });
    needCodes = [...new Set(needCodes)];
  }
  let phone = input.phone;
  if (phone) {
    const e164 = toE164(phone, defaultCountryFor(await organisationLocale(db, admin.organisationId)));
    if (!e164) problems.push({ path: 'phone', message: `Not a valid phone number: ${phone}`, code: 'invalid_phone' });
    phone = e164 ?? phone;
  }
  if (input.partnerOrganisationId && !(await isPartner(db, admin.organisationId, input.partnerOrganisationId))) {
    problems.push({ path: 'partnerOrganisationId', message: 'Not a partner organisation', code: 'not_a_partner' });
  }
  if (problems.length) throw invalidInput(problems);
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(needCodes !== undefined && { needCodes }),
    ...(input.email !== undefined && { email: input.email || null }),
    ...(phone !== undefined && { phone: phone || null }),
    ...(input.address !== undefined && { address: input.address || null }),
    ...(input.openingHours !== undefined && { openingHours: input.openingHours || null }),
    ...(input.languages !== undefined && { languages: [...new Set(input.languages)] }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.partnerOrganisationId !== undefined && { partnerOrganisationId: input.partnerOrganisationId }),
  };
}

export async function createResource(db: Db, admin: SessionUser, input: TCreateResourceRequest): Promise<TResource> {
  const fields = await checkedFields(db, admin, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(resources)
      .values({ ...fields, name: input.name, organisationId: admin.organisationId, createdBy: admin.id, searchText: resourceSearchText({ ...fields, name: input.name }) })
      .returning();
    await writeAudit(tx, { ...auditActor(admin), action: 'resource.created', subjectType: 'resource', subjectId: row.id, details: { name: row.name } });
    return toResource(row);
  });
}

export async function updateResource(db: Db, admin: SessionUser, current: ResourceRow, input: TUpdateResourceRequest): Promise<TResource> {
  const fields = await checkedFields(db, admin, input);
  const next = { ...current, ...fields };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(resources)
      .set({ ...fields, searchText: resourceSearchText(next) })
      .where(and(eq(resources.id, current.id), eq(resources.organisationId, admin.organisationId)))
      .returning();
    await writeAudit(tx, { ...auditActor(admin), action: 'resource.updated', subjectType: 'resource', subjectId: row.id, details: { fields: Object.keys(input) } });
    return toResource(row);
  });
}

// ---- CSV import

export const MAX_IMPORT_ROWS = 5000;

/** Column names admins may write, in English, Spanish or Italian (accents and case ignored). */
const COLUMNS: Record<string, string[]> = {
  id: ['id'],
  name: ['name', 'nombre', 'nome'],
  description: ['description', 'descripcion', 'descrizione'],
  needCodes: ['need_codes', 'needs', 'necesidades', 'bisogni'],
  email: ['email', 'correo', 'e-mail'],
  phone: ['phone', 'telefono'],
  address: ['address', 'direccion', 'indirizzo'],
  openingHours: ['opening_hours', 'horario', 'orari', 'orario'],
  languages: ['languages', 'idiomas', 'lingue'],
  active: ['active', 'activo', 'attivo'],
};
const columnByName = new Map(Object.entries(COLUMNS).flatMap(([field, names]) => names.map((n) => [n, field] as const)));
const LIMITS: Record<string, number> = { name: 200, description: 2000, address: 300, openingHours: 300 };
const YES = /^(true|1|si|sí|sì|yes|s|y)$/i;
const YES_OR_NO = /^(true|false|1|0|si|sí|sì|no|yes|s|n|y)$/i;
const ZEmail = z.email();


const splitList = (value: string) => value.split(/[\s,;|]+/).map((v) => v.trim()).filter(Boolean);

/**
 * Imports resources from CSV. All rows or none: a 400 lists every problem as "Línea 4: email no
 * válido" in the admin's language, so they fix the file and send it again.
 */
export async function importResourcesCsv(db: Db, admin: SessionUser, csv: string, locale: Locale = 'es') {
  const problems: Array<{ line: number; message: string }> = [];
  const problem = (line: number, key: string, params: Record<string, string | number> = {}) =>
    problems.push({ line, message: t(locale, 'resources.csv.line', { line, problem: t(locale, `resources.csv.${key}`, params) }) });
  const refuse = () =>
    new ApiError(400, 'invalid_input', 'errors.csv_invalid', { count: new Set(problems.map((p) => p.line)).size }, {
      lines: problems,
      fields: [{ path: 'csv', message: t(locale, 'errors.csv_invalid', { count: new Set(problems.map((p) => p.line)).size }) }],
    });

  const records = readCsv(csv);
  if (!Array.isArray(records)) {
    problem(records.line, records.problem);
    throw refuse();
  }
  const [header, ...rows] = records;
  if (!header) problem(1, 'empty');
  const fields = (header?.values ?? []).map((h) => columnByName.get(normalizeForSearch(h).replace(/\s+/g, '_')));
  if (header && !fields.includes('name')) problem(header.line, 'no_header');
  else header?.values.forEach((h, i) => !fields[i] && problem(header.line, 'unknown_column', { column: h }));
  if (header && fields.includes('name') && !rows.length) problem(header.line, 'empty');
  if (rows.length > MAX_IMPORT_ROWS) problem(rows[MAX_IMPORT_ROWS].line, 'too_many', { max: MAX_IMPORT_ROWS });
  if (problems.length) throw refuse();

  const known = await secondLevelNeeds(db, admin.organisationId);
  const country = defaultCountryFor(await organisationLocale(db, admin.organisationId));
  const ids = rows.map((r) => r.values[fields.indexOf('id')]).filter((id): id is string => Boolean(id) && z.uuid().safeParse(id).success);
  const existing = new Set(
    ids.length
      ? (await db.select({ id: resources.id }).from(resources).where(and(eq(resources.organisationId, admin.organisationId), inArray(resources.id, ids)))).map((r) => r.id)
      : [],
  );
  const seenIds = new Set<string>();
  const parsed: Array<{ id?: string; values: Omit<typeof resources.$inferInsert, 'organisationId'> }> = [];
  for (const { line, values } of rows) {
    const cell = (field: string) => {
      const i = fields.indexOf(field);
      return i < 0 ? '' : (values[i] ?? '').trim();
    };
    const before = problems.length;
    const id = cell('id');
    if (id && !existing.has(id)) problem(line, 'unknown_id', { id });
    else if (id && seenIds.has(id)) problem(line, 'id_twice', { id });
    if (id) seenIds.add(id);
    const name = cell('name');
    if (!name) problem(line, 'name_empty');
    for (const [field, max] of Object.entries(LIMITS)) {
      if (cell(field).length > max) problem(line, 'too_long', { field: fields.includes(field) ? header.values[fields.indexOf(field)] : field, max });
    }
    const email = cell('email').toLowerCase();
    if (email && !ZEmail.safeParse(email).success) problem(line, 'email_invalid');
    const phone = cell('phone') ? toE164(cell('phone'), country) : null;
    if (cell('phone') && !phone) problem(line, 'phone_invalid');
    const needCodes = [...new Set(splitList(cell('needCodes')))];
    for (const code of needCodes) if (!known.has(code)) problem(line, 'not_a_need', { code });
    const languages = [...new Set(splitList(cell('languages')).map((l) => l.toLowerCase()))];
    for (const language of languages) if (!/^[a-z]{2,3}$/.test(language)) problem(line, 'language_invalid', { language });
    const active = cell('active');
    if (active && !YES_OR_NO.test(active)) problem(line, 'active_invalid', { active });
    if (problems.length > before) continue;
    const description = cell('description');
    const address = cell('address') || null;
    parsed.push({
      id: id || undefined,
      values: {
        name,
        description,
        needCodes,
        email: email || null,
        phone,
        address,
        openingHours: cell('openingHours') || null,
        languages,
        active: !active || YES.test(active),
        searchText: resourceSearchText({ name, description, address }),
      },
    });
  }
  if (problems.length) throw refuse();

  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    const inserts = parsed.filter((p) => !p.id).map((p) => ({ ...p.values, organisationId: admin.organisationId, createdBy: admin.id }));
    for (let i = 0; i < inserts.length; i += 500) {
      await tx.insert(resources).values(inserts.slice(i, i + 500));
    }
    created = inserts.length;
    for (const p of parsed.filter((x) => x.id)) {
      await tx.update(resources).set(p.values).where(and(eq(resources.id, p.id!), eq(resources.organisationId, admin.organisationId)));
      updated++;
    }
    await writeAudit(tx, { ...auditActor(admin), action: 'resource.imported', subjectType: 'resource', subjectId: 'csv', details: { created, updated } });
    return { created, updated };
  });
}
