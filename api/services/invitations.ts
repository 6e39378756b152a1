// Inviting users: the rows are written and the invitation workflow started together, or not at all.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import { hashToken } from '../../security/tokens';
import type { Db } from '../../db/client';
import { invitations, invitationTokens, organisations, users } from '../../db/schema';
import { addCalendarDays } from '../../domain/working-days';
import {
  acceptInvitationUpdate,
  cancelInvitationUpdate,
  INVITATION_EXPIRES_AFTER_DAYS,
  invitationWorkflowId,
  resendInvitationUpdate,
  type InvitationInput,
  type InvitationState,
} from '../../workflows/invitation.definitions';
import type { invitationWorkflow } from '../../workflows/invitation';
import { kindKey, organisationKey, statusKey, businessKeyKey } from '../../workflows/search-attributes';
import { workflowKinds } from '../../workflows/workflow-kinds';
import { keyedUpdateId } from './request-ids';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, conflict, notFound } from '../errors';

export const PASSWORD_MIN_LENGTH = 10;

export async function inviteUser(
  deps: AppDeps,
  admin: SessionUser,
  invite: { email: string; name: string; roles: string[]; locale?: string },
) {
  const { db, temporal, config } = deps;
  const [org] = await db.select().from(organisations).where(eq(organisations.id, admin.organisationId));
  // An Italian CPI's invitee reads the invitation and lands in the app in Italian unless told otherwise.
  const input = { ...invite, locale: invite.locale ?? org.locale };
  // A language the admin chose for the invitee is their preference; the organisation's is only a default.
  const localeChosen = invite.locale !== undefined && invite.locale !== null;
  const [existing] = await db.select().from(users).where(eq(users.email, input.email));
  if (existing && (existing.status === 'active' || existing.organisationId !== admin.organisationId)) {
    throw conflict('email_taken', 'errors.email_taken', { email: input.email });
  }
  const invitationId = randomUUID();
  const workflowId = invitationWorkflowId(invitationId);
  const userId = existing?.id ?? randomUUID();
  await db.transaction(async (tx) => {
    if (existing) {
      // A re-invitation: earlier pending invitations of this user stop counting.
      await tx.update(users).set({ name: input.name, roles: input.roles, locale: input.locale, localeChosen, status: 'invited', passwordHash: null }).where(eq(users.id, existing.id));
    } else {
      await tx.insert(users).values({ id: userId, organisationId: admin.organisationId, email: input.email, name: input.name, roles: input.roles, locale: input.locale, localeChosen, status: 'invited' });
    }
    await tx.insert(invitations).values({
      id: invitationId,
      organisationId: admin.organisationId,
      userId,
      email: input.email,
      invitedBy: admin.id,
      expiresAt: addCalendarDays(new Date(), INVITATION_EXPIRES_AFTER_DAYS, org.timezone),
      workflowId,
    });
  });
  const workflowInput: InvitationInput = {
    invitationId,
    organisationId: admin.organisationId,
    userId,
    invitedBy: admin.id,
    timezone: org.timezone,
    holidays: org.settings.holidays ?? [],
  };
  try {
    await temporal.workflow.start<typeof invitationWorkflow>('invitationWorkflow', {
      workflowId,
      taskQueue: config.taskQueue,
      args: [workflowInput],
      staticSummary: `Invitación de usuario (${input.roles.join(', ')})`,
      typedSearchAttributes: [
        { key: kindKey, value: workflowKinds.invitation.kind },
        { key: organisationKey, value: admin.organisationId },
        { key: statusKey, value: 'pending' },
        { key: businessKeyKey, value: invitationId },
      ],
    });
  } catch (err) {
    // Nothing half-done: without its workflow the invitation would never be sent nor expire.
    await db.delete(invitations).where(eq(invitations.id, invitationId));
    if (!existing) await db.delete(users).where(eq(users.id, userId));
    throw err;
  }
  await writeAudit(db, {
    ...auditActor(admin),
    action: 'invitation.created',
    subjectType: 'invitation',
    subjectId: invitationId,
    details: { email: input.email, roles: input.roles },
  });
  return { invitationId, userId, workflowId };
}

/** A pending invitation of the organisation: another organisation's is 404, a finished one 409. */
async function findPendingInvitation(db: Db, organisationId: string, invitationId: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId)));
  if (!row) throw notFound();
  if (row.status !== 'pending') {
    throw conflict('invitation_not_pending', 'errors.invitation_not_pending', { status: `@invitation.status.${row.status}` }, { status: row.status });
  }
  return row;
}

export async function resendInvitation(deps: AppDeps, admin: SessionUser, invitationId: string): Promise<InvitationState> {
  const inv = await findPendingInvitation(deps.db, admin.organisationId, invitationId);
  const state = await deps.temporal.workflow.getHandle(inv.workflowId).executeUpdate(resendInvitationUpdate, { args: [{ by: admin.id }], updateId: keyedUpdateId(deps, resendInvitationUpdate.name, inv.id) });
  await writeAudit(deps.db, { ...auditActor(admin), action: 'invitation.resent', subjectType: 'invitation', subjectId: inv.id });
  return state;
}

export async function cancelInvitation(deps: AppDeps, admin: SessionUser, invitationId: string): Promise<InvitationState> {
  const inv = await findPendingInvitation(deps.db, admin.organisationId, invitationId);
  const state = await deps.temporal.workflow.getHandle(inv.workflowId).executeUpdate(cancelInvitationUpdate, { args: [{ by: admin.id }], updateId: keyedUpdateId(deps, cancelInvitationUpdate.name, inv.id) });
  await writeAudit(deps.db, { ...auditActor(admin), action: 'invitation.cancelled', subjectType: 'invitation', subjectId: inv.id });
  return state;
}

async function invitationByToken(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, user: users, organisationName: organisations.name })
    .from(invitationTokens)
    .innerJoin(invitations, eq(invitations.id, invitationTokens.invitationId))
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitationTokens.tokenHash, hashToken(token)));
  if (!row || row.invitation.status !== 'pending') throw new ApiError(404, 'invitation_invalid', 'errors.invitation_invalid');
  return row;
}

export async function describeInvitationToken(db: Db, token: string) {
  const { invitation, user, organisationName } = await invitationByToken(db, token);
  return { email: user.email, name: user.name, organisationName, expiresAt: invitation.expiresAt.toISOString(), locale: user.locale };
}

/**
 * The chosen password is stored (hashed) on the still-inactive user first; the workflow's
 * accept Update then activates the account. A refused Update leaves the user inactive.
 */
export async function acceptInvitation(deps: AppDeps, token: string, password: string) {
  const { invitation, user } = await invitationByToken(deps.db, token);
  await deps.db.update(users).set({ passwordHash: await hash(password) }).where(eq(users.id, user.id));
  await deps.temporal.workflow.getHandle(invitation.workflowId).executeUpdate(acceptInvitationUpdate, { args: [{ userId: user.id }] });
  return { userId: user.id, email: user.email };
}
