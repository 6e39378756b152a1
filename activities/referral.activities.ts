// Projection of the referral workflow into Postgres, what sending delivers (messages to the
// person through the message service, an email with its own link to the receiving service) and
// the notices of the chasing. Idempotent: rows carry the workflow's version, emails and notices
// a dedupe key, messages an idempotency key.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { followUps, interventions, needs, organisations, outboxMessages, persons, referralEvents, referrals, resources, users } from '../db/schema';
import type { DbLike } from '../db/client';
import { issuePublicLink, revokePublicLinks } from '../db/public-links';
import { dateParam } from '../domain/dates';
import { isLocale, locales, t, type Locale } from '../domain/i18n';
import { isResolvedReferral, serviceLocale, type ReferralAnswerChannel, type ReferralChannel, type ReferralStatus } from '../domain/referrals';
import { newLinkToken } from '../security/public-links';
import { followUpWorkflowId } from '../workflows/followup.definitions';
import { followUpRow } from './follow-up-rows';
import type { ReferralConsentState, ReferralFollowUpState, ReferralHistoryEntry } from '../workflows/referral.definitions';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';
import { createNotificationActivities } from './notification.activities';

export interface ReferralProjection {
  referralId: string;
  organisationId: string;
  version: number;
  summary: {
    status: ReferralStatus;
    assigneeId: string;
    reason: string | null;
    channels: ReferralChannel[];
    consent: ReferralConsentState | null;
    sentAt: string | null;
    answeredAt: string | null;
    resolvedAt: string | null;
    nextChaseAt: string | null;
    chases: number;
    pendingFollowUps: number;
  };
  followUps: ReferralFollowUpState[];
  events: ReferralHistoryEntry[];
}

export type ReferralNoticeEvent =
  | 'answered'
  | 'answer_reminder'
  | 'escalation'
  | 'outcome_request'
  | 'follow_up_due'
  | 'follow_up_overdue'
  | 'follow_up_chased';

export interface ReferralNotice {
  referralId: string;
  organisationId: string;
  event: ReferralNoticeEvent;
  assigneeId: string;
  status?: ReferralStatus;
  via?: ReferralAnswerChannel;
  followUpId?: string;
  dueAt?: string;
  chase?: number;
  maxChases?: number;
  days?: number;
  linkValidDays?: number;
  dedupe?: string;
}

export interface DeliverReferralInput {
  referralId: string;
  organisationId: string;
  by: string;
  channels: ReferralChannel[];
  email: string | null;
  phone: string | null;
  linkValidDays: number;
}

/** The receiving service's answer page (the web app's public route). */
export const referralAnswerPath = (token: string) => `/derivaciones/respuesta/${token}`;

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
const DAY = 86_400_000;

/** Everything the texts of one referral need, read once. */
async function referralContext(db: DbLike, referralId: string) {
  const [row] = await db
    .select({ r: referrals, code: interventions.code, needCode: interventions.needCode, res: resources, org: organisations, p: persons })
    .from(referrals)
    .innerJoin(interventions, eq(interventions.id, referrals.interventionId))
    .innerJoin(resources, eq(resources.id, referrals.resourceId))
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .innerJoin(persons, eq(persons.id, referrals.personId))
    .where(eq(referrals.id, referralId));
  if (!row) return null;
  const [[professional], [need]] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, row.r.assigneeId)),
    db.select({ name: needs.name }).from(needs).where(and(eq(needs.organisationId, row.r.organisationId), eq(needs.code, row.needCode))),
  ]);
  const orgLocale: Locale = isLocale(row.org.locale) ? row.org.locale : 'es';
  return {
    ...row,
    professional: professional ?? { id: row.r.assigneeId, name: '—', email: '' },
    needName: need?.name ?? row.needCode,
    orgLocale,
    serviceLocale: serviceLocale(row.res.languages, orgLocale, locales),
    personName: row.p.anonymous ? row.p.code : [row.p.firstName, row.p.lastName].filter(Boolean).join(' ') || row.p.code,
  };
}

export function createReferralActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl' | 'messages'>) {
  const { db, outbox, publicUrl } = deps;
  const { notify } = createNotificationActivities(deps);

  /** Issues a fresh link for the service and enqueues its email once per key (the token travels as an outbox secret). */
  async function emailService(ctx: NonNullable<Awaited<ReturnType<typeof referralContext>>>, kind: 'sent' | 'reminder', dedupeKey: string, validDays: number, by: string | null) {
    if (!ctx.res.email) return false;
    const [already] = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.dedupeKey, dedupeKey));
    if (already) return true;
    const locale = ctx.serviceLocale;
    const expiresAt = new Date(Date.now() + validDays * DAY);
    const { token, tokenHash } = newLinkToken();
    await issuePublicLink(db, {
      tokenHash,
      organisationId: ctx.r.organisationId,
      purpose: 'referral_answer',
      subjectType: 'referral',
      subjectId: ctx.r.id,
      issuedTo: ctx.res.email,
      locale,
      expiresAt,
      createdBy: by,
    });
    const timeZone = ctx.org.timezone;
    const params = {
      organisation: ctx.org.name,
      professional: ctx.professional.name,
      person: ctx.personName,
      need: ctx.needName,
      note: ctx.r.note ?? '—',
      contact: `${ctx.professional.name} <${ctx.professional.email}>`,
      link: '{{secret:link}}',
      expires: dateParam(expiresAt.toISOString()),
      sent: ctx.r.sentAt ? dateParam(ctx.r.sentAt.toISOString()) : '—',
    };
    const subjectKey = kind === 'sent' ? 'referral.service.subject' : 'referral.service.reminder_subject';
    const bodyKey = kind === 'sent' ? 'referral.service.body' : 'referral.service.reminder_body';
    await outbox.send([
      {
        dedupeKey,
        organisationId: ctx.r.organisationId,
        to: ctx.res.email,
        subject: t(locale, subjectKey, params, { timeZone }),
        text: t(locale, bodyKey, params, { timeZone }),
        secrets: { link: `${publicUrl}${referralAnswerPath(token)}` },
      },
    ]);
    return true;
  }

  return nonRetryableDataErrors({
    async projectReferral(p: ReferralProjection): Promise<void> {
      const v = p.version;
      const s = p.summary;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(referrals)
          .set({
            status: s.status,
            assigneeId: s.assigneeId,
            reason: s.reason,
            channels: s.channels,
            consent: s.consent ? { given: true as const, ...s.consent } : null,
            sentAt: date(s.sentAt),
            answeredAt: date(s.answeredAt),
            resolvedAt: date(s.resolvedAt),
            nextChaseAt: date(s.nextChaseAt),
            chases: s.chases,
            pendingFollowUps: s.pendingFollowUps,
            projectionVersion: v,
            updatedAt: new Date(),
          })
          .where(and(eq(referrals.id, p.referralId), lt(referrals.projectionVersion, v)))
          .returning({ id: referrals.id, organisationId: referrals.organisationId });
        const [exists] = updated.length ? updated : await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.id, p.referralId));
        // Deleted with its person: nothing left to project into.
        if (!exists) return;
        for (const f of p.followUps) {
          const row = followUpRow(f, { organisationId: p.organisationId, owner: { type: 'referral', id: p.referralId }, assigneeId: s.assigneeId, version: v });
          const { id: _id, ...set } = row;
          await tx.insert(followUps).values(row).onConflictDoUpdate({ target: followUps.id, set, setWhere: lt(followUps.version, v) });
        }
        if (p.events.length) {
          await tx
            .insert(referralEvents)
            .values(p.events.map((e) => ({ referralId: p.referralId, organisationId: p.organisationId, seq: e.seq, at: new Date(e.at), actorId: e.by, actorLabel: e.byLabel, action: e.action, note: e.note, details: e.details })))
            // The latest projection of a position wins (see activities/event-projection.ts).
            .onConflictDoUpdate({
              target: [referralEvents.referralId, referralEvents.seq],
              set: { at: sql`excluded."at"`, actorId: sql`excluded."actor_id"`, actorLabel: sql`excluded."actor_label"`, action: sql`excluded."action"`, note: sql`excluded."note"`, details: sql`excluded."details"` },
            });
        }
        // A resolved referral's links answer 410 "already resolved" from now on.
        if (updated.length && isResolvedReferral(s.status)) await revokePublicLinks(tx, { type: 'referral', id: p.referralId }, 'resolved');
      });
    },

    async deliverReferral(input: DeliverReferralInput): Promise<{ messages: number; serviceEmailed: boolean }> {
      const ctx = await referralContext(db, input.referralId);
      if (!ctx) return { messages: 0, serviceEmailed: false };
      if (!deps.messages) throw new Error('The message service is not configured for this worker');
      const locale = ctx.orgLocale;
      const timeZone = ctx.org.timezone;
      const details = [ctx.res.address, ctx.res.phone, ctx.res.email, ctx.res.openingHours].filter(Boolean).join(' · ');
      const contact = [ctx.res.phone, ctx.res.address].filter(Boolean).join(' · ');
      const params = { name: ctx.personName, resource: ctx.res.name, details, contact, professional: ctx.professional.name, organisation: ctx.org.name };
      const [sender] = await db.select({ name: users.name }).from(users).where(eq(users.id, input.by));
      const drafts = input.channels.flatMap((channel) => {
        const address = channel === 'email' ? input.email : input.phone;
        if (!address) return [];
        return [{
          idempotencyKey: `referral:${input.referralId}:sent:${channel}`,
          organisationId: input.organisationId,
          personId: ctx.r.personId,
          ownerType: 'referral',
          ownerId: input.referralId,
          channel,
          address,
          subject: channel === 'email' ? t(locale, 'referral.person.subject', params, { timeZone }) : null,
          body: t(locale, channel === 'email' ? 'referral.person.body' : 'referral.person.sms', params, { timeZone }),
          sentBy: input.by,
          sentByName: sender?.name ?? null,
        }];
      });
      let sent = 0;
      try {
        sent = (await deps.messages.sendMany(drafts)).length;
      } catch (err) {
        // SMS switched off or out of balance since the API checked: the email still goes, the
        // message list shows what was not sent; retrying would not change it.
        if ((err as { code?: string }).code !== 'sms_disabled' && (err as { code?: string }).code !== 'sms_balance_exhausted') throw err;
        sent = (await deps.messages.sendMany(drafts.filter((d) => d.channel === 'email'))).length;
      }
      const serviceEmailed = await emailService(ctx, 'sent', `referral:${input.referralId}:service:sent`, input.linkValidDays, input.by);
      return { messages: sent, serviceEmailed };
    },

    async sendReferralNotice(n: ReferralNotice): Promise<{ notified: number }> {
      const ctx = await referralContext(db, n.referralId);
      if (!ctx) return { notified: 0 };
      const link = `/derivaciones/${n.referralId}`;
      const dedupe = `referral:${n.referralId}:${n.event}:${n.dedupe ?? ''}`;
      const common = { organisationId: n.organisationId, link, subjectType: 'referral', subjectId: n.referralId };
      const base = { code: ctx.code, resource: ctx.r.resourceName };
      const toAssignee = (messageKey: string, params: Record<string, string | number> = {}) =>
        notify({ ...common, userIds: [n.assigneeId], kind: `referral.${messageKey.split('.').pop()}`, messageKey, params: { ...base, ...params }, dedupeKey: dedupe, email: true });
      const supervisors = async () => {
        const staff = await db
          .select({ id: users.id, roles: users.roles })
          .from(users)
          .where(and(eq(users.organisationId, n.organisationId), eq(users.status, 'active'), sql`${users.roles} && ARRAY['supervisor','admin']::text[]`));
        const sup = staff.filter((u) => u.roles.includes('supervisor'));
        return (sup.length ? sup : staff).map((u) => u.id).filter((id) => id !== n.assigneeId);
      };
      const due = n.dueAt ? dateParam(n.dueAt) : '';
      switch (n.event) {
        case 'answered':
          return toAssignee('notifications.referral.answered', { status: `@referral.status.${n.status}`, via: `@referral.via.${n.via}` });
        case 'answer_reminder': {
          await emailService(ctx, 'reminder', `${dedupe}:service`, n.linkValidDays ?? 90, null);
          return toAssignee('notifications.referral.answer_reminder');
        }
        case 'escalation': {
          const [assignee] = await db.select({ name: users.name }).from(users).where(inArray(users.id, [n.assigneeId]));
          return notify({
            ...common,
            userIds: await supervisors(),
            kind: 'referral.escalated',
            messageKey: 'notifications.referral.escalated',
            params: { ...base, assignee: assignee?.name ?? '—' },
            dedupeKey: dedupe,
            email: true,
          });
        }
        case 'outcome_request':
          return toAssignee('notifications.referral.outcome_requested', { days: n.days ?? 0 });
        case 'follow_up_due':
          return toAssignee('notifications.referral.follow_up_due', { due });
        case 'follow_up_chased':
          return toAssignee('notifications.referral.follow_up_chased', { due, chase: n.chase ?? 0, max: n.maxChases ?? 0 });
        case 'follow_up_overdue': {
          const reminded = await toAssignee('notifications.referral.follow_up_overdue', { due });
          const escalated = await notify({
            ...common,
            userIds: await supervisors(),
            kind: 'referral.follow_up_escalated',
            messageKey: 'notifications.referral.follow_up_overdue',
            params: { ...base, due },
            dedupeKey: `${dedupe}:escalated`,
            email: true,
          });
          return { notified: reminded.notified + escalated.notified };
        }
      }
    },
  });
}
