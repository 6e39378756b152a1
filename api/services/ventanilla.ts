// The electronic window seen from the API: who may see a communication, its detail, the boxes
// and the signature tray (plain indexed SQL on the projection), and every human action sent to
// the communication's workflow as an Update.
import { createHash } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { and, asc, count, desc, eq, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { UpdateDefinition } from '@temporalio/common';
import { auditActor, writeAudit } from '../../db/audit';
import { loadCommunicationContext, pdfData, verificationUrl, type SignedDocumentFacts } from '../../documents/communication';
import { nextCounter } from '../../db/counters';
import type { Db } from '../../db/client';
import {
  communicationAttachments,
  communicationEvents,
  communications,
  communicationSigners,
  organisations,
  signedDocuments,
  unitMembers,
  units,
  users,
} from '../../db/schema';
import { ensureDefaultUnit, unitIdsOf } from '../../db/units';
import { t, type Locale } from '../../domain/i18n';
import { renderCommunicationPdf } from '../../documents/ventanilla-pdf';
import {
  allowedActions,
  isFinalStatus,
  registryNumber,
  type CommunicationActor,
  type CommunicationStatus,
  type SigningMode,
} from '../../domain/ventanilla';
import { toLocal } from '../../domain/working-days';
import type { ventanillaWorkflow } from '../../workflows/ventanilla';
import {
  addCommunicationAttachmentUpdate,
  removeCommunicationAttachmentUpdate,
  ventanillaWorkflowId,
  type CommunicationAttachmentRef,
  type CommunicationState,
  type VentanillaInput,
} from '../../workflows/ventanilla.definitions';
import { assigneeKey, businessKeyKey, kindKey, organisationKey, statusKey } from '../../workflows/search-attributes';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, invalidInput, notFound } from '../errors';
import { effectiveSettings } from '../../domain/organisation-settings';
import { keyedUpdateId, newId } from './request-ids';

const senderUnit = alias(units, 'sender_unit');
const currentUnit = alias(units, 'current_unit');
const recipientUnit = alias(units, 'recipient_unit');
const author = alias(users, 'author');

export interface Viewer {
  user: SessionUser;
  unitIds: string[];
}

export async function viewerOf(db: Db, user: SessionUser): Promise<Viewer> {
  return { user, unitIds: await unitIdsOf(db, user.id) };
}

const actorOf = (viewer: Viewer): CommunicationActor => ({ userId: viewer.user.id, name: viewer.user.name, unitIds: viewer.unitIds });

/**
 * A communication the viewer may see: its sender organisation, its signers and the units it
 * has been delivered to. Anyone else gets 404, as if it did not exist.
 */
export async function findVisibleCommunication(db: Db, viewer: Viewer, id: string) {
  const [row] = await db.select().from(communications).where(eq(communications.id, id));
  if (!row) throw notFound();
  if (row.organisationId === viewer.user.organisationId) return row;
  if (row.unitChain.some((u) => viewer.unitIds.includes(u))) return row;
  const [signer] = await db
    .select({ userId: communicationSigners.userId })
    .from(communicationSigners)
    .where(and(eq(communicationSigners.communicationId, id), eq(communicationSigners.userId, viewer.user.id)));
  if (signer) return row;
  throw notFound();
}

/** A unit that receives communications, or a 400 naming the field. */
async function receivingUnit(db: Db, unitId: string, field: string) {
  const [unit] = await db.select().from(units).where(and(eq(units.id, unitId), eq(units.receivesCommunications, true)));
  if (!unit) throw invalidInput([{ path: field, message: 'unit_not_found', code: 'unit_not_found' }]);
  return unit;
}

/** The unit the caller sends from: one of their units in their organisation, else its default unit. */
async function senderUnitFor(db: Db, viewer: Viewer, requested?: string) {
  const own = viewer.unitIds.length
    ? await db.select().from(units).where(and(inArray(units.id, viewer.unitIds), eq(units.organisationId, viewer.user.organisationId))).orderBy(asc(units.createdAt))
    : [];
  if (requested) {
    const unit = own.find((u) => u.id === requested);
    if (!unit) throw invalidInput([{ path: 'senderUnitId', message: 'not a unit of yours', code: 'no_sender_unit' }]);
    return unit;
  }
  return own[0] ?? (await ensureDefaultUnit(db, viewer.user.organisationId));
}

/** Held by a communication only while its number is being taken (or if the API died meanwhile). */
export const PROVISIONAL_NUMBER_PREFIX = 'VE-pending-';

export async function createCommunication(
  deps: AppDeps,
  viewer: Viewer,
  input: { recipientUnitId: string; subject: string; body: string; senderUnitId?: string; followUpOf?: string | null },
) {
  const { db, temporal, config } = deps;
  const user = viewer.user;
  const [org] = await db.select().from(organisations).where(eq(organisations.id, user.organisationId));
  const sender = await senderUnitFor(db, viewer, input.senderUnitId);
  await receivingUnit(db, input.recipientUnitId, 'recipientUnitId');
  if (input.recipientUnitId === sender.id) {
    throw invalidInput([{ path: 'recipientUnitId', message: 'the recipient must be another unit', code: 'same_unit' }]);
  }
  const id = newId(deps, 'communication', sender.id);
  if (deps.requestKey) {
    // The same Idempotency-Key once more, its first answer lost: answer as the first time.
    const [retried] = await db.select().from(communications).where(and(eq(communications.id, id), eq(communications.authorId, user.id)));
    if (retried) return { id, status: 'draft' as const, registryNumber: retried.registryNumber, workflowId: retried.workflowId };
  }
  const workflowId = ventanillaWorkflowId(id);
  const year = toLocal(new Date(), org.timezone).year;
  // The row goes in first, numbered provisionally, so the workflow's first projection finds it.
  await db.insert(communications).values({
    id,
    organisationId: org.id,
    senderUnitId: sender.id,
    authorId: user.id,
    registryNumber: `${PROVISIONAL_NUMBER_PREFIX}${id}`,
    recipientUnitId: input.recipientUnitId,
    currentUnitId: input.recipientUnitId,
    subject: input.subject,
    body: input.body,
    followUpOf: input.followUpOf ?? null,
    workflowId,
  });
  let started = false;
  let registry: string;
  try {
    // The number is taken, written and the workflow started in one transaction: a start that
    // fails rolls the counter back, so registry numbers have no gaps. Until the commit, the
    // counter's row lock orders this organisation's creations, and the workflow's first
    // projection waits on the communication's row lock.
    registry = await db.transaction(async (tx) => {
      const number = registryNumber(year, await nextCounter(tx, org.id, `ventanilla-${year}`));
      await tx.update(communications).set({ registryNumber: number }).where(eq(communications.id, id));
      const workflowInput: VentanillaInput = {
        communicationId: id,
        organisationId: org.id,
        senderUnitId: sender.id,
        authorId: user.id,
        authorName: user.name,
        registryNumber: number,
        recipientUnitId: input.recipientUnitId,
        subject: input.subject,
        body: input.body,
        followUpOf: input.followUpOf ?? null,
        timezone: org.timezone,
        holidays: org.settings.holidays ?? [],
      };
      await temporal.workflow.start<typeof ventanillaWorkflow>('ventanillaWorkflow', {
        workflowId,
        taskQueue: config.taskQueue,
        args: [workflowInput],
        staticSummary: `Comunicación ${number} (ventanilla electrónica)`,
        typedSearchAttributes: [
          { key: kindKey, value: workflowKinds.ventanilla.kind },
          { key: organisationKey, value: org.id },
          { key: statusKey, value: 'draft' },
          { key: assigneeKey, value: user.id },
          { key: businessKeyKey, value: number },
        ],
      });
      started = true;
      return number;
    });
  } catch (err) {
    // Nothing half-done: a communication without its workflow could never move, and a workflow
    // whose number was rolled back would share it with the next communication.
    if (started) await temporal.workflow.getHandle(workflowId).terminate('communication not saved').catch(() => undefined);
    await db.delete(communications).where(eq(communications.id, id));
    throw err;
  }
  await audit(db, viewer, 'communication.created', id, { registryNumber: registry, recipientUnitId: input.recipientUnitId, followUpOf: input.followUpOf ?? null });
  return { id, status: 'draft' as const, registryNumber: registry, workflowId };
}

function audit(db: Db, viewer: Viewer, action: string, communicationId: string, details: Record<string, unknown> = {}) {
  return writeAudit(db, {
    ...auditActor(viewer.user),
    action,
    subjectType: 'communication',
    subjectId: communicationId,
    details,
  });
}

/**
 * Sends a person's action to the workflow. A finished communication answers 409 with its
 * status (its workflow is gone); the validator's refusals become 409 or 403 in errors.ts.
 */
export async function act<A>(
  deps: AppDeps,
  viewer: Viewer,
  id: string,
  update: UpdateDefinition<CommunicationState, [A]>,
  args: (actor: CommunicationActor) => A,
  auditAction: string,
  auditDetails: Record<string, unknown> = {},
): Promise<CommunicationState> {
  const row = await findVisibleCommunication(deps.db, viewer, id);
  if (isFinalStatus(row.status)) {
    throw new ApiError(409, 'communication_finished', 'errors.communication_finished', { statusName: `@ventanilla.status.${row.status}` }, { status: row.status });
  }
  const state = await deps.temporal.workflow
    .getHandle(row.workflowId)
    .executeUpdate(update, { args: [args(actorOf(viewer))], updateId: keyedUpdateId(deps, update.name, id) });
  await audit(deps.db, viewer, auditAction, id, auditDetails);
  return state;
}

/** Signers: active users with the signer role in the author's organisation, not the author. */
export async function resolveSigners(db: Db, viewer: Viewer, senderUnitId: string, signerIds: string[]) {
  const unique = [...new Set(signerIds)];
  const rows = unique.length
    ? await db
        .select({ id: users.id, name: users.name, roles: users.roles, position: unitMembers.position, jobTitle: users.jobTitle })
        .from(users)
        .leftJoin(unitMembers, and(eq(unitMembers.userId, users.id), eq(unitMembers.unitId, senderUnitId)))
        .where(and(inArray(users.id, unique), eq(users.organisationId, viewer.user.organisationId), eq(users.status, 'active')))
    : [];
  const invalid = signerIds.filter((sid) => {
    const u = rows.find((r) => r.id === sid);
    return !u || !u.roles.includes('signer') || sid === viewer.user.id;
  });
  if (invalid.length || unique.length !== signerIds.length || signerIds.length === 0) {
    throw new ApiError(400, 'invalid_signer', 'errors.invalid_signer', {}, { fields: [{ path: 'signerIds', message: 'invalid_signer', code: 'invalid_signer' }], invalid });
  }
  return signerIds.map((sid) => {
    const u = rows.find((r) => r.id === sid)!;
    // The position in the sending unit, else the job title from the signer's profile; else none.
    return { userId: u.id, name: u.name, role: u.position ?? u.jobTitle ?? null };
  });
}

/**
 * Where the organisation asks for it, a signature needs the signer's password again: signing is
 * a legal act, and a session left open on a shared computer must not be enough.
 */
export async function confirmSignature(db: Db, viewer: Viewer, password: string | undefined): Promise<void> {
  const [row] = await db
    .select({ settings: organisations.settings, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, viewer.user.id));
  if (!effectiveSettings(row?.settings).signingRequiresPassword) return;
  if (!password) throw invalidInput([{ path: 'password', message: 'password_required', code: 'password_required' }]);
  const valid = row?.passwordHash ? await verify(row.passwordHash, password).catch(() => false) : false;
  if (!valid) throw invalidInput([{ path: 'password', message: 'wrong_password', code: 'wrong_password' }]);
}

export async function processingWorkingDaysOf(db: Db, unitId: string): Promise<number> {
  const [row] = await db
    .select({ settings: organisations.settings })
    .from(units)
    .innerJoin(organisations, eq(organisations.id, units.organisationId))
    .where(eq(units.id, unitId));
  return effectiveSettings(row?.settings).ventanillaProcessingWorkingDays;
}

/**
 * What a unit outside the sending organisation may see of a communication: what was sent to it
 * (the signed document, who signed it, when it arrived) and its own steps. The sender's drafting
 * and signing — a rejection and its reason, withdrawals, reminders to signers — stay internal.
 */
const recipientActions = new Set(['delivered', 'received', 'forwarded', 'processed', 'closed_unprocessed', 'reception_reminded', 'processing_reminded']);
const sentStatuses = new Set<CommunicationStatus>(['pending_reception', 'received', 'processed', 'closed_unprocessed']);

const unitOut = (u: { id: string; name: string; organisationId: string } | null, organisationName?: string | null) =>
  u ? { id: u.id, name: u.name, organisationId: u.organisationId, ...(organisationName !== undefined ? { organisationName } : {}) } : null;

/** Everything the detail page needs, including which buttons the caller may press. */
export async function communicationDetail(deps: AppDeps, viewer: Viewer, id: string, locale: Locale) {
  const { db, config } = deps;
  const row = await findVisibleCommunication(db, viewer, id);
  const senderOrganisation = alias(organisations, 'sender_organisation');
  const recipientOrganisation = alias(organisations, 'recipient_organisation');
  const currentOrganisation = alias(organisations, 'current_organisation');
  const [names] = await db
    .select({
      senderUnit,
      senderOrganisationName: senderOrganisation.name,
      recipientUnit,
      recipientOrganisationName: recipientOrganisation.name,
      currentUnit,
      currentOrganisationName: currentOrganisation.name,
      authorName: author.name,
    })
    .from(communications)
    .innerJoin(senderUnit, eq(senderUnit.id, communications.senderUnitId))
    .innerJoin(senderOrganisation, eq(senderOrganisation.id, senderUnit.organisationId))
    .innerJoin(recipientUnit, eq(recipientUnit.id, communications.recipientUnitId))
    .innerJoin(recipientOrganisation, eq(recipientOrganisation.id, recipientUnit.organisationId))
    .innerJoin(currentUnit, eq(currentUnit.id, communications.currentUnitId))
    .innerJoin(currentOrganisation, eq(currentOrganisation.id, currentUnit.organisationId))
    .innerJoin(author, eq(author.id, communications.authorId))
    .where(eq(communications.id, id));
  const [signers, events, attachments, document, followUps, followed] = await Promise.all([
    db.select().from(communicationSigners).where(eq(communicationSigners.communicationId, id)).orderBy(asc(communicationSigners.position)),
    db.select().from(communicationEvents).where(eq(communicationEvents.communicationId, id)).orderBy(asc(communicationEvents.seq)),
    db
      .select({
        id: communicationAttachments.id,
        kind: communicationAttachments.kind,
        name: communicationAttachments.name,
        mediaType: communicationAttachments.mediaType,
        size: communicationAttachments.size,
        url: communicationAttachments.url,
        createdAt: communicationAttachments.createdAt,
      })
      .from(communicationAttachments)
      .where(eq(communicationAttachments.communicationId, id))
      .orderBy(asc(communicationAttachments.createdAt)),
    db.select({ sha256: signedDocuments.sha256, code: signedDocuments.verificationCode }).from(signedDocuments).where(eq(signedDocuments.communicationId, id)),
    db
      .select({ id: communications.id, registryNumber: communications.registryNumber, subject: communications.subject, status: communications.status })
      .from(communications)
      .where(eq(communications.followUpOf, id))
      .orderBy(asc(communications.createdAt)),
    row.followUpOf
      ? db
          .select({ id: communications.id, registryNumber: communications.registryNumber, subject: communications.subject, status: communications.status })
          .from(communications)
          .where(eq(communications.id, row.followUpOf))
      : Promise.resolve([]),
  ]);
  const facts = { status: row.status, authorId: row.authorId, currentUnitId: row.currentUnitId, signers };
  const can = allowedActions(facts, actorOf(viewer));
  const internal = row.organisationId === viewer.user.organisationId || signers.some((s) => s.userId === viewer.user.id);
  const shownSigners = internal ? signers : signers.filter((s) => s.status === 'signed');
  const shownEvents = internal ? events : events.filter((e) => recipientActions.has(e.action));
  const shownFollowUps = internal ? followUps : followUps.filter((f) => sentStatuses.has(f.status));
  const signed = document[0];
  const base = `/api/ventanilla/${id}`;
  return {
    id: row.id,
    registryNumber: row.registryNumber,
    status: row.status,
    statusName: t(locale, `ventanilla.status.${isForwarded(row) ? 'forwarded' : row.status}`),
    forwarded: isForwarded(row),
    subject: row.subject,
    body: row.body,
    recipientUnitId: row.recipientUnitId,
    recipientUnit: unitOut(names.recipientUnit, names.recipientOrganisationName),
    currentUnit: unitOut(names.currentUnit, names.currentOrganisationName),
    senderUnit: unitOut(names.senderUnit, names.senderOrganisationName),
    organisationId: row.organisationId,
    author: { id: row.authorId, name: names.authorName },
    signingMode: row.signingMode,
    signers: shownSigners.map((s) => ({
      userId: s.userId,
      name: s.name,
      role: s.role,
      status: s.status,
      position: s.position,
      requestedAt: internal ? (s.requestedAt?.toISOString() ?? null) : null,
      signedAt: s.signedAt?.toISOString() ?? null,
      rejectedAt: internal ? (s.rejectedAt?.toISOString() ?? null) : null,
      reason: internal ? s.reason : null,
      remindersSent: internal ? s.remindersSent : 0,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      mediaType: a.mediaType,
      size: a.size,
      url: a.kind === 'link' ? a.url : `${base}/attachments/${a.id}`,
      createdAt: a.createdAt.toISOString(),
    })),
    history: shownEvents.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      action: e.action,
      label: t(locale, `ventanilla.action.${e.action}`),
      actorId: e.actorId,
      actorName: e.actorName,
      note: e.note,
      details: e.details,
    })),
    observations: row.observations,
    closeReason: row.closeReason,
    verificationCode: row.verificationCode ?? signed?.code ?? null,
    verificationUrl: signed ? verificationUrl(config.publicUrl, signed.code) : null,
    pdfSha256: signed?.sha256 ?? null,
    pdfUrl: `${base}/pdf`,
    submittedAt: internal ? (row.submittedAt?.toISOString() ?? null) : null,
    signedAt: row.signedAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    followUpOf: followed[0] ?? null,
    followUps: shownFollowUps,
    can: { ...can, followUp: isFinalStatus(row.status) || row.status === 'received' || row.status === 'pending_reception' },
    workflowId: row.workflowId,
  };
}

export type Box = 'outbox' | 'inbox';
/**
 * Statuses as lists show them: a communication a unit sent on to another and that waits there is
 * "Reenviada" (as Séneca lists it), though the workflow knows it as pending reception.
 */
type ListStatus = CommunicationStatus | 'forwarded';
const inboxStatuses: ListStatus[] = ['pending_reception', 'forwarded', 'received', 'processed', 'closed_unprocessed'];
const forwardedSql = sql`(${communications.status} = 'pending_reception' AND cardinality(${communications.unitChain}) > 1)`;
const listStatus = sql<ListStatus>`CASE WHEN ${forwardedSql} THEN 'forwarded' ELSE ${communications.status} END`;
const isForwarded = (c: { status: CommunicationStatus; unitChain: string[] }) => c.status === 'pending_reception' && c.unitChain.length > 1;

function statusCondition(status: ListStatus | undefined): SQL | undefined {
  if (!status) return undefined;
  if (status === 'forwarded') return forwardedSql;
  if (status === 'pending_reception') return sql`(${communications.status} = 'pending_reception' AND NOT ${forwardedSql})`;
  return eq(communications.status, status);
}

function boxCondition(viewer: Viewer, box: Box): SQL {
  const units = viewer.unitIds;
  if (box === 'inbox') {
    if (!units.length) return sql`false`;
    return and(inArray(communications.currentUnitId, units), notInArray(communications.status, ['draft', 'awaiting_signature']))!;
  }
  const mine = eq(communications.authorId, viewer.user.id);
  return units.length
    ? and(eq(communications.organisationId, viewer.user.organisationId), or(inArray(communications.senderUnitId, units), mine))!
    : mine;
}

/** Outbox (sent and drafts of my units) or inbox (what my units received), with counts per status. */
export async function listCommunications(
  db: Db,
  viewer: Viewer,
  query: { box: Box; status?: CommunicationStatus | 'forwarded'; q?: string; page: number; pageSize: number },
  locale: Locale,
) {
  const inBox = boxCondition(viewer, query.box);
  const text = query.q?.trim()
    ? or(sql`${communications.subject} ILIKE ${`%${query.q.trim()}%`}`, eq(communications.registryNumber, query.q.trim().toUpperCase()))
    : undefined;
  const where = and(inBox, statusCondition(query.status), text);
  const [rows, [{ total }], grouped] = await Promise.all([
    db
      .select({
        c: communications,
        senderUnitName: senderUnit.name,
        currentUnitName: currentUnit.name,
        authorName: author.name,
        signersTotal: sql<number>`(SELECT count(*)::int FROM ${communicationSigners} s WHERE s.communication_id = ${communications.id})`,
        signersSigned: sql<number>`(SELECT count(*)::int FROM ${communicationSigners} s WHERE s.communication_id = ${communications.id} AND s.status = 'signed')`,
      })
      .from(communications)
      .innerJoin(senderUnit, eq(senderUnit.id, communications.senderUnitId))
      .innerJoin(currentUnit, eq(currentUnit.id, communications.currentUnitId))
      .innerJoin(author, eq(author.id, communications.authorId))
      .where(where)
      .orderBy(desc(communications.updatedAt), desc(communications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(communications).where(where),
    db.select({ status: listStatus, n: count() }).from(communications).where(and(inBox, text)).groupBy(listStatus),
  ]);
  const statuses = query.box === 'inbox' ? inboxStatuses : (['draft', 'awaiting_signature', ...inboxStatuses] as ListStatus[]);
  const counts = Object.fromEntries(statuses.map((s) => [s, grouped.find((g) => g.status === s)?.n ?? 0])) as Record<ListStatus, number>;
  return {
    items: rows.map(({ c, senderUnitName, currentUnitName, authorName, signersTotal, signersSigned }) => ({
      id: c.id,
      registryNumber: c.registryNumber,
      status: c.status,
      statusName: t(locale, `ventanilla.status.${isForwarded(c) ? 'forwarded' : c.status}`),
      forwarded: isForwarded(c),
      subject: c.subject,
      senderUnit: { id: c.senderUnitId, name: senderUnitName },
      currentUnit: { id: c.currentUnitId, name: currentUnitName },
      recipientUnitId: c.recipientUnitId,
      author: { id: c.authorId, name: authorName },
      signers: { total: signersTotal, signed: signersSigned },
      hasObservations: Boolean(c.observations),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      submittedAt: c.submittedAt?.toISOString() ?? null,
      deliveredAt: c.deliveredAt?.toISOString() ?? null,
      receivedAt: c.receivedAt?.toISOString() ?? null,
    })),
    total,
    counts,
  };
}

/** What awaits the caller's signature, oldest first: one index range scan on the signers. */
export async function signatureTray(db: Db, viewer: Viewer, page: number, pageSize: number) {
  const mine = and(eq(communicationSigners.userId, viewer.user.id), eq(communicationSigners.status, 'pending'));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        s: communicationSigners,
        id: communications.id,
        registryNumber: communications.registryNumber,
        subject: communications.subject,
        signingMode: communications.signingMode,
        submittedAt: communications.submittedAt,
        senderUnitId: communications.senderUnitId,
        senderUnitName: senderUnit.name,
        recipientUnitId: communications.recipientUnitId,
        recipientUnitName: recipientUnit.name,
        authorId: communications.authorId,
        authorName: author.name,
        signersTotal: sql<number>`(SELECT count(*)::int FROM ${communicationSigners} o WHERE o.communication_id = ${communications.id})`,
        signersSigned: sql<number>`(SELECT count(*)::int FROM ${communicationSigners} o WHERE o.communication_id = ${communications.id} AND o.status = 'signed')`,
      })
      .from(communicationSigners)
      .innerJoin(communications, eq(communications.id, communicationSigners.communicationId))
      .innerJoin(senderUnit, eq(senderUnit.id, communications.senderUnitId))
      .innerJoin(recipientUnit, eq(recipientUnit.id, communications.recipientUnitId))
      .innerJoin(author, eq(author.id, communications.authorId))
      .where(mine)
      .orderBy(asc(communicationSigners.requestedAt), asc(communicationSigners.communicationId))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(communicationSigners).where(mine),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      registryNumber: r.registryNumber,
      subject: r.subject,
      senderUnit: { id: r.senderUnitId, name: r.senderUnitName },
      recipientUnit: { id: r.recipientUnitId, name: r.recipientUnitName },
      author: { id: r.authorId, name: r.authorName },
      signingMode: r.signingMode,
      position: r.s.position,
      signers: { total: r.signersTotal, signed: r.signersSigned },
      requestedAt: r.s.requestedAt?.toISOString() ?? null,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      remindersSent: r.s.remindersSent,
      pdfUrl: `/api/ventanilla/${r.id}/pdf`,
    })),
    total,
  };
}

/** The signed PDF, or while unsigned a preview watermarked "BORRADOR". */
export async function communicationPdf(deps: AppDeps, viewer: Viewer, id: string) {
  const { db } = deps;
  const row = await findVisibleCommunication(db, viewer, id);
  const [signed] = await db.select({ pdf: signedDocuments.pdf }).from(signedDocuments).where(eq(signedDocuments.communicationId, id));
  if (signed) return { pdf: new Uint8Array(signed.pdf), signed: true, registryNumber: row.registryNumber };
  const context = (await loadCommunicationContext(db, id))!;
  const [signers, attachments] = await Promise.all([
    db.select().from(communicationSigners).where(and(eq(communicationSigners.communicationId, id), ne(communicationSigners.status, 'cancelled'))).orderBy(asc(communicationSigners.position)),
    db
      .select({ id: communicationAttachments.id, kind: communicationAttachments.kind, name: communicationAttachments.name, size: communicationAttachments.size, url: communicationAttachments.url })
      .from(communicationAttachments)
      .where(eq(communicationAttachments.communicationId, id))
      .orderBy(asc(communicationAttachments.createdAt)),
  ]);
  const pdf = await renderCommunicationPdf(
    pdfData(context, {
      subject: row.subject,
      body: row.body,
      attachments: attachments as CommunicationAttachmentRef[],
      signers: signers.map((s) => ({ name: s.name, role: s.role, signedAt: s.signedAt })),
      date: new Date(),
    }),
  );
  return { pdf, signed: false, registryNumber: row.registryNumber };
}

export interface UploadedFile {
  name: string;
  mediaType: string;
  content: Buffer;
}

/** Stores the file or link first, then asks the workflow; a refusal removes what was stored. */
export async function addAttachment(deps: AppDeps, viewer: Viewer, id: string, attachment: { file: UploadedFile } | { link: { url: string; label: string } }) {
  const { db } = deps;
  const row = await findVisibleCommunication(db, viewer, id);
  const attachmentId = newId(deps, 'attachment', id);
  const values =
    'file' in attachment
      ? {
          kind: 'file' as const,
          name: attachment.file.name,
          mediaType: attachment.file.mediaType,
          size: attachment.file.content.byteLength,
          sha256: createHash('sha256').update(attachment.file.content).digest('hex'),
          content: attachment.file.content,
        }
      : { kind: 'link' as const, name: attachment.link.label, url: attachment.link.url };
  // A retry (same Idempotency-Key) finds its attachment stored already: keep it, never remove it.
  const stored = await db
    .insert(communicationAttachments)
    .values({ id: attachmentId, communicationId: id, organisationId: row.organisationId, createdBy: viewer.user.id, ...values })
    .onConflictDoNothing()
    .returning({ id: communicationAttachments.id });
  const ref: CommunicationAttachmentRef = { id: attachmentId, kind: values.kind, name: values.name, size: 'size' in values ? values.size : null, url: 'url' in values ? values.url : null };
  try {
    await act(deps, viewer, id, addCommunicationAttachmentUpdate, (actor) => ({ actor, attachment: ref }), 'communication.attachment_added', { attachmentId, kind: ref.kind, name: ref.name });
  } catch (err) {
    if (stored.length) await db.delete(communicationAttachments).where(eq(communicationAttachments.id, attachmentId));
    throw err;
  }
  return { id: attachmentId, kind: ref.kind, name: ref.name, size: ref.size ?? null, url: ref.kind === 'link' ? ref.url! : `/api/ventanilla/${id}/attachments/${attachmentId}` };
}

export async function removeAttachment(deps: AppDeps, viewer: Viewer, id: string, attachmentId: string) {
  await act(deps, viewer, id, removeCommunicationAttachmentUpdate, (actor) => ({ actor, attachmentId }), 'communication.attachment_removed', { attachmentId });
  await deps.db.delete(communicationAttachments).where(and(eq(communicationAttachments.id, attachmentId), eq(communicationAttachments.communicationId, id)));
}

export async function attachmentFile(db: Db, viewer: Viewer, id: string, attachmentId: string) {
  await findVisibleCommunication(db, viewer, id);
  const [a] = await db
    .select()
    .from(communicationAttachments)
    .where(and(eq(communicationAttachments.id, attachmentId), eq(communicationAttachments.communicationId, id), eq(communicationAttachments.kind, 'file')));
  if (!a?.content) throw notFound();
  return a;
}

/** The public facts of a signed document, found by its verification code. */
export async function verifiedDocument(db: Db, code: string) {
  const [doc] = await db
    .select({ communicationId: signedDocuments.communicationId, code: signedDocuments.verificationCode, sha256: signedDocuments.sha256, size: signedDocuments.size, signedAt: signedDocuments.signedAt, facts: signedDocuments.facts })
    .from(signedDocuments)
    .where(eq(signedDocuments.verificationCode, code));
  if (!doc) return null;
  const facts = doc.facts as unknown as SignedDocumentFacts;
  return {
    verificationCode: doc.code,
    registryNumber: facts.registryNumber,
    subject: facts.subject,
    sender: facts.sender,
    recipient: facts.recipient,
    signers: facts.signers,
    signedAt: doc.signedAt.toISOString(),
    sha256: doc.sha256,
    size: doc.size,
    pdfUrl: `/api/verify/${doc.code}/pdf`,
  };
}

export async function verifiedPdf(db: Db, code: string) {
  const [doc] = await db.select({ pdf: signedDocuments.pdf, facts: signedDocuments.facts }).from(signedDocuments).where(eq(signedDocuments.verificationCode, code));
  return doc ? { pdf: new Uint8Array(doc.pdf), registryNumber: (doc.facts as unknown as SignedDocumentFacts).registryNumber } : null;
}

export type { SigningMode };
