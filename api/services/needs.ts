// The needs catalogue: each organisation's copy of the three-level taxonomy. Levels 1-2 are
// fixed; specific needs (level 3) are added, renamed, deactivated and imported by admins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db, DbLike } from '../../db/client';
import { needs } from '../../db/schema';
import { projectRoot } from '../../platform/paths';
import type { SessionUser } from '../context';
import { ApiError, conflict, invalidInput, notFound } from '../errors';
import { t, type Locale } from '../../domain/i18n';

interface Taxonomy {
  groups: Array<{ code: string; name: string; needs: Array<{ code: string; name: string; specific: Array<{ code: string; name: string }> }> }>;
}

let taxonomy: Taxonomy | undefined;
function seedTaxonomy(): Taxonomy {
  taxonomy ??= JSON.parse(readFileSync(join(projectRoot, 'db', 'seed', 'needs-taxonomy.json'), 'utf8')) as Taxonomy;
  return taxonomy;
}

export type NeedRow = typeof needs.$inferSelect;

/**
 * Gives the organisation its copy of the seed taxonomy the first time it is needed, so
 * existing, demo and test organisations all have one. Concurrent first uses insert once.
 */
export async function ensureNeedsCatalogue(db: DbLike, organisationId: string): Promise<void> {
  const [any] = await db.select({ code: needs.code }).from(needs).where(eq(needs.organisationId, organisationId)).limit(1);
  if (any) return;
  const rows: Array<typeof needs.$inferInsert> = [];
  let position = 0;
  for (const g of seedTaxonomy().groups) {
    rows.push({ organisationId, code: g.code, level: 1, parentCode: null, name: g.name, position: position++ });
    for (const n of g.needs) {
      rows.push({ organisationId, code: n.code, level: 2, parentCode: g.code, name: n.name, position: position++ });
      for (const s of n.specific) rows.push({ organisationId, code: s.code, level: 3, parentCode: n.code, name: s.name, position: position++ });
    }
  }
  await db.insert(needs).values(rows).onConflictDoNothing();
}

export async function catalogueRows(db: Db, organisationId: string): Promise<NeedRow[]> {
  await ensureNeedsCatalogue(db, organisationId);
  return db.select().from(needs).where(eq(needs.organisationId, organisationId)).orderBy(asc(needs.position), asc(needs.code));
}

export interface NeedNode {
  code: string;
  name: string;
  active?: boolean;
  children?: NeedNode[];
}

/** The contract's tree: groups → needs → specific needs (with `active` on the specific ones). */
export async function needsTree(db: Db, organisationId: string, includeInactive: boolean) {
  const rows = await catalogueRows(db, organisationId);
  const childrenOf = (code: string) => rows.filter((r) => r.parentCode === code);
  return rows
    .filter((r) => r.level === 1)
    .map((g) => ({
      code: g.code,
      name: g.name,
      children: childrenOf(g.code).map((n) => ({
        code: n.code,
        name: n.name,
        children: childrenOf(n.code)
          .filter((s) => includeInactive || s.active)
          .map((s) => ({ code: s.code, name: s.name, active: s.active })),
      })),
    }));
}

/** Names of any codes (any level, active or not), for showing old cases. */
export async function needNames(db: Db, organisationId: string, codes: string[]): Promise<Map<string, NeedRow>> {
  if (!codes.length) return new Map();
  await ensureNeedsCatalogue(db, organisationId);
  const rows = await db.select().from(needs).where(and(eq(needs.organisationId, organisationId), inArray(needs.code, [...new Set(codes)])));
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * Specific needs chosen in an assessment, with their second-level need and group. Unknown and
 * inactive codes are a 400 naming each of them.
 */
export async function resolveSpecificNeeds(db: Db, organisationId: string, codes: string[]) {
  const distinct = [...new Set(codes)];
  const found = await needNames(db, organisationId, distinct);
  const fields: Array<{ path: string; message: string; code: string }> = [];
  const unknown: string[] = [];
  const inactive: string[] = [];
  codes.forEach((code, i) => {
    const row = found.get(code);
    if (!row || row.level !== 3) {
      unknown.push(code);
      fields.push({ path: `needs.${i}`, message: `Unknown specific need ${code}`, code: 'unknown_need' });
    } else if (!row.active) {
      inactive.push(code);
      fields.push({ path: `needs.${i}`, message: `Need ${code} is no longer in use`, code: 'inactive_need' });
    }
  });
  if (fields.length) {
    throw new ApiError(400, 'invalid_input', 'errors.unknown_needs', { codes: [...unknown, ...inactive].join(', ') }, { fields, unknown, inactive });
  }
  const parents = await needNames(db, organisationId, distinct.map((c) => found.get(c)!.parentCode!));
  return distinct.map((code) => {
    const need = found.get(code)!;
    const parent = parents.get(need.parentCode!)!;
    return { code, name: need.name, needCode: parent.code, needName: parent.name, groupCode: parent.parentCode! };
  });
}

async function nextSpecificCode(db: DbLike, organisationId: string, parentCode: string): Promise<string> {
  const rows = await db.select({ code: needs.code }).from(needs).where(and(eq(needs.organisationId, organisationId), eq(needs.parentCode, parentCode)));
  const taken = new Set(rows.map((r) => r.code));
  // 99 is "OTRAS NECESIDADES" in the seed; new ones take the lowest free number.
  for (let i = 1; i < 99; i++) {
    const code = `${parentCode}${String(i).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
  throw conflict('catalogue_full', 'errors.catalogue_full', { parent: parentCode });
}

async function secondLevel(db: DbLike, organisationId: string, code: string): Promise<NeedRow | undefined> {
  const [row] = await db.select().from(needs).where(and(eq(needs.organisationId, organisationId), eq(needs.code, code)));
  return row?.level === 2 ? row : undefined;
}

const CODE = /^\d{6,8}$/;

export async function addSpecificNeed(db: Db, admin: SessionUser, input: { parentCode: string; name: string; code?: string }) {
  await ensureNeedsCatalogue(db, admin.organisationId);
  const parent = await secondLevel(db, admin.organisationId, input.parentCode);
  if (!parent) throw invalidInput([{ path: 'parentCode', message: `Not a second-level need: ${input.parentCode}` }]);
  if (input.code && (!input.code.startsWith(parent.code) || !CODE.test(input.code))) {
    throw invalidInput([{ path: 'code', message: `A specific need's code starts with its need's code (${parent.code}) and has 6 to 8 digits` }]);
  }
  return db.transaction(async (tx) => {
    const code = input.code ?? (await nextSpecificCode(tx, admin.organisationId, parent.code));
    const [created] = await tx
      .insert(needs)
      .values({ organisationId: admin.organisationId, code, level: 3, parentCode: parent.code, name: input.name, position: 100_000 })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict('need_exists', 'errors.need_exists', { code });
    await writeAudit(tx, { ...auditActor(admin), action: 'need.created', subjectType: 'need', subjectId: code, details: { name: input.name, parentCode: parent.code } });
    return created;
  });
}

export async function updateSpecificNeed(db: Db, admin: SessionUser, code: string, input: { name?: string; active?: boolean }) {
  await ensureNeedsCatalogue(db, admin.organisationId);
  const [row] = await db.select().from(needs).where(and(eq(needs.organisationId, admin.organisationId), eq(needs.code, code)));
  if (!row) throw notFound();
  if (row.level !== 3) throw conflict('need_level_fixed', 'errors.need_level_fixed', { code });
  const [updated] = await db
    .update(needs)
    .set({ name: input.name ?? row.name, active: input.active ?? row.active })
    .where(and(eq(needs.organisationId, admin.organisationId), eq(needs.code, code)))
    .returning();
  await writeAudit(db, { ...auditActor(admin), action: 'need.updated', subjectType: 'need', subjectId: code, details: input });
  return updated;
}

/** Splits one CSV line, honouring double quotes ("a, b" and "" inside quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') (out.push(field.trim()), (field = ''));
    else field += ch;
  }
  out.push(field.trim());
  return out;
}

/**
 * Imports specific needs from CSV: `parent_code,code,name[,active]` (code may be empty: a new
 * code is given). An existing code is renamed. All lines or none: bad lines are a 400 listing each.
 */
export async function importNeedsCsv(db: Db, admin: SessionUser, csv: string, locale: Locale = 'es') {
  await ensureNeedsCatalogue(db, admin.organisationId);
  const rows = await catalogueRows(db, admin.organisationId);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const lines = csv.split(/\r?\n/).map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim());
  if (lines.length && /parent/i.test(lines[0].text)) lines.shift();
  const errors: Array<{ line: number; message: string }> = [];
  // Each bad line is told in the admin's language: they fix the file line by line.
  const lineError = (line: number, key: string, params: Record<string, string | number> = {}) =>
    errors.push({ line, message: t(locale, `needs.csv.${key}`, params) });
  const parsed: Array<{ line: number; parentCode: string; code: string; name: string; active: boolean }> = [];
  const seen = new Set<string>();
  for (const { text, line } of lines) {
    const [parentCode = '', code = '', name = '', active = ''] = csvFields(text);
    const parent = byCode.get(parentCode);
    const existing = code ? byCode.get(code) : undefined;
    if (!parent || parent.level !== 2) lineError(line, 'not_a_need', { parentCode });
    else if (!name) lineError(line, 'name_empty');
    else if (name.length > 200) lineError(line, 'name_too_long');
    else if (code && (!code.startsWith(parentCode) || !CODE.test(code))) lineError(line, 'code_format', { code, parentCode });
    else if (existing && existing.level !== 3) lineError(line, 'code_not_specific', { code });
    else if (existing && existing.parentCode !== parentCode) lineError(line, 'code_other_parent', { code, parentCode: existing.parentCode ?? '' });
    else if (code && seen.has(code)) lineError(line, 'code_twice', { code });
    else if (active && !/^(true|false|1|0|si|sí|no|yes)$/i.test(active)) lineError(line, 'active_invalid', { active });
    else {
      if (code) seen.add(code);
      parsed.push({ line, parentCode, code, name, active: !active || /^(true|1|si|sí|yes)$/i.test(active) });
    }
  }
  if (!lines.length) lineError(0, 'empty');
  if (errors.length) {
    throw new ApiError(400, 'invalid_input', 'errors.csv_invalid', { count: errors.length }, {
      lines: errors,
      fields: [{ path: 'csv', message: t(locale, 'errors.csv_invalid', { count: errors.length }) }],
    });
  }

  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const p of parsed) {
      if (p.code && byCode.has(p.code)) {
        await tx.update(needs).set({ name: p.name, active: p.active }).where(and(eq(needs.organisationId, admin.organisationId), eq(needs.code, p.code)));
        updated++;
      } else {
        const code = p.code || (await nextSpecificCode(tx, admin.organisationId, p.parentCode));
        await tx.insert(needs).values({ organisationId: admin.organisationId, code, level: 3, parentCode: p.parentCode, name: p.name, active: p.active, position: 100_000 });
        created++;
      }
    }
    await writeAudit(tx, { ...auditActor(admin), action: 'need.imported', subjectType: 'need', subjectId: 'csv', details: { created, updated } });
    return { created, updated };
  });
}
