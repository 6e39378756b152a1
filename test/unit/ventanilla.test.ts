import { describe, expect, it } from 'vitest';
import { allowedActions, attachmentMediaType, refusalFor, type CommunicationFacts, type CommunicationStatus } from '../../domain/ventanilla';
import { generateVerificationCode, normaliseVerificationCode, VERIFICATION_CODE_BITS } from '../../security/verification-code';

const author = { userId: 'author', name: 'Autora', unitIds: ['sender-unit'] };
const signer = { userId: 'signer', name: 'Firmante', unitIds: ['sender-unit'] };
const later = { userId: 'later', name: 'Segunda firmante', unitIds: [] };
const member = { userId: 'member', name: 'Receptora', unitIds: ['recipient-unit'] };
const stranger = { userId: 'stranger', name: 'Otra', unitIds: ['elsewhere'] };

const facts = (status: CommunicationStatus, signers: CommunicationFacts['signers'] = []): CommunicationFacts => ({
  status,
  authorId: 'author',
  currentUnitId: 'recipient-unit',
  signers,
});

describe('ventanilla rules (shared by the validators and the API’s allowed actions)', () => {
  it.each([
    ['edit', facts('awaiting_signature'), author, 'communication_not_draft'],
    ['submit', facts('pending_reception'), author, 'communication_not_draft'],
    ['edit', facts('draft'), signer, 'forbidden_not_author'],
    ['withdraw', facts('draft'), author, 'communication_not_awaiting_signature'],
    ['withdraw', facts('awaiting_signature', [{ userId: 'signer', status: 'pending' }]), signer, 'forbidden_not_author'],
    ['withdraw', facts('awaiting_signature', [{ userId: 'signer', status: 'signed' }]), author, 'signing_complete'],
    ['sign', facts('draft'), signer, 'communication_not_awaiting_signature'],
    ['sign', facts('awaiting_signature', [{ userId: 'signer', status: 'pending' }]), author, 'forbidden_author_cannot_sign'],
    ['sign', facts('awaiting_signature', [{ userId: 'signer', status: 'pending' }]), stranger, 'forbidden_not_signer'],
    ['sign', facts('awaiting_signature', [{ userId: 'signer', status: 'signed' }, { userId: 'later', status: 'pending' }]), signer, 'already_signed'],
    ['sign', facts('awaiting_signature', [{ userId: 'signer', status: 'pending' }, { userId: 'later', status: 'waiting' }]), later, 'forbidden_not_your_turn'],
    ['reject', facts('received'), signer, 'communication_not_awaiting_signature'],
    ['receive', facts('awaiting_signature'), member, 'communication_not_pending_reception'],
    ['receive', facts('pending_reception'), author, 'forbidden_sender'],
    ['receive', facts('pending_reception'), stranger, 'forbidden_not_recipient_member'],
    ['process', facts('pending_reception'), member, 'communication_not_received'],
    ['process', facts('received'), author, 'forbidden_sender'],
    ['close', facts('received'), stranger, 'forbidden_not_recipient_member'],
    ['forward', facts('processed'), member, 'communication_not_received'],
  ] as const)('%s in %o by %o is refused with %s', (action, f, actor, code) => {
    expect(refusalFor(action, f, actor)?.code).toBe(code);
  });

  it('a refusal for the wrong person is forbidden_* (403), for the wrong moment it is not (409)', () => {
    expect(refusalFor('sign', facts('awaiting_signature', [{ userId: 'signer', status: 'pending' }]), stranger)!.code.startsWith('forbidden_')).toBe(true);
    expect(refusalFor('sign', facts('draft'), stranger)!.code.startsWith('forbidden_')).toBe(false);
    expect(refusalFor('edit', facts('received'), author)!.details).toEqual({ status: 'received', statusName: '@ventanilla.status.received' });
  });

  it('allowed actions are what each person may press now', () => {
    const awaiting = facts('awaiting_signature', [{ userId: 'signer', status: 'pending' }]);
    expect(allowedActions(awaiting, author)).toMatchObject({ withdraw: true, sign: false, edit: false });
    expect(allowedActions(awaiting, signer)).toMatchObject({ sign: true, reject: true, withdraw: false });
    expect(allowedActions(facts('received'), member)).toMatchObject({ process: true, close: true, forward: true, receive: false });
    expect(Object.values(allowedActions(facts('processed'), member)).some(Boolean)).toBe(false);
  });

  it('attachment types come from an allow-list by extension', () => {
    expect(attachmentMediaType('Informe.PDF')).toBe('application/pdf');
    expect(attachmentMediaType('acta.docx')).toContain('wordprocessingml');
    expect(attachmentMediaType('script.exe')).toBeNull();
    expect(attachmentMediaType('sin-extension')).toBeNull();
  });
});

describe('secure verification codes (CSV)', () => {
  it('carry 80 random bits in readable groups, never repeating', () => {
    expect(VERIFICATION_CODE_BITS).toBeGreaterThanOrEqual(80);
    const codes = Array.from({ length: 2000 }, generateVerificationCode);
    for (const c of codes) expect(c).toMatch(/^CAUCE(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Not sequential: consecutive codes share no long prefix.
    const shared = codes.slice(1).filter((c, i) => c.slice(0, 10) === codes[i].slice(0, 10)).length;
    expect(shared).toBeLessThan(5);
  });

  it('read back whatever way a person types them', () => {
    const code = 'CAUCE-7Q2M-K9XD-4TNB-HC0R';
    expect(normaliseVerificationCode(code)).toBe(code);
    expect(normaliseVerificationCode('cauce 7q2m k9xd 4tnb hcor')).toBe(code);
    expect(normaliseVerificationCode('7Q2MK9XD4TNBHC0R')).toBe(code);
    expect(normaliseVerificationCode('CAUCE-1234')).toBeNull();
    expect(normaliseVerificationCode('CAUCE-UUUU-UUUU-UUUU-UUUU')).toBeNull();
  });
});

describe('communication PDF rendering', () => {
  it('survives text the standard fonts cannot draw (emoji, other scripts, very long words)', async () => {
    const { renderCommunicationPdf } = await import('../../documents/ventanilla-pdf');
    const { PDFDocument } = await import('pdf-lib');
    const bytes = await renderCommunicationPdf({
      locale: 'it',
      timezone: 'Europe/Rome',
      organisationName: 'CPI Demo (Italia)',
      senderUnitName: 'Sportello',
      recipientUnitName: 'Servicios Sociales',
      recipientOrganisationName: 'Ayuntamiento',
      registryNumber: 'VE-2026-000001',
      date: new Date('2026-03-02T10:00:00Z'),
      subject: 'Richiesta 👍 per أحمد',
      body: `Testo con łódź e ${'x'.repeat(400)}\n\nFine.`,
      attachments: [{ name: 'allegato.pdf', kind: 'file', size: 2_400_000 }],
      signers: [{ name: 'Dirigente Ñ', role: null, signedAt: null }],
      draft: true,
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toContain('VE-2026-000001');
  });
});
