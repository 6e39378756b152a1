// Messages to people from the API: direct ones from a person file, bulk sends (recipients fixed
// here, sent by the bulk-message workflow), the SMS module, contact lists and the person's
// "Mensajes" tab. Sending itself is the message service's (platform/messages.ts).
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  bulkMessageRecipients,
  bulkMessages,
  contactListMembers,
  contactLists,
  messages,
  messageStatusChanges,
  messageTemplates,
  messagingSettings,
  organisations,
  personEmails,
  personPhones,
  persons,
  smsBalanceChanges,
} from '../../db/schema';
import { chooseRecipientAddress, fillPlaceholders, type ExclusionReason } from '../../domain/messages';
import { countSmsSegments } from '../../domain/sms-segments';
import { changeSmsBalance, messagingSettingsOf, SmsNotAllowed, type MessageService } from '../../platform/messages';
import { bulkMessageWorkflowId, cancelBulkMessageUpdate, type BulkMessageInput } from '../../workflows/bulk-message.definitions';
import type { bulkMessageWorkflow } from '../../workflows/bulk-message';
import { businessKeyKey, kindKey, organisationKey, statusKey } from '../../workflows/search-attributes';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, conflict, forbidden, notFound } from '../errors';
import { iso } from '../schemas';
import type { TBulkMessageRequest, TBulkPreviewRequest, TMessageTemplateRequest, TSendMessageRequest } from '../routes/messages.schemas';
import { displayName, findPersonRow, personSearchConditions } from './persons';
import type { PersonDependent } from './person-dependents';
import { keyedUpdateId, newId } from './request-ids';

const unprocessable = (code: string, params: Record<string, string | number> = {}, details?: unknown) =>
  new ApiError(422, code, `errors.${code}`, params, details);

export function messageService(deps: AppDeps): MessageService {
  if (!deps.messaging) throw new ApiError(503, 'service_unavailable', 'errors.messaging_unavailable');
  return deps.messaging.service;
}

/** Where the UI sends people to add a missing email or phone. */
const contactsTab = (personId: string) => `/personas/${personId}/contactos`;

async function contactsOf(db: Db, personIds: string[]) {
  if (!personIds.length) return { emails: [], phones: [] };
  const [emails, phones] = await Promise.all([
    db.select().from(personEmails).where(inArray(personEmails.personId, personIds)).orderBy(desc(personEmails.isPrimary), asc(personEmails.createdAt)),
    db.select().from(personPhones).where(inArray(personPhones.personId, personIds)).orderBy(desc(personPhones.isPrimary), asc(personPhones.createdAt)),
  ]);
  return { emails, phones };
}

async function organisationName(db: Db, organisationId: string): Promise<string> {
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return org?.name ?? '';
}

function smsRefusal(err: unknown, needed: number, balance: number): never {
  if (err instanceof SmsNotAllowed) {
    throw err.code === 'sms_disabled' ? unprocessable('sms_disabled') : unprocessable('sms_balance_exhausted', { needed, balance }, { needed, balance });
  }
  throw err;
}

export async function sendDirectMessage(deps: AppDeps, user: SessionUser, personId: string, input: TSendMessageRequest) {
  const { db } = deps;
  const person = await findPersonRow(db, user, personId);
  const service = messageService(deps);
  const { emails, phones } = await contactsOf(db, [person.id]);
  const addresses = input.channel === 'email' ? emails.map((e) => e.address) : phones.map((p) => p.number);
  if (!addresses.length) {
    throw unprocessable(input.channel === 'email' ? 'missing_email' : 'missing_phone', {}, { contactsTab: contactsTab(person.id) });
  }
  const wanted = input.to?.toLowerCase();
  const address = wanted ? addresses.find((a) => a.toLowerCase() === wanted) : addresses[0];
  if (!address) throw unprocessable('unknown_address', {}, { contactsTab: contactsTab(person.id), addresses });
  const values = { name: person.firstName ?? person.code, surname: person.lastName ?? '', professional: user.name, organisation: await organisationName(db, user.organisationId) };
  const body = fillPlaceholders(input.body, values);
  const settings = await messagingSettingsOf(db, user.organisationId);
  const needed = input.channel === 'sms' ? Math.max(1, countSmsSegments(body).segments) : 0;
  try {
    const row = await service.send({
      // With an Idempotency-Key, a retried request finds its message instead of sending another.
      idempotencyKey: `direct:${newId(deps, 'message', person.id)}`,
      organisationId: user.organisationId,
      personId: person.id,
      channel: input.channel,
      address,
      subject: input.channel === 'email' ? fillPlaceholders(input.subject ?? '', values) : null,
      body,
      sentBy: user.id,
      sentByName: user.name,
    });
    return { id: row.id, status: row.status };
  } catch (err) {
    smsRefusal(err, needed, settings.smsBalance);
  }
}

export async function personMessages(db: Db, user: SessionUser, personId: string, page: number, pageSize: number) {
  const person = await findPersonRow(db, user, personId);
  const where = eq(messages.personId, person.id);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(messages).where(where).orderBy(desc(messages.createdAt), desc(messages.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(messages).where(where),
  ]);
  const changes = rows.length
    ? await db.select().from(messageStatusChanges).where(inArray(messageStatusChanges.messageId, rows.map((r) => r.id))).orderBy(asc(messageStatusChanges.at))
    : [];
  return {
    total,
    items: rows.map((m) => ({
      id: m.id,
      channel: m.channel,
      to: m.address,
      subject: m.subject,
      body: m.body,
      status: m.status,
      reason: m.reason,
      simulated: m.status === 'simulated',
      segments: m.segments,
      sentBy: m.sentBy,
      sentByName: m.sentByName,
      ownerType: m.ownerType,
      ownerId: m.ownerId,
      createdAt: iso(m.createdAt)!,
      statusAt: iso(m.statusAt)!,
      history: changes.filter((c) => c.messageId === m.id).map((c) => ({ status: c.status, reason: c.reason, at: iso(c.at)! })),
    })),
  };
}

/** The persons a bulk send is for, in the caller's organisation, in a stable order. */
async function resolveSource(db: Db, user: SessionUser, input: TBulkPreviewRequest): Promise<Array<typeof persons.$inferSelect>> {
  const order = [asc(persons.lastName), asc(persons.firstName), asc(persons.code), asc(persons.id)];
  if (input.personIds) {
    const ids = [...new Set(input.personIds)];
    const rows = await db.select().from(persons).where(inArray(persons.id, ids)).orderBy(...order);
    const foreign = rows.filter((r) => r.organisationId !== user.organisationId).map((r) => r.id);
    if (foreign.length) throw forbidden({ personIds: foreign });
    if (rows.length !== ids.length) throw notFound();
    return rows;
  }
  if (input.contactListId) {
    const [list] = await db.select().from(contactLists).where(and(eq(contactLists.id, input.contactListId), eq(contactLists.organisationId, user.organisationId)));
    if (!list) throw notFound();
    return db
      .select({ p: persons })
      .from(contactListMembers)
      .innerJoin(persons, eq(persons.id, contactListMembers.personId))
      .where(eq(contactListMembers.listId, list.id))
      .orderBy(...order)
      .then((rows) => rows.map((r) => r.p));
  }
  const where = personSearchConditions(user.organisationId, user.id, { q: input.filter?.q, favorite: input.favorites === true });
  return db.select().from(persons).where(where).orderBy(...order).limit(10_000);
}

export interface BulkAudience {
  recipients: Array<{ personId: string; address: string }>;
  invalid: Array<{ personId: string; name: string; reason: ExclusionReason }>;
}

export async function bulkAudience(db: Db, user: SessionUser, input: TBulkPreviewRequest): Promise<BulkAudience> {
  const people = await resolveSource(db, user, input);
  const contacts = await contactsOf(db, people.map((p) => p.id));
  const audience: BulkAudience = { recipients: [], invalid: [] };
  for (const p of people) {
    const choice = chooseRecipientAddress(input.channel, {
      emails: contacts.emails.filter((e) => e.personId === p.id),
      phones: contacts.phones.filter((ph) => ph.personId === p.id),
    });
    if ('address' in choice) audience.recipients.push({ personId: p.id, address: choice.address });
    else audience.invalid.push({ personId: p.id, name: displayName(p), reason: choice.reason });
  }
  return audience;
}

export async function previewBulk(db: Db, user: SessionUser, input: TBulkPreviewRequest & { body?: string }) {
  const audience = await bulkAudience(db, user, input);
  const segments = input.channel === 'sms' && input.body ? countSmsSegments(input.body).segments * audience.recipients.length : undefined;
  return { total: audience.recipients.length, invalid: audience.invalid, ...(segments === undefined ? {} : { segments }) };
}

export async function startBulkMessage(deps: AppDeps, user: SessionUser, input: TBulkMessageRequest) {
  const { db, temporal, config } = deps;
  messageService(deps);
  const audience = await bulkAudience(db, user, input);
  if (!audience.recipients.length) throw unprocessable('no_recipients', {}, { invalid: audience.invalid });
  const settings = await messagingSettingsOf(db, user.organisationId);
  if (input.channel === 'sms') {
    if (!settings.smsEnabled) throw unprocessable('sms_disabled');
    // Placeholders change lengths per person: the template's own count is the estimate.
    const needed = Math.max(1, countSmsSegments(input.body).segments) * audience.recipients.length;
    if (settings.smsBalance < needed) throw unprocessable('sms_balance_exhausted', { needed, balance: settings.smsBalance }, { needed, balance: settings.smsBalance });
  }
  const bulkId = newId(deps, 'bulk-message', user.organisationId);
  const workflowId = bulkMessageWorkflowId(bulkId);
  const source = input.personIds ? 'selection' : input.contactListId ? 'contact_list' : input.favorites ? 'favorites' : 'filter';
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bulkMessages)
      .values({
        id: bulkId,
        organisationId: user.organisationId,
        channel: input.channel,
        subject: input.channel === 'email' ? input.subject ?? '' : null,
        body: input.body,
        source,
        createdBy: user.id,
        createdByName: user.name,
        total: audience.recipients.length,
        workflowId,
      })
      .onConflictDoNothing()
      .returning({ id: bulkMessages.id });
    if (!row) return false;
    const rows = [
      ...audience.recipients.map((r, position) => ({ bulkId, personId: r.personId, organisationId: user.organisationId, position, address: r.address })),
      ...audience.invalid.map((r) => ({ bulkId, personId: r.personId, organisationId: user.organisationId, address: null, status: 'excluded' as const, reason: r.reason })),
    ];
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(bulkMessageRecipients).values(rows.slice(i, i + 1000));
    return true;
  });
  const workflowInput: BulkMessageInput = {
    bulkId,
    organisationId: user.organisationId,
    channel: input.channel,
    total: audience.recipients.length,
    perSecond: input.channel === 'email' ? settings.emailsPerSecond : settings.smsPerSecond,
  };
  try {
    await temporal.workflow.start<typeof bulkMessageWorkflow>('bulkMessageWorkflow', {
      workflowId,
      taskQueue: config.taskQueue,
      args: [workflowInput],
      staticSummary: `Envío masivo de ${input.channel === 'email' ? 'email' : 'SMS'} a ${audience.recipients.length}`,
      typedSearchAttributes: [
        { key: kindKey, value: 'bulk-message' },
        { key: organisationKey, value: user.organisationId },
        { key: statusKey, value: 'running' },
        { key: businessKeyKey, value: bulkId },
      ],
    });
  } catch (err) {
    // A retried request (same key) finds its workflow already started: that is this very send.
    if (created || !/already started/i.test(String((err as Error).message))) {
      if (created) await db.delete(bulkMessages).where(eq(bulkMessages.id, bulkId));
      throw err;
    }
  }
  return { id: bulkId, total: audience.recipients.length, invalid: audience.invalid };
}

async function findBulk(db: Db, user: SessionUser, bulkId: string) {
  const [row] = await db.select().from(bulkMessages).where(and(eq(bulkMessages.id, bulkId), eq(bulkMessages.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

/** Counts come from the messages themselves, so an email that went on a later retry counts. */
export async function bulkProgress(db: Db, user: SessionUser, bulkId: string) {
  const bulk = await findBulk(db, user, bulkId);
  const [tally] = await db
    .select({
      sent: sql<number>`count(*) FILTER (WHERE ${messages.status} IN ('sent', 'delivered', 'simulated'))::int`,
      failed: sql<number>`(count(*) FILTER (WHERE ${messages.status} IN ('failed', 'bounced', 'undelivered')) + count(*) FILTER (WHERE ${bulkMessageRecipients.status} = 'done' AND ${messages.id} IS NULL))::int`,
      notSent: sql<number>`count(*) FILTER (WHERE ${bulkMessageRecipients.status} = 'not_sent')::int`,
    })
    .from(bulkMessageRecipients)
    .leftJoin(messages, eq(messages.id, bulkMessageRecipients.messageId))
    .where(and(eq(bulkMessageRecipients.bulkId, bulk.id), sql`${bulkMessageRecipients.position} IS NOT NULL`));
  const sent = tally?.sent ?? 0;
  const failed = tally?.failed ?? 0;
  return {
    id: bulk.id,
    channel: bulk.channel,
    status: bulk.status,
    sent,
    failed,
    pending: bulk.status === 'running' ? bulk.total - sent - failed : Math.max(0, bulk.total - sent - failed - (tally?.notSent ?? 0)),
    total: bulk.total,
    createdAt: iso(bulk.createdAt)!,
    finishedAt: iso(bulk.finishedAt),
  };
}

export async function bulkRecipients(db: Db, user: SessionUser, bulkId: string, page: number, pageSize: number) {
  const bulk = await findBulk(db, user, bulkId);
  const where = eq(bulkMessageRecipients.bulkId, bulk.id);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ r: bulkMessageRecipients, p: persons, status: messages.status, messageReason: messages.reason })
      .from(bulkMessageRecipients)
      .innerJoin(persons, eq(persons.id, bulkMessageRecipients.personId))
      .leftJoin(messages, eq(messages.id, bulkMessageRecipients.messageId))
      .where(where)
      .orderBy(sql`${bulkMessageRecipients.position} NULLS FIRST`, asc(persons.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(bulkMessageRecipients).where(where),
  ]);
  return {
    total,
    items: rows.map(({ r, p, status, messageReason }) => ({
      personId: r.personId,
      name: displayName(p),
      address: r.address,
      outcome: status ?? (r.status === 'done' ? 'failed' : r.status),
      reason: messageReason ?? r.reason,
    })),
  };
}

export async function cancelBulkMessage(deps: AppDeps, user: SessionUser, bulkId: string) {
  const bulk = await findBulk(deps.db, user, bulkId);
  if (bulk.status !== 'running') throw conflict('bulk_message_not_running', 'errors.bulk_message_not_running', { status: bulk.status });
  const handle = deps.temporal.workflow.getHandle(bulk.workflowId);
  const progress = await handle.executeUpdate(cancelBulkMessageUpdate, { args: [{ by: user.id }], updateId: keyedUpdateId(deps, 'cancelBulkMessage', bulk.id) });
  return { status: progress.status, sent: progress.sent, failed: progress.failed, notSent: progress.pending, total: progress.total };
}

export async function messagingSettingsFor(deps: AppDeps, user: SessionUser) {
  const s = await messagingSettingsOf(deps.db, user.organisationId);
  return { ...s, smsLive: deps.config.smsLive };
}

export async function updateMessagingSettings(deps: AppDeps, user: SessionUser, input: { smsEnabled?: boolean; emailsPerSecond?: number; smsPerSecond?: number }) {
  await deps.db.insert(messagingSettings).values({ organisationId: user.organisationId }).onConflictDoNothing();
  const change = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(change).length) await deps.db.update(messagingSettings).set(change).where(eq(messagingSettings.organisationId, user.organisationId));
  return messagingSettingsFor(deps, user);
}

export async function changeBalance(deps: AppDeps, user: SessionUser, delta: number) {
  await deps.db.transaction((tx) => changeSmsBalance(tx, { organisationId: user.organisationId, delta, reason: delta > 0 ? 'top_up' : 'adjusted', actorId: user.id }));
  return messagingSettingsFor(deps, user);
}

export async function balanceHistory(db: Db, user: SessionUser, page: number, pageSize: number) {
  const where = eq(smsBalanceChanges.organisationId, user.organisationId);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(smsBalanceChanges).where(where).orderBy(desc(smsBalanceChanges.createdAt), desc(smsBalanceChanges.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(smsBalanceChanges).where(where),
  ]);
  return { total, items: rows.map((r) => ({ id: r.id, delta: r.delta, balanceAfter: r.balanceAfter, reason: r.reason, messageId: r.messageId, createdAt: iso(r.createdAt)! })) };
}

export async function listContactLists(db: Db, user: SessionUser) {
  const rows = await db
    .select({ id: contactLists.id, name: contactLists.name, createdAt: contactLists.createdAt, members: sql<number>`(SELECT count(*)::int FROM ${contactListMembers} WHERE ${contactListMembers.listId} = ${contactLists.id})` })
    .from(contactLists)
    .where(eq(contactLists.organisationId, user.organisationId))
    .orderBy(asc(contactLists.name));
  return { total: rows.length, items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)! })) };
}

async function ownPersons(db: Db, user: SessionUser, personIds: string[]): Promise<string[]> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return [];
  const rows = await db.select({ id: persons.id, org: persons.organisationId }).from(persons).where(inArray(persons.id, ids));
  const foreign = rows.filter((r) => r.org !== user.organisationId).map((r) => r.id);
  if (foreign.length) throw forbidden({ personIds: foreign });
  if (rows.length !== ids.length) throw notFound();
  return ids;
}

export async function createContactList(db: Db, user: SessionUser, input: { name: string; personIds: string[] }) {
  const ids = await ownPersons(db, user, input.personIds);
  const list = await db.transaction(async (tx) => {
    const [row] = await tx.insert(contactLists).values({ organisationId: user.organisationId, name: input.name, createdBy: user.id }).returning();
    if (ids.length) await tx.insert(contactListMembers).values(ids.map((personId) => ({ listId: row.id, personId })));
    return row;
  });
  return { id: list.id, name: list.name, members: ids.length, createdAt: iso(list.createdAt)! };
}

export async function setContactListMembers(db: Db, user: SessionUser, listId: string, personIds: string[]) {
  const [list] = await db.select().from(contactLists).where(and(eq(contactLists.id, listId), eq(contactLists.organisationId, user.organisationId)));
  if (!list) throw notFound();
  const ids = await ownPersons(db, user, personIds);
  await db.transaction(async (tx) => {
    await tx.delete(contactListMembers).where(eq(contactListMembers.listId, list.id));
    if (ids.length) await tx.insert(contactListMembers).values(ids.map((personId) => ({ listId: list.id, personId })));
  });
  return { id: list.id, name: list.name, members: ids.length, createdAt: iso(list.createdAt)! };
}

export async function deleteContactList(db: Db, user: SessionUser, listId: string) {
  const deleted = await db.delete(contactLists).where(and(eq(contactLists.id, listId), eq(contactLists.organisationId, user.organisationId))).returning({ id: contactLists.id });
  if (!deleted.length) throw notFound();
}

const templateOut = (r: typeof messageTemplates.$inferSelect) => ({ id: r.id, name: r.name, channel: r.channel, subject: r.subject, body: r.body, updatedAt: iso(r.updatedAt)! });

export async function listTemplates(db: Db, user: SessionUser) {
  const rows = await db.select().from(messageTemplates).where(eq(messageTemplates.organisationId, user.organisationId)).orderBy(asc(messageTemplates.name), asc(messageTemplates.id));
  return { total: rows.length, items: rows.map(templateOut) };
}

export async function saveTemplate(db: Db, user: SessionUser, input: TMessageTemplateRequest, templateId?: string) {
  const values = { name: input.name, channel: input.channel, subject: input.channel === 'email' ? input.subject ?? null : null, body: input.body };
  if (!templateId) {
    const [row] = await db.insert(messageTemplates).values({ ...values, organisationId: user.organisationId, createdBy: user.id }).returning();
    return templateOut(row);
  }
  const [row] = await db
    .update(messageTemplates)
    .set(values)
    .where(and(eq(messageTemplates.id, templateId), eq(messageTemplates.organisationId, user.organisationId)))
    .returning();
  if (!row) throw notFound();
  return templateOut(row);
}

export async function deleteTemplate(db: Db, user: SessionUser, templateId: string) {
  const deleted = await db.delete(messageTemplates).where(and(eq(messageTemplates.id, templateId), eq(messageTemplates.organisationId, user.organisationId))).returning({ id: messageTemplates.id });
  if (!deleted.length) throw notFound();
}

/** Messages sent to a person go with their file (listed in api/app.ts). */
export const messagesPersonDependent: PersonDependent = {
  name: 'messages',
  count: async (db, personId) => (await db.select({ n: count() }).from(messages).where(eq(messages.personId, personId)))[0]?.n ?? 0,
  // The rows go with the person (ON DELETE CASCADE); nothing outside the database holds them.
  remove: async () => {},
};
