import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { and, eq, lt } from 'drizzle-orm';
import { invitations, invitationTokens, organisations, users } from '../db/schema';
import { formatInstant } from '../domain/dates';
import { isLocale, t, type Locale } from '../domain/i18n';
import type { InvitationStatus } from '../workflows/invitation.definitions';
import { writeAudit } from '../db/audit';
import { hashToken } from '../security/tokens';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';

export function formatDateTime(at: Date, locale: Locale, timezone: string): string {
  return formatInstant(at, locale, timezone, 'long');
}

/**
 * One send of one workflow run: the scheduled activity's id is the same on every retry and
 * differs for the next send (a reminder, a resend). Outside a worker there is nothing to retry.
 */
function sendKey(): string {
  let info;
  try {
    info = Context.current().info;
  } catch {
    return randomUUID();
  }
  const run = info.workflowExecution;
  return run ? `${run.workflowId}:${run.runId}:${info.activityId}` : randomUUID();
}

export function createInvitationActivities({ db, outbox, publicUrl }: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl'>) {
  async function load(invitationId: string) {
    const rows = await db
      .select({ invitation: invitations, user: users, organisation: organisations })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
      .where(eq(invitations.id, invitationId));
    if (!rows[0]) throw ApplicationFailure.nonRetryable(`invitation ${invitationId} not found`, 'invitation_gone');
    const [inviter] = await db.select().from(users).where(eq(users.id, rows[0].invitation.invitedBy));
    return { ...rows[0], inviter };
  }

  return nonRetryableDataErrors({
    /**
     * Emails a link with a fresh token. The token is made here, never passed through the
     * workflow, so it does not appear in Temporal's history; only its hash is stored, and the
     * clear token only in the queued email until it is sent. A retry of this activity finds its
     * email already enqueued (same key) and makes no second link.
     */
    async sendInvitationMail({ invitationId, kind }: { invitationId: string; kind: 'invitation' | 'reminder' }) {
      const { invitation, user, organisation, inviter } = await load(invitationId);
      const token = randomBytes(32).toString('base64url');
      const locale: Locale = isLocale(user.locale) ? user.locale : 'es';
      const params = {
        name: user.name,
        inviter: inviter?.name ?? organisation.name,
        organisation: organisation.name,
        link: `${publicUrl}/invitacion/{{secret:token}}`,
        expires: formatDateTime(invitation.expiresAt, locale, organisation.timezone),
      };
      const key = kind === 'invitation' ? 'mail.invitation' : 'mail.invitation_reminder';
      const created = await db.transaction(async (tx) => {
        const rows = await outbox.enqueue(
          [{
            dedupeKey: `invitation:${invitationId}:${kind}:${sendKey()}`,
            organisationId: organisation.id,
            to: user.email,
            subject: t(locale, `${key}.subject`, params),
            text: t(locale, `${key}.body`, params),
            secrets: { token },
          }],
          { tx, lease: true },
        );
        if (rows.length) {
          await tx.insert(invitationTokens).values({ tokenHash: hashToken(token), invitationId });
          await writeAudit(tx, {
            organisationId: organisation.id,
            action: kind === 'invitation' ? 'invitation.mail_queued' : 'invitation.reminder_queued',
            subjectType: 'invitation',
            subjectId: invitationId,
            details: { to: user.email, outboxId: rows[0].id },
          });
        }
        return rows;
      });
      await outbox.deliver(created);
      return { outboxId: created[0]?.id ?? null, messageId: created[0]?.messageId ?? null };
    },

    async projectInvitation(p: {
      invitationId: string;
      status: InvitationStatus;
      expiresAt: string;
      remindersSent: number;
      lastSentAt: string | null;
      version: number;
    }) {
      await db
        .update(invitations)
        .set({
          status: p.status,
          expiresAt: new Date(p.expiresAt),
          remindersSent: p.remindersSent,
          lastSentAt: p.lastSentAt ? new Date(p.lastSentAt) : null,
          projectionVersion: p.version,
        })
        .where(and(eq(invitations.id, p.invitationId), lt(invitations.projectionVersion, p.version)));
      if (p.status !== 'pending') {
        // Single use: once accepted, cancelled or expired, no emailed link works any more.
        await db.delete(invitationTokens).where(eq(invitationTokens.invitationId, p.invitationId));
      }
    },

    /** The API stored the chosen password hash before asking the workflow to accept. */
    async activateInvitedUser({ invitationId }: { invitationId: string }) {
      const { user, organisation } = await load(invitationId);
      await db.update(users).set({ status: 'active' }).where(eq(users.id, user.id));
      await writeAudit(db, {
        organisationId: organisation.id,
        actorId: user.id,
        actorName: user.name,
        action: 'user.activated',
        subjectType: 'user',
        subjectId: user.id,
        details: { invitationId },
      });
    },
  });
}
