// Projection of the skills-assessment workflow into Postgres, the phase documents sent to the
// worker (PDF attached, through the message service) and the operator's inactivity reminder.
// Idempotent: rows carry the workflow's version, messages an idempotency key, notices a dedupe key.
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { personEmails, skillsAssessmentPhaseRows, skillsAssessments } from '../db/schema';
import { t } from '../domain/i18n';
import type { SkillsAssessmentDocument, SkillsAssessmentPhase, SkillsAssessmentStatus } from '../domain/skills-assessments';
import { loadSkillsAssessmentContext, renderSkillsAssessmentDocument } from '../documents/skills-assessment';
import type { SkillsAssessmentPhaseState } from '../workflows/skills-assessment.definitions';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';
import { createNotificationActivities } from './notification.activities';

export interface SkillsAssessmentProjection {
  assessmentId: string;
  organisationId: string;
  version: number;
  summary: {
    status: SkillsAssessmentStatus;
    phase: SkillsAssessmentPhase;
    contractFileId: string | null;
    enrolment: { courseId: string; courseTitle: string; providerId: string; providerName: string; chosenAt: string } | null;
    lastSavedAt: string;
    nextReminderAt: string | null;
    reminders: number;
    completedAt: string | null;
  };
  phases: SkillsAssessmentPhaseState[];
}

export interface SkillsAssessmentDocumentInput {
  assessmentId: string;
  organisationId: string;
  document: Exclude<SkillsAssessmentDocument, 'contract'>;
  by: string;
}

export interface SkillsAssessmentNotice {
  assessmentId: string;
  organisationId: string;
  operatorId: string;
  phase: SkillsAssessmentPhase;
  since: string;
  days: number;
  dedupe: string;
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

export function createSkillsAssessmentActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl' | 'messages'>) {
  const { db } = deps;
  const { notify } = createNotificationActivities(deps);

  return nonRetryableDataErrors({
    async projectSkillsAssessment(p: SkillsAssessmentProjection): Promise<void> {
      const v = p.version;
      const s = p.summary;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(skillsAssessments)
          .set({
            status: s.status,
            phase: s.phase,
            contractFileId: s.contractFileId,
            enrolment: s.enrolment,
            lastSavedAt: date(s.lastSavedAt),
            nextReminderAt: date(s.nextReminderAt),
            reminders: s.reminders,
            completedAt: date(s.completedAt),
            projectionVersion: v,
            updatedAt: new Date(),
          })
          .where(and(eq(skillsAssessments.id, p.assessmentId), lt(skillsAssessments.projectionVersion, v)))
          .returning({ id: skillsAssessments.id });
        // An older projection than the one stored, or the person was deleted: nothing to write.
        if (!updated.length) return;
        for (const ph of p.phases) {
          const row = {
            assessmentId: p.assessmentId,
            phase: ph.phase,
            organisationId: p.organisationId,
            status: ph.status,
            panels: ph.panels,
            savedAt: date(ph.savedAt),
            completedAt: date(ph.completedAt),
            completedBy: ph.completedBy,
            updatedAt: new Date(),
          };
          const { assessmentId: _a, phase: _p, ...set } = row;
          await tx.insert(skillsAssessmentPhaseRows).values(row).onConflictDoUpdate({ target: [skillsAssessmentPhaseRows.assessmentId, skillsAssessmentPhaseRows.phase], set });
        }
      });
    },

    /** The phase's PDF, emailed to the worker as an attachment (once per assessment and document). */
    async sendSkillsAssessmentDocument(input: SkillsAssessmentDocumentInput): Promise<{ sent: boolean }> {
      const ctx = await loadSkillsAssessmentContext(db, input.assessmentId);
      if (!ctx) return { sent: false };
      if (!deps.messages) throw new Error('The message service is not configured for this worker');
      const [email] = await db
        .select({ a: personEmails.address })
        .from(personEmails)
        .where(eq(personEmails.personId, ctx.a.personId))
        .orderBy(desc(personEmails.isPrimary), asc(personEmails.createdAt))
        .limit(1);
      // No address: the documents stay downloadable in the assessment; nothing to send.
      if (!email) return { sent: false };
      const { pdf, filename } = await renderSkillsAssessmentDocument(db, ctx, input.document);
      const locale = ctx.locale;
      const params = { name: ctx.workerName, document: t(locale, `skills_assessment.pdf.title.${input.document}`), operator: ctx.operatorName, organisation: ctx.org.name };
      await deps.messages.send({
        idempotencyKey: `skills-assessment:${input.assessmentId}:${input.document}`,
        organisationId: input.organisationId,
        personId: ctx.a.personId,
        ownerType: 'skills_assessment',
        ownerId: input.assessmentId,
        channel: 'email',
        address: email.a,
        subject: t(locale, `skills_assessment.mail.subject.${input.document}`, params),
        body: t(locale, 'skills_assessment.mail.body', params),
        sentBy: input.by,
        sentByName: null,
        attachments: [{ filename, contentType: 'application/pdf', content: Buffer.from(pdf) }],
      });
      return { sent: true };
    },

    async sendSkillsAssessmentNotice(n: SkillsAssessmentNotice): Promise<{ notified: number }> {
      const ctx = await loadSkillsAssessmentContext(db, n.assessmentId);
      if (!ctx) return { notified: 0 };
      return notify({
        organisationId: n.organisationId,
        userIds: [n.operatorId],
        kind: 'skills_assessment.inactivity',
        messageKey: 'notifications.skills_assessment.inactivity',
        params: { person: ctx.workerName, phase: `@skills_assessment.phase.${n.phase}`, days: n.days },
        link: `/bilanci/${n.assessmentId}`,
        subjectType: 'skills_assessment',
        subjectId: n.assessmentId,
        dedupeKey: `skills-assessment:${n.assessmentId}:inactivity:${n.dedupe}`,
        email: true,
      });
    },
  });
}
