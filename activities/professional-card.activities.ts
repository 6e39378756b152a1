// The professional card's expiry reminder: the professional who recorded it is told, in the app and
// by email (through the outbox), naming the person, the card and the day it expires. Idempotent by
// the notification's dedupe key (card and expiry date).
import { eq } from 'drizzle-orm';
import { personProfessionalCards, persons, professionalCards } from '../db/schema';
import { dateParam } from '../domain/dates';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';
import { createNotificationActivities } from './notification.activities';

export interface CardReminderInput {
  personCardId: string;
  organisationId: string;
  personId: string;
  professionalId: string;
  expiresOn: string;
  dedupe: string;
}

export function createProfessionalCardActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl'>) {
  const { db } = deps;
  const { notify } = createNotificationActivities(deps);
  return nonRetryableDataErrors({
    async remindProfessionalCardExpiry(input: CardReminderInput): Promise<{ notified: number }> {
      const [row] = await db
        .select({ card: professionalCards.name, expiresOn: personProfessionalCards.expiresOn, p: persons })
        .from(personProfessionalCards)
        .innerJoin(professionalCards, eq(professionalCards.id, personProfessionalCards.cardId))
        .innerJoin(persons, eq(persons.id, personProfessionalCards.personId))
        .where(eq(personProfessionalCards.id, input.personCardId));
      // Deleted meanwhile, or its expiry changed (the workflow has moved on): nothing to say.
      if (!row || row.expiresOn !== input.expiresOn) return { notified: 0 };
      const person = row.p.anonymous ? row.p.code : [row.p.firstName, row.p.lastName].filter(Boolean).join(' ') || row.p.code;
      return notify({
        organisationId: input.organisationId,
        userIds: [input.professionalId],
        kind: 'professional_card.expiring',
        messageKey: 'notifications.professional_card.expiring',
        params: { person, card: row.card, when: dateParam(`${input.expiresOn}T12:00:00Z`, 'date') },
        link: `/personas/${input.personId}/formacion-empleo`,
        subjectType: 'person',
        subjectId: input.personId,
        dedupeKey: `professional-card:${input.personCardId}:expiring:${input.dedupe}`,
        email: true,
      });
    },
  });
}
