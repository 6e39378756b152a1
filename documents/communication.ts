// What a communication's PDF prints, read from the database: shared by the signing activity
// (the signed document) and the API (draft previews and verification).
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbLike } from '../db/client';
import { communications, organisations, units } from '../db/schema';
import { isLocale, type Locale } from '../domain/i18n';
import type { CommunicationAttachmentRef } from '../workflows/ventanilla.definitions';
import type { CommunicationPdfData } from './ventanilla-pdf';

export const verificationUrl = (publicUrl: string, code: string) => `${publicUrl}/verificar/${code}`;

const senderUnit = alias(units, 'sender_unit');
const recipientUnit = alias(units, 'recipient_unit');
const recipientOrganisation = alias(organisations, 'recipient_organisation');

/** The communication with the names its PDF prints; the PDF speaks the sender organisation's language. */
export async function loadCommunicationContext(db: DbLike, communicationId: string) {
  const [row] = await db
    .select({
      communication: communications,
      organisation: organisations,
      senderUnitName: senderUnit.name,
      recipientUnitName: recipientUnit.name,
      recipientOrganisationName: recipientOrganisation.name,
    })
    .from(communications)
    .innerJoin(organisations, eq(organisations.id, communications.organisationId))
    .innerJoin(senderUnit, eq(senderUnit.id, communications.senderUnitId))
    .innerJoin(recipientUnit, eq(recipientUnit.id, communications.recipientUnitId))
    .innerJoin(recipientOrganisation, eq(recipientOrganisation.id, recipientUnit.organisationId))
    .where(eq(communications.id, communicationId));
  return row ?? null;
}

export function pdfData(
  context: NonNullable<Awaited<ReturnType<typeof loadCommunicationContext>>>,
  content: {
    subject: string;
    body: string;
    attachments: CommunicationAttachmentRef[];
    signers: Array<{ name: string; role: string | null; signedAt: Date | null }>;
    date: Date;
    verification?: { code: string; url: string };
  },
): CommunicationPdfData {
  const locale: Locale = isLocale(context.organisation.locale) ? context.organisation.locale : 'es';
  return {
    locale,
    timezone: context.organisation.timezone,
    organisationName: context.organisation.name,
    senderUnitName: context.senderUnitName,
    recipientUnitName: context.recipientUnitName,
    recipientOrganisationName: context.recipientOrganisationName,
    registryNumber: context.communication.registryNumber,
    date: content.date,
    subject: content.subject,
    body: content.body,
    attachments: content.attachments.map((a) => ({ name: a.name, kind: a.kind, size: a.size, url: a.url })),
    signers: content.signers,
    verification: content.verification,
    draft: !content.verification,
  };
}

export interface SignedDocumentFacts {
  registryNumber: string;
  subject: string;
  sender: { organisation: string; unit: string };
  recipient: { organisation: string; unit: string };
  signers: Array<{ name: string; role: string | null; signedAt: string }>;
  signedAt: string;
}
