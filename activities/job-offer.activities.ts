// The job offer workflow's projection (job_offers' status columns, job_offer_candidates, the
// offer's follow-ups) and its notices to the offer's professional (in the app and by email,
// through the outbox). Idempotent: rows carry the workflow's version, notices a dedupe key.
import { and, eq, inArray, lt } from 'drizzle-orm';
import { followUps, jobOfferCandidates, jobOffers, persons } from '../db/schema';
import type { OfferClosedReason, OfferStatus } from '../domain/job-offers/offers';
import type { CandidateState } from '../workflows/job-offer.definitions';
import type { FollowUpState } from '../workflows/intervention.definitions';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';
import { followUpRow } from './follow-up-rows';
import { createNotificationActivities } from './notification.activities';

export interface JobOfferProjection {
  offerId: string;
  organisationId: string;
  ownerId: string;
  version: number;
  status: OfferStatus;
  closedReason: OfferClosedReason | null;
  closedAt: string | null;
  placedCount: number;
  /** Only the candidates and follow-ups changed since the last projection. */
  candidates: CandidateState[];
  followUps: FollowUpState[];
}

export interface OfferOwnerNotice {
  offerId: string;
  organisationId: string;
  ownerId: string;
  event: 'interest_unchecked' | 'follow_up_due' | 'follow_up_overdue';
  personIds: string[];
  dedupe: string;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

export function createJobOfferActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl'>) {
  const { db } = deps;
  const { notify } = createNotificationActivities(deps);
  return nonRetryableDataErrors({
    async projectJobOffer(p: JobOfferProjection): Promise<void> {
      const v = p.version;
      await db.transaction(async (tx) => {
        await tx
          .update(jobOffers)
          .set({ status: p.status, closedReason: p.closedReason, closedAt: date(p.closedAt), placedCount: p.placedCount, projectionVersion: v, updatedAt: new Date() })
          .where(and(eq(jobOffers.id, p.offerId), lt(jobOffers.projectionVersion, v)));
        const [exists] = await tx.select({ id: jobOffers.id }).from(jobOffers).where(eq(jobOffers.id, p.offerId));
        if (!exists) return;
        for (const c of p.candidates) {
          const row = {
            offerId: p.offerId,
            personId: c.personId,
            organisationId: p.organisationId,
            status: c.status,
            favourite: c.favourite,
            statusAt: new Date(c.statusAt),
            statusBy: c.statusBy,
            placedOn: c.placedOn,
            contractType: c.contractType,
            interestRemindedAt: date(c.interestRemindedAt),
            history: c.history,
            addedBy: c.addedBy,
            addedAt: new Date(c.addedAt),
            projectionVersion: v,
          };
          const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, c.personId));
          // Deleted with their person: nothing left to project into.
          if (!person) continue;
          const { offerId: _o, personId: _p, ...set } = row;
          await tx
            .insert(jobOfferCandidates)
            .values(row)
            .onConflictDoUpdate({ target: [jobOfferCandidates.offerId, jobOfferCandidates.personId], set, setWhere: lt(jobOfferCandidates.projectionVersion, v) });
        }
        for (const f of p.followUps) {
          const row = followUpRow(f, { organisationId: p.organisationId, owner: { type: 'job_offer', id: p.offerId }, assigneeId: p.ownerId, version: v });
          const { id: _id, ...set } = row;
          await tx.insert(followUps).values(row).onConflictDoUpdate({ target: followUps.id, set, setWhere: lt(followUps.version, v) });
        }
      });
    },

    /** Unchecked interest (naming the candidates) or a follow-up falling due, to the offer's professional. */
    async notifyOfferOwner(n: OfferOwnerNotice): Promise<{ notified: number }> {
      const [offer] = await db.select({ title: jobOffers.title, status: jobOffers.status }).from(jobOffers).where(eq(jobOffers.id, n.offerId));
      if (!offer) return { notified: 0 };
      const names = n.personIds.length
        ? (await db.select({ firstName: persons.firstName, lastName: persons.lastName, code: persons.code }).from(persons).where(inArray(persons.id, n.personIds))).map(
            (p) => [p.firstName, p.lastName].filter(Boolean).join(' ') || p.code,
          )
        : [];
      return notify({
        organisationId: n.organisationId,
        userIds: [n.ownerId],
        kind: `job_offer.${n.event}`,
        messageKey: `notifications.job_offer.${n.event}`,
        params: { offer: offer.title, count: names.length, names: names.join(', ') },
        link: `/ofertas/${n.offerId}`,
        subjectType: 'job_offer',
        subjectId: n.offerId,
        dedupeKey: `job_offer:${n.offerId}:${n.event}:${n.dedupe}`,
        email: true,
      });
    },
  });
}
