// Projection of the accreditation workflow into Postgres and its notices: the service centre
// hears of a new request and is reminded of a pending one; the operator hears of the decision,
// in the app and by email in their own language (notifications: messages to staff). Idempotent:
// the row carries the workflow's version, each notice a dedupe key.
import { and, eq, lt, sql } from 'drizzle-orm';
import { accreditations, users } from '../db/schema';
import { dateParam } from '../domain/dates';
import { ACCREDITATION_PAGE, ACCREDITATION_REQUESTS_PAGE, SERVICE_CENTRE_ROLE, type AccreditationRequestFields, type AccreditationStatus } from '../domain/accreditations';
import type { AccreditationHistoryEntry } from '../workflows/accreditation.definitions';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';
import { createNotificationActivities } from './notification.activities';

export interface AccreditationProjection {
  accreditationId: string;
  organisationId: string;
  version: number;
  request: AccreditationRequestFields;
  status: AccreditationStatus;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  reminders: number;
  nextReminderAt: string | null;
  history: AccreditationHistoryEntry[];
}

export interface AccreditationNotice {
  accreditationId: string;
  organisationId: string;
  requesterId: string;
  event: 'submitted' | 'reminder' | 'approved' | 'rejected';
  reason?: string | null;
  dedupe?: string;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

export function createAccreditationActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl'>) {
  const { db } = deps;
  const { notify } = createNotificationActivities(deps);

  return nonRetryableDataErrors({
    async projectAccreditation(p: AccreditationProjection): Promise<void> {
      await db
        .update(accreditations)
        .set({
          cpiId: p.request.cpiId,
          province: p.request.province,
          qualification: p.request.qualification,
          phone: p.request.phone,
          note: p.request.note,
          status: p.status,
          reason: p.reason,
          submittedAt: date(p.submittedAt),
          decidedAt: date(p.decidedAt),
          decidedBy: p.decidedBy,
          reminders: p.reminders,
          nextReminderAt: date(p.nextReminderAt),
          history: p.history,
          projectionVersion: p.version,
          updatedAt: new Date(),
        })
        .where(and(eq(accreditations.id, p.accreditationId), lt(accreditations.projectionVersion, p.version)));
    },

    async sendAccreditationNotice(n: AccreditationNotice): Promise<{ notified: number }> {
      const [row] = await db
        .select({ a: accreditations, name: users.name })
        .from(accreditations)
        .innerJoin(users, eq(users.id, accreditations.userId))
        .where(eq(accreditations.id, n.accreditationId));
      // Deleted with its user: nobody left to tell.
      if (!row) return { notified: 0 };
      const common = {
        organisationId: n.organisationId,
        subjectType: 'accreditation',
        subjectId: n.accreditationId,
        dedupeKey: `accreditation:${n.accreditationId}:${n.event}:${n.dedupe ?? ''}`,
        email: true,
      };
      const params = { name: row.name, cpi: row.a.cpiId };
      if (n.event === 'approved' || n.event === 'rejected') {
        return notify({
          ...common,
          userIds: [n.requesterId],
          kind: `accreditation.${n.event}`,
          messageKey: `notifications.accreditation.${n.event}`,
          params: { ...params, reason: n.reason ?? '—' },
          link: ACCREDITATION_PAGE,
        });
      }
      const centre = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organisationId, n.organisationId), eq(users.status, 'active'), sql`${SERVICE_CENTRE_ROLE} = ANY(${users.roles})`));
      return notify({
        ...common,
        userIds: centre.map((u) => u.id).filter((id) => id !== n.requesterId),
        kind: `accreditation.${n.event}`,
        messageKey: `notifications.accreditation.${n.event}`,
        params: { ...params, submitted: row.a.submittedAt ? dateParam(row.a.submittedAt.toISOString()) : '—' },
        link: `${ACCREDITATION_REQUESTS_PAGE}?id=${n.accreditationId}`,
      });
    },
  });
}
