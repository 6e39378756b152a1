import { and, eq, inArray } from 'drizzle-orm';
import { notifications, organisations, users } from '../db/schema';
import { isLocale, t } from '../domain/i18n';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';

export interface NotifyInput {
  organisationId: string;
  userIds: string[];
  kind: string;
  /** i18n key of the sentence; rendered in each reader's language. */
  messageKey: string;
  params?: Record<string, string | number>;
  /** In-app path, e.g. /intervenciones/<id>. */
  link?: string;
  subjectType?: string;
  subjectId?: string;
  /** Same key, same user: notified once, however often the activity is retried. */
  dedupeKey?: string;
  /** Also send it by email to each user, in their language. */
  email?: boolean;
}

export function createNotificationActivities({ db, outbox, publicUrl }: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl'>) {
  return nonRetryableDataErrors({
    async notify(input: NotifyInput): Promise<{ notified: number }> {
      const userIds = [...new Set(input.userIds.filter(Boolean))];
      if (userIds.length === 0) return { notified: 0 };
      const inserted = await db
        .insert(notifications)
        .values(
          userIds.map((userId) => ({
            organisationId: input.organisationId,
            userId,
            kind: input.kind,
            messageKey: input.messageKey,
            params: input.params ?? {},
            link: input.link ?? null,
            subjectType: input.subjectType ?? null,
            subjectId: input.subjectId ?? null,
            dedupeKey: input.dedupeKey ?? null,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: notifications.id, userId: notifications.userId });
      if (input.email) {
        // Also the notifications an earlier try of this activity recorded: their email may not
        // have been enqueued yet. The outbox key (the notification's id) keeps it to one email.
        const recorded = input.dedupeKey
          ? await db
              .select({ id: notifications.id, userId: notifications.userId })
              .from(notifications)
              .where(and(inArray(notifications.userId, userIds), eq(notifications.dedupeKey, input.dedupeKey)))
          : inserted;
        const recipients = recorded.length
          ? await db
              .select({ id: users.id, email: users.email, locale: users.locale })
              .from(users)
              // Those who switched email notifications off in their profile get them in the app only.
              .where(and(inArray(users.id, recorded.map((r) => r.userId)), eq(users.status, 'active'), eq(users.emailNotifications, true)))
          : [];
        const byUser = new Map(recipients.map((r) => [r.id, r]));
        const [organisation] = await db.select({ timezone: organisations.timezone }).from(organisations).where(eq(organisations.id, input.organisationId));
        const timeZone = organisation?.timezone;
        await outbox.send(
          recorded.flatMap(({ id, userId }) => {
            const r = byUser.get(userId);
            if (!r) return [];
            const locale = isLocale(r.locale) ? r.locale : 'es';
            const text = t(locale, input.messageKey, input.params, { timeZone });
            const link = input.link ? `\n\n${publicUrl}${input.link}` : '';
            return [{
              dedupeKey: `notification:${id}`,
              organisationId: input.organisationId,
              to: r.email,
              subject: `Cauce · ${text.length > 90 ? `${text.slice(0, 87)}…` : text}`,
              text: `${text}${link}`,
            }];
          }),
        );
      }
      return { notified: inserted.length };
    },
  });
}
