// The CV of a person file (Formación y empleo): read and save as one document, the professional
// cards catalogue (autocomplete; admins extend it), each card's expiry reminder workflow started,
// moved or removed as the CV is saved, and the CV PDF in the reader's language.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db, DbLike } from '../../db/client';
import { organisations, personCvs, personEmails, personPhones, personProfessionalCards, persons, professionalCards } from '../../db/schema';
import { cardReminderAt, defaultProfessionalCards, sepeWorkerData, type EducationLevel } from '../../domain/employment-cv';
import { t, TEMPORAL_UI_LOCALE, type Locale } from '../../domain/i18n';
import { normalizeDocumentNumber } from '../../domain/identity-documents';
import { effectiveSettings } from '../../domain/organisation-settings';
import { checkWorkerId } from '../../domain/spanish-ids';
import { normalizeForSearch } from '../../domain/text';
import { renderCvPdf } from '../../documents/cv-pdf';
import type { ProfessionalCardInput, ProfessionalCardPlan } from '../../workflows/professional-card.definitions';
import { professionalCardWorkflowId, removeProfessionalCardUpdate, setProfessionalCardExpiryUpdate } from '../../workflows/professional-card.definitions';
import type { professionalCardWorkflow } from '../../workflows/professional-card';
import { assigneeKey, businessKeyKey, kindKey, organisationKey, personKey, statusKey } from '../../workflows/search-attributes';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, invalidInput, notFound } from '../errors';
import { iso } from '../schemas';
import type { TCv, TCvRequest } from '../routes/cv.schemas';
import type { PersonDependent } from './person-dependents';
import { displayName, findPersonRow, refreshSearchText } from './persons';

type CardRow = typeof personProfessionalCards.$inferSelect;

/** An organisation's catalogue starts with the usual Spanish cards the first time it is used. */
export async function ensureCardCatalogue(db: DbLike, organisationId: string): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(professionalCards).where(eq(professionalCards.organisationId, organisationId));
  if (n > 0) return;
  await db
    .insert(professionalCards)
    .values(defaultProfessionalCards.map((c) => ({ organisationId, code: c.code, name: c.name })))
    .onConflictDoNothing();
}

async function organisationOf(db: DbLike, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return { timezone: org.timezone, reminderDays: effectiveSettings(org.settings).professionalCardReminderDays, name: org.name };
}

export async function getCv(db: Db, user: SessionUser, personId: string): Promise<TCv> {
  const person = await findPersonRow(db, user, personId);
  const [row] = await db.select().from(personCvs).where(eq(personCvs.personId, person.id));
  const cards = await db
    .select({ c: personProfessionalCards, code: professionalCards.code, name: professionalCards.name })
    .from(personProfessionalCards)
    .innerJoin(professionalCards, eq(professionalCards.id, personProfessionalCards.cardId))
    .where(eq(personProfessionalCards.personId, person.id))
    .orderBy(asc(personProfessionalCards.position), asc(personProfessionalCards.createdAt));
  const org = await organisationOf(db, user.organisationId);
  const profile = {
    sex: row?.sex ?? null,
    disability: row?.disability ?? false,
    disabilityPercent: row?.disabilityPercent ?? null,
    immigrant: row?.immigrant ?? false,
    unemploymentBenefit: row?.unemploymentBenefit ?? false,
    insertionGroups: row?.insertionGroups ?? [],
    agencyRegisteredOn: row?.agencyRegisteredOn ?? null,
  };
  const education = row?.education ?? [];
  const sepe = sepeWorkerData({ ...profile, education });
  const spanishId = person.documentId && checkWorkerId(person.documentId).ok ? person.documentId : null;
  return {
    personId: person.id,
    documentId: spanishId,
    profile,
    availability: { workingTime: (row?.workingTime as TCv['availability']['workingTime']) ?? null, shifts: (row?.shifts ?? []) as TCv['availability']['shifts'], travel: row?.travel ?? false },
    education,
    courses: row?.courses ?? [],
    experience: row?.experience ?? [],
    languages: row?.languages ?? [],
    drivingLicences: row?.drivingLicences ?? [],
    cards: cards.map(({ c, code, name }) => ({
      id: c.id,
      cardId: c.cardId,
      code,
      name,
      expiresOn: c.expiresOn,
      reminderAt: c.expiresOn ? cardReminderAt(c.expiresOn, org.reminderDays, org.timezone).toISOString() : null,
    })),
    sepe: { educationLevel: sepe.educationLevel, sex: sepe.sex, disability: sepe.disability, immigrant: sepe.immigrant },
    updatedAt: iso(row?.updatedAt),
  };
}

/** What changes in the cards, as the reminders must follow. */
interface CardChanges {
  started: CardRow[];
  moved: CardRow[];
  removed: CardRow[];
}

export async function saveCv(deps: AppDeps, user: SessionUser, personId: string, input: TCvRequest): Promise<TCv> {
  const { db } = deps;
  const person = await findPersonRow(db, user, personId);
  await ensureCardCatalogue(db, user.organisationId);
  // Cards of this organisation's catalogue only; the person's own card ids only.
  const wantedCardIds = [...new Set(input.cards.map((c) => c.cardId))];
  const known = wantedCardIds.length
    ? await db.select({ id: professionalCards.id }).from(professionalCards).where(and(eq(professionalCards.organisationId, user.organisationId), inArray(professionalCards.id, wantedCardIds)))
    : [];
  const existing = await db.select().from(personProfessionalCards).where(eq(personProfessionalCards.personId, person.id));
  const problems = input.cards.flatMap((c, i) => [
    ...(known.some((k) => k.id === c.cardId) ? [] : [{ path: `cards.${i}.cardId`, message: 'Not a card of the catalogue', code: 'unknown_card' }]),
    ...(c.id && !existing.some((e) => e.id === c.id) ? [{ path: `cards.${i}.id`, message: 'Not a card of this person', code: 'unknown_card' }] : []),
  ]);
  if (problems.length) throw invalidInput(problems);

  const before = await getCv(db, user, personId);
  const changes: CardChanges = { started: [], moved: [], removed: [] };
  await db.transaction(async (tx) => {
    const values = {
      sex: input.profile.sex,
      disability: input.profile.disability,
      disabilityPercent: input.profile.disability ? input.profile.disabilityPercent : null,
      immigrant: input.profile.immigrant,
      unemploymentBenefit: input.profile.unemploymentBenefit,
      insertionGroups: input.profile.insertionGroups,
      agencyRegisteredOn: input.profile.agencyRegisteredOn,
      workingTime: input.availability.workingTime,
      shifts: input.availability.shifts,
      travel: input.availability.travel,
      drivingLicences: [...new Set(input.drivingLicences)],
      education: input.education.map((e) => ({ ...e, level: e.level as EducationLevel })),
      courses: input.courses,
      experience: input.experience,
      languages: input.languages,
      updatedBy: user.id,
    };
    await tx
      .insert(personCvs)
      .values({ personId: person.id, organisationId: person.organisationId, ...values })
      .onConflictDoUpdate({ target: personCvs.personId, set: { ...values, updatedAt: new Date() } });

    if (input.documentId !== undefined) {
      const checked = input.documentId ? checkWorkerId(input.documentId) : null;
      const documentId = checked?.ok ? checked.value : null;
      if (documentId !== (person.documentId ? normalizeDocumentNumber(person.documentId) : null) || (documentId === null && person.documentId)) {
        // Only a NIF/NIE is written here; clearing it keeps a passport or codice fiscale the person file holds.
        if (documentId || checkWorkerId(person.documentId ?? '').ok) {
          await tx.update(persons).set({ documentId, documentType: checked?.ok ? (checked.kind === 'nie' ? 'nie' : 'dni') : null }).where(eq(persons.id, person.id));
          await refreshSearchText(tx, person.id);
        }
      }
    }

    const keep = new Set(input.cards.flatMap((c) => (c.id ? [c.id] : [])));
    const gone = existing.filter((e) => !keep.has(e.id));
    if (gone.length) await tx.delete(personProfessionalCards).where(inArray(personProfessionalCards.id, gone.map((g) => g.id)));
    changes.removed.push(...gone.filter((g) => g.workflowId));
    for (const [position, c] of input.cards.entries()) {
      const old = c.id ? existing.find((e) => e.id === c.id) : undefined;
      if (!old) {
        const [row] = await tx
          .insert(personProfessionalCards)
          .values({ personId: person.id, organisationId: person.organisationId, cardId: c.cardId, expiresOn: c.expiresOn, position, recordedBy: user.id })
          .returning();
        const [withWorkflow] = c.expiresOn
          ? await tx.update(personProfessionalCards).set({ workflowId: professionalCardWorkflowId(row.id) }).where(eq(personProfessionalCards.id, row.id)).returning()
          : [row];
        if (c.expiresOn) changes.started.push(withWorkflow);
        continue;
      }
      if (old.cardId === c.cardId && old.expiresOn === c.expiresOn) {
        if (old.position !== position) await tx.update(personProfessionalCards).set({ position }).where(eq(personProfessionalCards.id, old.id));
        continue;
      }
      const [row] = await tx
        .update(personProfessionalCards)
        .set({ cardId: c.cardId, expiresOn: c.expiresOn, position, recordedBy: user.id, workflowId: c.expiresOn ? professionalCardWorkflowId(old.id) : old.workflowId, updatedAt: new Date() })
        .where(eq(personProfessionalCards.id, old.id))
        .returning();
      if (old.expiresOn === c.expiresOn) continue;
      if (c.expiresOn) (old.workflowId ? changes.moved : changes.started).push(row);
      else if (old.workflowId) changes.removed.push(old);
    }
  });

  await followCardReminders(deps, user, person, changes);
  const after = await getCv(db, user, personId);
  const changed = (['documentId', 'profile', 'availability', 'education', 'courses', 'experience', 'languages', 'drivingLicences', 'cards'] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (changed.length) {
    await writeAudit(db, {
      ...auditActor(user),
      action: 'person.cv_updated',
      subjectType: 'person',
      subjectId: person.id,
      personId: person.id,
      details: { sections: changed, cardsAdded: changes.started.length, cardsRemoved: changes.removed.length },
    });
  }
  return after;
}

/** The reminder already went out (the workflow ended, or is ending and refuses changes). */
const isClosedReminder = (err: unknown) =>
  err instanceof WorkflowNotFoundError || (err instanceof WorkflowUpdateFailedError && (err.cause as { type?: string } | undefined)?.type === 'professional_card_closed');

/** Starts, moves or removes the expiry reminders of the cards that changed. */
async function followCardReminders(deps: AppDeps, user: SessionUser, person: typeof persons.$inferSelect, changes: CardChanges) {
  if (!changes.started.length && !changes.moved.length && !changes.removed.length) return;
  const org = await organisationOf(deps.db, user.organisationId);
  const plan = (row: CardRow): ProfessionalCardPlan => ({ expiresOn: row.expiresOn!, reminderDays: org.reminderDays, timezone: org.timezone, professionalId: row.recordedBy ?? user.id });
  const start = (row: CardRow) => startCardReminder(deps.temporal, deps.config.taskQueue, { personCardId: row.id, organisationId: person.organisationId, personId: person.id, ...plan(row) }, person.code);
  await Promise.all([
    ...changes.started.map(start),
    ...changes.moved.map(async (row) => {
      const handle = deps.temporal.workflow.getHandle(row.workflowId!);
      try {
        await handle.executeUpdate(setProfessionalCardExpiryUpdate, { args: [{ ...plan(row), by: user.id }] });
      } catch (err) {
        // Already reminded (and finished, or finishing): a renewed card gets a new reminder.
        if (!isClosedReminder(err)) throw err;
        await handle.result().catch(() => undefined);
        await start(row);
      }
    }),
    ...changes.removed.map(async (row) => {
      await deps.temporal.workflow
        .getHandle(row.workflowId!)
        .executeUpdate(removeProfessionalCardUpdate, { args: [{ by: user.id }] })
        .catch((err: unknown) => {
          if (!isClosedReminder(err)) throw err;
        });
    }),
  ]);
}

export async function startCardReminder(temporal: Client, taskQueue: string, input: ProfessionalCardInput, personCode: string): Promise<void> {
  await temporal.workflow.start<typeof professionalCardWorkflow>('professionalCardWorkflow', {
    workflowId: professionalCardWorkflowId(input.personCardId),
    taskQueue,
    args: [input],
    // Ids only: Temporal shows this to admins and does not encrypt it.
    staticSummary: t(TEMPORAL_UI_LOCALE, 'temporal.professional_card.summary', { id: input.personCardId }),
    typedSearchAttributes: [
      { key: kindKey, value: workflowKinds.professionalCard.kind },
      { key: organisationKey, value: input.organisationId },
      { key: personKey, value: input.personId },
      { key: statusKey, value: 'waiting' },
      { key: assigneeKey, value: input.professionalId },
      { key: businessKeyKey, value: personCode },
    ],
  });
}

// ---- the catalogue -------------------------------------------------------------------------------

export async function listProfessionalCards(db: Db, user: SessionUser, query: { q?: string; all?: boolean }) {
  await ensureCardCatalogue(db, user.organisationId);
  const words = query.q ? normalizeForSearch(query.q).split(/\s+/).filter(Boolean) : [];
  // The catalogue is a few hundred names at most: matched here, accents and case ignored, every
  // word somewhere in the name or code ("carret" finds "Carnet de carretillero").
  const rows = await db
    .select({ id: professionalCards.id, code: professionalCards.code, name: professionalCards.name, active: professionalCards.active })
    .from(professionalCards)
    .where(and(eq(professionalCards.organisationId, user.organisationId), query.all ? undefined : eq(professionalCards.active, true)))
    .orderBy(asc(professionalCards.name));
  const items = rows.filter((r) => words.every((w) => normalizeForSearch(`${r.name} ${r.code}`).includes(w)));
  return { items: query.all ? items : items.slice(0, 20) };
}

export async function createProfessionalCard(db: Db, user: SessionUser, input: { code: string; name: string }) {
  await ensureCardCatalogue(db, user.organisationId);
  const [row] = await db.insert(professionalCards).values({ organisationId: user.organisationId, code: input.code, name: input.name }).onConflictDoNothing().returning();
  if (!row) throw new ApiError(409, 'card_code_taken', 'errors.conflict', {}, { fields: [{ path: 'code', message: 'Another card has this code', code: 'taken' }] });
  await writeAudit(db, { ...auditActor(user), action: 'professional_card.created', subjectType: 'professional_card', subjectId: row.id, details: { code: row.code, name: row.name } });
  return { id: row.id, code: row.code, name: row.name, active: row.active };
}

export async function updateProfessionalCard(db: Db, user: SessionUser, id: string, input: { name?: string; active?: boolean }) {
  const [row] = await db
    .update(professionalCards)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(professionalCards.id, id), eq(professionalCards.organisationId, user.organisationId)))
    .returning();
  if (!row) throw notFound();
  await writeAudit(db, { ...auditActor(user), action: 'professional_card.updated', subjectType: 'professional_card', subjectId: row.id, details: input });
  return { id: row.id, code: row.code, name: row.name, active: row.active };
}

// ---- the PDF ---------------------------------------------------------------------------------------

export async function cvPdf(db: Db, user: SessionUser, personId: string, locale: Locale) {
  const cv = await getCv(db, user, personId);
  const person = await findPersonRow(db, user, personId);
  const [email] = await db.select({ a: personEmails.address }).from(personEmails).where(eq(personEmails.personId, person.id)).orderBy(sql`${personEmails.isPrimary} desc`).limit(1);
  const [phone] = await db.select({ n: personPhones.number }).from(personPhones).where(eq(personPhones.personId, person.id)).orderBy(sql`${personPhones.isPrimary} desc`).limit(1);
  const org = await organisationOf(db, user.organisationId);
  return renderCvPdf({
    cv,
    locale,
    timezone: org.timezone,
    organisationName: org.name,
    personName: displayName(person),
    birthDate: person.birthDate,
    email: email?.a ?? null,
    phone: phone?.n ?? null,
    date: new Date(),
  });
}

/** A person's CV and cards go with them; the card reminders are ended first. */
export const cvPersonDependent: PersonDependent = {
  name: 'cv',
  count: async (db, personId) =>
    (await db.select({ n: count() }).from(personCvs).where(eq(personCvs.personId, personId)))[0].n +
    (await db.select({ n: count() }).from(personProfessionalCards).where(eq(personProfessionalCards.personId, personId)))[0].n,
  remove: async (db, personId, ctx) => {
    const rows = await db.select({ workflowId: personProfessionalCards.workflowId }).from(personProfessionalCards).where(eq(personProfessionalCards.personId, personId));
    if (ctx?.temporal) {
      const client = ctx.temporal;
      await Promise.all(
        rows
          .filter((r) => r.workflowId)
          .map((r) =>
            client.workflow
              .getHandle(r.workflowId!)
              .terminate('person deleted')
              .catch((err) => {
                if (!(err instanceof WorkflowNotFoundError)) throw err;
              }),
          ),
      );
    }
    await db.delete(personProfessionalCards).where(eq(personProfessionalCards.personId, personId));
    await db.delete(personCvs).where(eq(personCvs.personId, personId));
  },
};
