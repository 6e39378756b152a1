import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, lt } from 'drizzle-orm';
import type { DbLike } from '../db/client';
import {
  communicationEvents,
  communications,
  communicationSigners,
  organisations,
  signedDocuments,
  unitMembers,
  units,
  users,
} from '../db/schema';
import { loadCommunicationContext, pdfData, verificationUrl, type SignedDocumentFacts } from '../documents/communication';
import { renderCommunicationPdf } from '../documents/ventanilla-pdf';
import { signPdf } from '../documents/pades';
import { generateVerificationCode } from '../security/verification-code';
import { sha256Hex } from '../security/tokens';
import type { CommunicationAttachmentRef, CommunicationState } from '../workflows/ventanilla.definitions';
import { writeAudit } from '../db/audit';
import type { ActivityDeps } from './deps';
import { eventChanged, replacedEventColumns } from './event-projection';
import { createNotificationActivities } from './notification.activities';
import { nonRetryableDataErrors } from './data-errors';

export function createVentanillaActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl' | 'certificates'>) {
  const { db, publicUrl, certificates } = deps;
  const { notify } = createNotificationActivities(deps);

  return nonRetryableDataErrors({
    /** Writes the workflow's state into the tables lists and the tray read; stale versions are ignored. */
    async projectCommunication({ state }: { state: CommunicationState }): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(communications)
          .set({
            status: state.status,
            recipientUnitId: state.recipientUnitId,
            currentUnitId: state.currentUnitId,
            unitChain: state.unitChain,
            subject: state.subject,
            body: state.body,
            signingMode: state.signingMode,
            submittedAt: state.submittedAt ? new Date(state.submittedAt) : null,
            signedAt: state.signedAt ? new Date(state.signedAt) : null,
            deliveredAt: state.deliveredAt ? new Date(state.deliveredAt) : null,
            receivedAt: state.receivedAt ? new Date(state.receivedAt) : null,
            finishedAt: state.finishedAt ? new Date(state.finishedAt) : null,
            verificationCode: state.verificationCode,
            observations: state.observations,
            closeReason: state.closeReason,
            projectionVersion: state.version,
          })
          .where(and(eq(communications.id, state.communicationId), lt(communications.projectionVersion, state.version)))
          .returning({ organisationId: communications.organisationId });
        if (!row) return;
        await tx.delete(communicationSigners).where(eq(communicationSigners.communicationId, state.communicationId));
        if (state.signers.length) {
          await tx.insert(communicationSigners).values(
            state.signers.map((s, i) => ({
              communicationId: state.communicationId,
              userId: s.userId,
              organisationId: row.organisationId,
              position: i + 1,
              name: s.name,
              role: s.role,
              status: s.status,
              requestedAt: s.requestedAt ? new Date(s.requestedAt) : null,
              signedAt: s.signedAt ? new Date(s.signedAt) : null,
              rejectedAt: s.rejectedAt ? new Date(s.rejectedAt) : null,
              reason: s.reason,
              remindersSent: s.remindersSent,
            })),
          );
        }
        if (state.history.length) {
          await tx
            .insert(communicationEvents)
            .values(
              state.history.map((e) => ({
                communicationId: state.communicationId,
                seq: e.seq,
                at: new Date(e.at),
                action: e.action,
                actorId: e.actorId,
                actorName: e.actorName,
                note: e.note,
                details: e.details ?? {},
              })),
            )
            // The latest projection of a position wins (see intervention.activities.ts).
            .onConflictDoUpdate({ target: [communicationEvents.communicationId, communicationEvents.seq], set: replacedEventColumns(communicationEvents), setWhere: eventChanged(communicationEvents) });
        }
      });
    },

    /**
     * In-app notification and email about a communication, to users or to every active member
     * of a unit, in each reader's language. The dedupe key makes a retry notify nobody twice.
     */
    async notifyCommunication(input: {
      communicationId: string;
      event: string;
      userIds?: string[];
      unitId?: string;
      email: boolean;
      params?: Record<string, string | number>;
      link: string;
      dedupeKey: string;
    }): Promise<{ notified: number }> {
      const [c] = await db
        .select({ organisationId: communications.organisationId, registryNumber: communications.registryNumber, subject: communications.subject, unitName: units.name })
        .from(communications)
        .innerJoin(units, eq(units.id, communications.currentUnitId))
        .where(eq(communications.id, input.communicationId));
      if (!c) throw ApplicationFailure.nonRetryable(`communication ${input.communicationId} not found`, 'communication_gone');
      let organisationId = c.organisationId;
      const userIds = [...(input.userIds ?? [])];
      if (input.unitId) {
        const members = await db
          .select({ userId: users.id, organisationId: units.organisationId })
          .from(unitMembers)
          .innerJoin(users, eq(users.id, unitMembers.userId))
          .innerJoin(units, eq(units.id, unitMembers.unitId))
          .where(and(eq(unitMembers.unitId, input.unitId), eq(users.status, 'active')));
        userIds.push(...members.map((m) => m.userId));
        if (members[0]) organisationId = members[0].organisationId;
      }
      const result = await notify({
        organisationId,
        userIds,
        kind: `ventanilla.${input.event}`,
        messageKey: `ventanilla.notify.${input.event}`,
        params: { registry: c.registryNumber, subject: c.subject, unit: c.unitName, ...input.params },
        link: input.link,
        subjectType: 'communication',
        subjectId: input.communicationId,
        dedupeKey: input.dedupeKey,
        email: input.email,
      });
      if (input.event.endsWith('_reminder') || input.event === 'reception_overdue') {
        await writeAudit(db, {
          organisationId,
          action: `communication.${input.event}`,
          subjectType: 'communication',
          subjectId: input.communicationId,
          details: { notified: result.notified, unitId: input.unitId ?? null },
        });
      }
      return result;
    },

    /**
     * The signed PDF with its verification code, stored with its SHA-256. Made once: a retry
     * (or a second attempt racing the first) returns the document already stored.
     */
    async produceSignedDocument(input: {
      communicationId: string;
      round: number;
      registryNumber: string;
      subject: string;
      body: string;
      attachments: CommunicationAttachmentRef[];
      recipientUnitId: string;
      signers: Array<{ userId: string; name: string; role: string | null; signedAt: string }>;
    }): Promise<{ verificationCode: string; sha256: string; size: number }> {
      const stored = async () => {
        const [doc] = await db
          .select({ verificationCode: signedDocuments.verificationCode, sha256: signedDocuments.sha256, size: signedDocuments.size })
          .from(signedDocuments)
          .where(eq(signedDocuments.communicationId, input.communicationId));
        return doc ?? null;
      };
      const existing = await stored();
      if (existing) return existing;
      const context = await loadCommunicationContext(db, input.communicationId);
      if (!context) throw ApplicationFailure.nonRetryable(`communication ${input.communicationId} not found`, 'communication_gone');
      const code = generateVerificationCode();
      const url = verificationUrl(publicUrl, code);
      const signedAt = new Date(Math.max(...input.signers.map((s) => new Date(s.signedAt).getTime())));
      const signers = input.signers.map((s) => ({ name: s.name, role: s.role, signedAt: new Date(s.signedAt) }));
      const rendered = await renderCommunicationPdf(
        pdfData(context, { subject: input.subject, body: input.body, attachments: input.attachments, signers, date: signedAt, verification: { code, url } }),
      );
      // With the organisation's certificate, a PDF reader shows the signature itself, not only the code.
      const certificate = (await certificates?.forOrganisation(context.communication.organisationId)) ?? null;
      const pdf = certificate
        ? await signPdf(rendered, certificate, {
            reason: `${input.registryNumber} · ${input.subject}`.slice(0, 200),
            name: context.organisation.name,
            location: context.senderUnitName,
            contactInfo: url,
            signingTime: signedAt,
          })
        : rendered;
      const sha256 = sha256Hex(pdf);
      const facts: SignedDocumentFacts = {
        registryNumber: input.registryNumber,
        subject: input.subject,
        sender: { organisation: context.organisation.name, unit: context.senderUnitName },
        recipient: { organisation: context.recipientOrganisationName, unit: context.recipientUnitName },
        signers: input.signers.map((s) => ({ name: s.name, role: s.role, signedAt: s.signedAt })),
        signedAt: signedAt.toISOString(),
      };
      await db
        .insert(signedDocuments)
        .values({
          communicationId: input.communicationId,
          organisationId: context.communication.organisationId,
          verificationCode: code,
          sha256,
          size: pdf.byteLength,
          pdf: Buffer.from(pdf),
          signedAt,
          facts: facts as unknown as Record<string, unknown>,
        })
        .onConflictDoNothing({ target: signedDocuments.communicationId });
      const document = (await stored())!;
      if (document.verificationCode === code) {
        await writeAudit(db, {
          organisationId: context.communication.organisationId,
          action: 'communication.document_signed',
          subjectType: 'communication',
          subjectId: input.communicationId,
          details: { verificationCode: code, sha256, size: pdf.byteLength, round: input.round },
        });
      }
      return document;
    },
  });
}
