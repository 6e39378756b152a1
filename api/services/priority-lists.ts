// Priority lists of the CPI (liste di priorità): imported from CSV or XLSX all or nothing, each
// worker matched by codice fiscale to a person file of the organisation (or given one), with a
// convocation state derived from their appointments and a verification outcome whose history
// is kept. The export streams a real XLSX (exceljs' WorkbookWriter) so 50,000 rows stay small.
import ExcelJS from 'exceljs';
import { isXlsx, readCsv, readXlsx, type SheetProblem, type SheetRecord } from '../../documents/spreadsheets';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { formatCode } from '../../db/counters';
import { counters, organisations, persons, priorityListWorkers, priorityLists, users, workerVerifications } from '../../db/schema';
import { dateParam } from '../../domain/dates';
import { t, type Locale } from '../../domain/i18n';
import { isValidCodiceFiscale, normalizeDocumentNumber } from '../../domain/identity-documents';
import {
  codiceFiscaleMatchesBirthDate,
  italianProvinces,
  verificationOutcomes,
  type ConvocationState,
  type VerificationOutcome,
} from '../../domain/priority-lists';
import { normalizeForSearch, personSearchText } from '../../domain/text';
import type { SessionUser } from '../context';
import { ApiError, forbidden, notFound } from '../errors';
import { iso } from '../schemas';

export async function findList(db: Db, user: SessionUser, id: string) {
  const [row] = await db.select().from(priorityLists).where(and(eq(priorityLists.id, id), eq(priorityLists.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

export async function listLists(db: Db, user: SessionUser, q: { page: number; pageSize: number }) {
  const where = eq(priorityLists.organisationId, user.organisationId);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ l: priorityLists, createdByName: users.name })
      .from(priorityLists)
      .leftJoin(users, eq(users.id, priorityLists.createdBy))
      .where(where)
      .orderBy(sql`${priorityLists.createdAt} desc`, asc(priorityLists.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(priorityLists).where(where),
  ]);
  return {
    items: rows.map(({ l, createdByName }) => ({
      id: l.id,
      name: l.name,
      fileName: l.fileName,
      workerCount: l.workerCount,
      createdBy: l.createdBy,
      createdByName,
      createdAt: iso(l.createdAt)!,
    })),
    total,
  };
}

// ---- import -----------------------------------------------------------------------------------

export const MAX_LIST_ROWS = 50_000;

/** Column names accepted, Italian first (the contract's), Spanish and English too; accents and case ignored. */
const COLUMNS: Record<string, string[]> = {
  codiceFiscale: ['codice_fiscale', 'codicefiscale', 'cf', 'tax_code'],
  firstName: ['nome', 'first_name', 'nombre'],
  lastName: ['cognome', 'last_name', 'surname', 'apellidos'],
  birthDate: ['data_nascita', 'data_di_nascita', 'birth_date', 'fecha_nacimiento'],
  province: ['provincia', 'province'],
  benefit: ['beneficio', 'prestazione', 'benefit', 'prestacion'],
};
const REQUIRED = ['codiceFiscale', 'firstName', 'lastName', 'birthDate', 'province'];
const columnByName = new Map(Object.entries(COLUMNS).flatMap(([field, names]) => names.map((n) => [n, field] as const)));
const LIMITS: Record<string, number> = { firstName: 100, lastName: 100, benefit: 200 };

/** YYYY-MM-DD from 1975-03-12, 12/03/1975 or 12-03-1975 (Italian order), when it is a real past day. */
export function parseBirthDate(value: string, today = new Date()): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date > today) return null;
  return date.toISOString().slice(0, 10);
}

export interface ParsedWorker {
  line: number;
  codiceFiscale: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  province: string;
  benefit: string | null;
}

/**
 * The workers of a file, or every problem as "Riga 4: codice fiscale non valido" in the
 * reader's language: nothing is imported until the whole file is right.
 */
export async function parseWorkersFile(file: { name: string; content: Buffer }, locale: Locale): Promise<{ workers: ParsedWorker[] } | { problems: Array<{ line: number; message: string }> }> {
  const problems: Array<{ line: number; message: string }> = [];
  const problem = (line: number, key: string, params: Record<string, string | number> = {}) =>
    problems.push({ line, message: t(locale, 'priority_lists.import.line', { line, problem: t(locale, `priority_lists.import.${key}`, params) }) });

  const name = file.name.toLowerCase();
  let records: SheetRecord[] | SheetProblem | { line: number; problem: 'file_type' };
  if (isXlsx(file.content) || name.endsWith('.xlsx')) records = await readXlsx(file.content);
  else if (name.endsWith('.csv') || name.endsWith('.txt') || !/\.\w+$/.test(name)) records = readCsv(file.content.toString('utf8'));
  else records = { line: 1, problem: 'file_type' };
  if (!Array.isArray(records)) {
    problem(records.line, records.problem);
    return { problems };
  }
  const [header, ...rows] = records;
  if (!header) {
    problem(1, 'empty');
    return { problems };
  }
  const fields = header.values.map((h) => columnByName.get(normalizeForSearch(h).trim().replace(/\s+/g, '_')));
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (missing.length) problem(header.line, 'missing_columns', { columns: missing.map((f) => COLUMNS[f][0]).join(', ') });
  header.values.forEach((h, i) => !fields[i] && h.trim() && problem(header.line, 'unknown_column', { column: h }));
  if (!missing.length && !rows.length) problem(header.line, 'empty');
  if (rows.length > MAX_LIST_ROWS) problem(rows[MAX_LIST_ROWS].line, 'too_many', { max: MAX_LIST_ROWS });
  if (problems.length) return { problems };

  const seen = new Map<string, number>();
  const workers: ParsedWorker[] = [];
  for (const { line, values } of rows) {
    const cell = (field: string) => {
      const i = fields.indexOf(field);
      return i < 0 ? '' : (values[i] ?? '').trim();
    };
    const before = problems.length;
    const rawCf = cell('codiceFiscale');
    const cf = normalizeDocumentNumber(rawCf);
    if (!cf) problem(line, 'cf_missing');
    else if (!isValidCodiceFiscale(cf)) problem(line, 'cf_invalid', { value: rawCf });
    else if (seen.has(cf)) problem(line, 'cf_twice', { value: cf, other: seen.get(cf)! });
    if (cf && !seen.has(cf)) seen.set(cf, line);
    const firstName = cell('firstName');
    const lastName = cell('lastName');
    if (!firstName) problem(line, 'first_name_empty');
    if (!lastName) problem(line, 'last_name_empty');
    for (const [field, max] of Object.entries(LIMITS)) {
      if (cell(field).length > max) problem(line, 'too_long', { field: header.values[fields.indexOf(field)], max });
    }
    const birthDate = parseBirthDate(cell('birthDate'));
    if (!birthDate) problem(line, 'birth_date_invalid', { value: cell('birthDate') });
    else if (cf && isValidCodiceFiscale(cf) && !codiceFiscaleMatchesBirthDate(cf, birthDate)) problem(line, 'cf_birth_mismatch', { value: cf, birthDate: cell('birthDate') });
    const province = cell('province').toUpperCase();
    if (!italianProvinces.has(province)) problem(line, 'province_invalid', { value: cell('province') });
    if (problems.length > before) continue;
    workers.push({ line, codiceFiscale: cf, firstName, lastName, birthDate: birthDate!, province, benefit: cell('benefit') || null });
  }
  return problems.length ? { problems } : { workers };
}

/** Reserves `n` numbers of an organisation's sequence at once: [first, first + n). */
async function reserveCounter(db: Pick<Db, 'insert'>, organisationId: string, name: string, n: number): Promise<number> {
  const [row] = await db
    .insert(counters)
    .values({ organisationId, name, value: n })
    .onConflictDoUpdate({ target: [counters.organisationId, counters.name], set: { value: sql`${counters.value} + ${n}` } })
    .returning({ value: counters.value });
  return row.value - n + 1;
}

export async function importPriorityList(db: Db, user: SessionUser, input: { name: string; file: { name: string; content: Buffer } }, locale: Locale) {
  const parsed = await parseWorkersFile(input.file, locale);
  if ('problems' in parsed) {
    const lines = new Set(parsed.problems.map((p) => p.line)).size;
    throw new ApiError(400, 'invalid_input', 'errors.csv_invalid', { count: lines }, {
      lines: parsed.problems,
      fields: [{ path: 'file', message: t(locale, 'errors.csv_invalid', { count: lines }) }],
    });
  }
  const { workers } = parsed;
  return db.transaction(async (tx) => {
    const [list] = await tx
      .insert(priorityLists)
      .values({ organisationId: user.organisationId, name: input.name, fileName: input.file.name.slice(0, 200), workerCount: workers.length, createdBy: user.id })
      .returning();
    // A worker already known (by codice fiscale) keeps their person file; the others get one.
    const byCf = new Map<string, string>();
    for (let i = 0; i < workers.length; i += 1000) {
      const cfs = workers.slice(i, i + 1000).map((w) => w.codiceFiscale);
      const found = await tx
        .select({ id: persons.id, documentId: persons.documentId })
        .from(persons)
        .where(and(eq(persons.organisationId, user.organisationId), inArray(persons.documentId, cfs)))
        .orderBy(asc(persons.createdAt));
      for (const p of found) if (!byCf.has(p.documentId!)) byCf.set(p.documentId!, p.id);
    }
    const newcomers = workers.filter((w) => !byCf.has(w.codiceFiscale));
    if (newcomers.length) {
      const first = await reserveCounter(tx, user.organisationId, 'person', newcomers.length);
      for (let i = 0; i < newcomers.length; i += 500) {
        const rows = newcomers.slice(i, i + 500).map((w, j) => {
          const code = formatCode('EXP', first + i + j);
          return {
            organisationId: user.organisationId,
            code,
            firstName: w.firstName,
            lastName: w.lastName,
            documentId: w.codiceFiscale,
            documentType: 'codice_fiscale',
            birthDate: w.birthDate,
            createdBy: user.id,
            searchText: personSearchText({ firstName: w.firstName, lastName: w.lastName, code, documentId: w.codiceFiscale }, [], []),
          };
        });
        const inserted = await tx.insert(persons).values(rows).returning({ id: persons.id, documentId: persons.documentId });
        for (const p of inserted) byCf.set(p.documentId!, p.id);
      }
    }
    // A worker verified on an earlier list carries the outcome onto this one.
    const personIds = workers.map((w) => byCf.get(w.codiceFiscale)!);
    const latest = new Map<string, typeof workerVerifications.$inferSelect>();
    for (let i = 0; i < personIds.length; i += 1000) {
      const rows = await tx
        .selectDistinctOn([workerVerifications.personId])
        .from(workerVerifications)
        .where(inArray(workerVerifications.personId, personIds.slice(i, i + 1000)))
        .orderBy(workerVerifications.personId, sql`${workerVerifications.createdAt} desc`);
      for (const r of rows) latest.set(r.personId, r);
    }
    for (let i = 0; i < workers.length; i += 500) {
      await tx.insert(priorityListWorkers).values(
        workers.slice(i, i + 500).map((w) => {
          const personId = byCf.get(w.codiceFiscale)!;
          const v = latest.get(personId);
          return {
            listId: list.id,
            organisationId: user.organisationId,
            personId,
            line: w.line,
            codiceFiscale: w.codiceFiscale,
            firstName: w.firstName,
            lastName: w.lastName,
            birthDate: w.birthDate,
            province: w.province,
            benefit: w.benefit,
            verificationOutcome: v?.outcome ?? null,
            verificationNote: v?.note ?? null,
            verifiedAt: v?.createdAt ?? null,
            verifiedBy: v?.recordedBy ?? null,
          };
        }),
      );
    }
    await writeAudit(tx, {
      ...auditActor(user),
      action: 'priority_list.imported',
      subjectType: 'priority_list',
      subjectId: list.id,
      details: { name: input.name, imported: workers.length, newPersons: newcomers.length, matched: workers.length - newcomers.length },
    });
    return { id: list.id, imported: workers.length, newPersons: newcomers.length, matched: workers.length - newcomers.length };
  });
}

// ---- workers, convocation and verification ----------------------------------------------------

/** The worker's convocation state: their latest appointment that was not cancelled (none: not convoked). */
export const convocationSql = sql<ConvocationState>`coalesce((
  select a.status from appointments a
  where a.person_id = ${priorityListWorkers.personId} and a.status <> 'cancelled'
  order by a.starts_at desc limit 1), 'not_convoked')`;

export interface WorkerFilter {
  convocation?: ConvocationState;
  /** An outcome, or `none` for workers not verified yet. */
  verification?: VerificationOutcome | 'none';
  q?: string;
}

function workerConditions(listId: string, f: WorkerFilter): SQL {
  const conditions: SQL[] = [eq(priorityListWorkers.listId, listId)];
  if (f.verification === 'none') conditions.push(sql`${priorityListWorkers.verificationOutcome} is null`);
  else if (f.verification) conditions.push(eq(priorityListWorkers.verificationOutcome, f.verification));
  if (f.convocation) conditions.push(sql`${convocationSql} = ${f.convocation}`);
  if (f.q?.trim()) {
    const term = `%${f.q.trim().toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(sql`(lower(${priorityListWorkers.lastName} || ' ' || ${priorityListWorkers.firstName}) like ${term} or lower(${priorityListWorkers.codiceFiscale}) like ${term})`);
  }
  return and(...conditions)!;
}

const workerColumns = {
  w: priorityListWorkers,
  convocation: convocationSql,
  verifiedByName: users.name,
};

type WorkerRow = { w: typeof priorityListWorkers.$inferSelect; convocation: ConvocationState; verifiedByName: string | null };

function toWorker({ w, convocation, verifiedByName }: WorkerRow) {
  return {
    personId: w.personId,
    line: w.line,
    codiceFiscale: w.codiceFiscale,
    firstName: w.firstName,
    lastName: w.lastName,
    birthDate: w.birthDate,
    province: w.province,
    benefit: w.benefit,
    convocation,
    verification: w.verificationOutcome ? { outcome: w.verificationOutcome, note: w.verificationNote, at: iso(w.verifiedAt)!, by: w.verifiedBy, byName: verifiedByName } : null,
  };
}

export async function listWorkers(db: Db, user: SessionUser, listId: string, f: WorkerFilter & { page: number; pageSize: number }) {
  await findList(db, user, listId);
  const where = workerConditions(listId, f);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(workerColumns)
      .from(priorityListWorkers)
      .leftJoin(users, eq(users.id, priorityListWorkers.verifiedBy))
      .where(where)
      .orderBy(asc(priorityListWorkers.line))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(priorityListWorkers).where(where),
  ]);
  return { items: (rows as WorkerRow[]).map(toWorker), total };
}

/** The person's verification history, newest first. */
export async function verificationHistory(db: Db, user: SessionUser, personId: string) {
  const rows = await db
    .select({ v: workerVerifications, byName: users.name })
    .from(workerVerifications)
    .leftJoin(users, eq(users.id, workerVerifications.recordedBy))
    .where(and(eq(workerVerifications.personId, personId), eq(workerVerifications.organisationId, user.organisationId)))
    .orderBy(sql`${workerVerifications.createdAt} desc`);
  return { items: rows.map(({ v, byName }) => ({ id: v.id, outcome: v.outcome, note: v.note, listId: v.listId, at: iso(v.createdAt)!, by: v.recordedBy, byName })) };
}

export async function recordVerification(db: Db, user: SessionUser, listId: string, personId: string, input: { outcome: VerificationOutcome; note?: string | null }) {
  await findList(db, user, listId);
  const [worker] = await db.select({ id: priorityListWorkers.id }).from(priorityListWorkers).where(and(eq(priorityListWorkers.listId, listId), eq(priorityListWorkers.personId, personId)));
  if (!worker) throw new ApiError(404, 'worker_not_in_list', 'errors.worker_not_in_list');
  const note = input.note?.trim() || null;
  return db.transaction(async (tx) => {
    const [v] = await tx.insert(workerVerifications).values({ organisationId: user.organisationId, personId, listId, outcome: input.outcome, note, recordedBy: user.id }).returning();
    // The person's outcome shows on every list they are on.
    await tx
      .update(priorityListWorkers)
      .set({ verificationOutcome: v.outcome, verificationNote: note, verifiedAt: v.createdAt, verifiedBy: user.id })
      .where(and(eq(priorityListWorkers.personId, personId), eq(priorityListWorkers.organisationId, user.organisationId)));
    await writeAudit(tx, {
      ...auditActor(user),
      action: 'priority_list.verification_recorded',
      subjectType: 'priority_list',
      subjectId: listId,
      personId,
      details: { outcome: v.outcome, note },
    });
    return { personId, outcome: v.outcome, note, at: iso(v.createdAt)!, by: user.id, byName: user.name };
  });
}

/**
 * The person's verification when it forbids convoking them (renounced, employed): the 422 says
 * why and since when, the date in the reader's language. `eligible` recorded later clears it.
 */
export async function excludingVerification(db: Pick<Db, 'select'>, personId: string) {
  const [latest] = await db
    .select()
    .from(workerVerifications)
    .where(eq(workerVerifications.personId, personId))
    .orderBy(sql`${workerVerifications.createdAt} desc`)
    .limit(1);
  return latest && (latest.outcome === 'renounced' || latest.outcome === 'excluded_employed') ? latest : null;
}

export function workerExcluded(name: string, v: { outcome: string; createdAt: Date; note: string | null }) {
  return new ApiError(422, 'worker_excluded', 'errors.worker_excluded', { name, reason: `@priority_lists.verification.${v.outcome}`, since: dateParam(v.createdAt, 'date') }, {
    outcome: v.outcome,
    since: v.createdAt.toISOString(),
    note: v.note,
  });
}

// ---- export -----------------------------------------------------------------------------------

const EXPORT_BATCH = 500;
const ENTRY_BACKLOG_BYTES = 1024 * 1024;

/**
 * exceljs writes the sheet's XML into its zip entry without waiting (its StreamBuf ignores
 * backpressure, and the entry is a readable-stream v2 PassThrough without writableNeedDrain), so a
 * fast database piles the uncompressed sheet up in memory (5 MB per 25,000 rows, measured). Before
 * the next batch, wait until the entry has handed its buffer to the deflater and the response has
 * taken what was written.
 */
async function drained(sheet: ExcelJS.Worksheet, out: Writable) {
  const entry = (sheet as unknown as { stream?: { pipes?: Array<{ _writableState?: { length: number; highWaterMark: number } }> } }).stream?.pipes?.[0];
  const state = entry?._writableState;
  // Up to 1 MB of XML may wait for the deflater: memory stays bounded and batches do not stall on every chunk.
  while (state && state.length > ENTRY_BACKLOG_BYTES) await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
}

/**
 * Writes the list with the filters as an XLSX to `out`, row by row (exceljs' streaming
 * WorkbookWriter, batches read by keyset on the line), so memory stays flat however long it is.
 */
export async function exportWorkersXlsx(db: Db, user: SessionUser, listId: string, f: WorkerFilter, locale: Locale, out: Writable): Promise<number> {
  const list = await findList(db, user, listId);
  const labels = exportLabels[locale];
  const outcomes = Object.fromEntries(verificationOutcomes.map((o) => [o, t(locale, `priority_lists.verification.${o}`)]));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(list.name.slice(0, 31).replace(/[\\/*?:[\]]/g, ' ') || 'Lista');
  sheet.columns = [
    { header: labels.codiceFiscale, key: 'cf', width: 20 },
    { header: labels.lastName, key: 'lastName', width: 22 },
    { header: labels.firstName, key: 'firstName', width: 18 },
    { header: labels.birthDate, key: 'birthDate', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
    { header: labels.province, key: 'province', width: 10 },
    { header: labels.benefit, key: 'benefit', width: 20 },
    { header: labels.convocation, key: 'convocation', width: 22 },
    { header: labels.verification, key: 'verification', width: 30 },
    { header: labels.note, key: 'note', width: 40 },
    { header: labels.verifiedAt, key: 'verifiedAt', width: 18, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const where = workerConditions(listId, f);
  let after = 0;
  let written = 0;
  for (;;) {
    const rows = (await db
      .select(workerColumns)
      .from(priorityListWorkers)
      .leftJoin(users, eq(users.id, priorityListWorkers.verifiedBy))
      .where(and(where, sql`${priorityListWorkers.line} > ${after}`))
      .orderBy(asc(priorityListWorkers.line))
      .limit(EXPORT_BATCH)) as WorkerRow[];
    for (const { w, convocation } of rows) {
      sheet
        .addRow({
          cf: w.codiceFiscale,
          lastName: w.lastName,
          firstName: w.firstName,
          // A date cell (UTC midnight is what Excel reads as that day).
          birthDate: new Date(`${w.birthDate}T00:00:00Z`),
          province: w.province,
          benefit: w.benefit ?? '',
          convocation: labels.convocations[convocation],
          verification: w.verificationOutcome ? outcomes[w.verificationOutcome] : '',
          note: w.verificationNote ?? '',
          verifiedAt: w.verifiedAt ? localWallClock(w.verifiedAt, user.organisationTimezone) : null,
        })
        .commit();
    }
    written += rows.length;
    if (rows.length < EXPORT_BATCH) break;
    after = rows[rows.length - 1].w.line;
    await drained(sheet, out);
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

/** Excel has no time zones: a date-time cell shows the organisation's wall clock. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function localWallClock(at: Date, timeZone: string): Date {
  // Making a DateTimeFormat costs far more than using one: one per zone, not one per row.
  let formatter = wallClocks.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    wallClocks.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
}

const exportLabels: Record<Locale, { codiceFiscale: string; lastName: string; firstName: string; birthDate: string; province: string; benefit: string; convocation: string; verification: string; note: string; verifiedAt: string; convocations: Record<ConvocationState, string> }> = {
  it: {
    codiceFiscale: 'Codice fiscale', lastName: 'Cognome', firstName: 'Nome', birthDate: 'Data di nascita', province: 'Provincia', benefit: 'Beneficio',
    convocation: 'Convocazione', verification: 'Verifica', note: 'Nota', verifiedAt: 'Verificato il',
    convocations: { not_convoked: 'Non convocato', booked: 'Appuntamento fissato', attended: 'Presentato', no_show: 'Non presentato' },
  },
  es: {
    codiceFiscale: 'Codice fiscale', lastName: 'Apellidos', firstName: 'Nombre', birthDate: 'Fecha de nacimiento', province: 'Provincia', benefit: 'Prestación',
    convocation: 'Convocatoria', verification: 'Verificación', note: 'Nota', verifiedAt: 'Verificado el',
    convocations: { not_convoked: 'No convocado', booked: 'Cita reservada', attended: 'Acudió', no_show: 'No acudió' },
  },
  en: {
    codiceFiscale: 'Codice fiscale', lastName: 'Surname', firstName: 'First name', birthDate: 'Birth date', province: 'Province', benefit: 'Benefit',
    convocation: 'Convocation', verification: 'Verification', note: 'Note', verifiedAt: 'Verified on',
    convocations: { not_convoked: 'Not convoked', booked: 'Appointment booked', attended: 'Attended', no_show: 'No-show' },
  },
};
