import { describe, expect, it } from 'vitest';
import { bulkPace, chooseRecipientAddress, emailProblem, fillPlaceholders, phoneProblem, unknownPlaceholders } from '../../domain/messages';
import { countSmsSegments } from '../../domain/sms-segments';

describe('SMS segments', () => {
  it('counts GSM-7 up to 160 in one segment and 153 per part beyond', () => {
    expect(countSmsSegments('')).toMatchObject({ segments: 0 });
    expect(countSmsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, remaining: 0 });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2, remaining: 306 - 161 });
    // Spanish lower-case accents é, ñ, ü, à are in GSM-7's basic table.
    expect(countSmsSegments('Mañana te esperamos, Begoña: ¿vienes?')).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('extension characters take two septets', () => {
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', units: 162, segments: 2 });
  });

  it('one character outside GSM-7 (ó, Á, an emoji) switches the whole text to UCS-2', () => {
    expect(countSmsSegments(`${'a'.repeat(69)}ó`)).toMatchObject({ encoding: 'UCS-2', segments: 1, remaining: 0 });
    expect(countSmsSegments(`${'a'.repeat(70)}Á`)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    // An emoji is two UTF-16 units.
    expect(countSmsSegments(`😀${'a'.repeat(68)}`)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSmsSegments(`😀${'a'.repeat(69)}`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2 });
  });
});

describe('placeholders', () => {
  it('finds unknown ones and fills known ones', () => {
    expect(unknownPlaceholders('Hola {{name}} {{ surname }}, soy {{profesional}}')).toEqual(['profesional']);
    expect(fillPlaceholders('Hola {{name}} {{surname}} de {{organisation}}', { name: 'Ana', surname: 'Ruiz', professional: 'Eva', organisation: 'SS' })).toBe('Hola Ana Ruiz de SS');
  });
});

describe('recipients', () => {
  it('uses the preferred usable address and says why there is none', () => {
    expect(emailProblem('x@nowhere.invalid')).toBe('invalid_email');
    expect(emailProblem('x@mail.test')).toBeNull();
    expect(phoneProblem('+34910000000')).toBe('not_mobile');
    expect(phoneProblem('+34600000000')).toBeNull();
    expect(phoneProblem('+393331234567')).toBeNull();
    const emails = [{ address: 'bad@x.invalid', isPrimary: true }, { address: 'ok@mail.test', isPrimary: false }];
    expect(chooseRecipientAddress('email', { emails, phones: [] })).toEqual({ address: 'ok@mail.test' });
    expect(chooseRecipientAddress('email', { emails: [], phones: [] })).toEqual({ reason: 'missing_email' });
    expect(chooseRecipientAddress('sms', { emails, phones: [{ number: '+34910000000', isPrimary: true }] })).toEqual({ reason: 'not_mobile' });
    expect(chooseRecipientAddress('sms', { emails, phones: [] })).toEqual({ reason: 'missing_phone' });
  });
});

describe('bulk pace', () => {
  it('sends the organisation’s rate per second, shared by its sends running at once', () => {
    expect(bulkPace(5, 1)).toEqual({ batch: 5, intervalMs: 1000 });
    expect(bulkPace(1, 1)).toEqual({ batch: 1, intervalMs: 1000 });
    expect(bulkPace(5, 2)).toEqual({ batch: 2, intervalMs: 800 });
    expect(bulkPace(1, 2)).toEqual({ batch: 1, intervalMs: 2000 });
    expect(bulkPace(1000, 1)).toEqual({ batch: 100, intervalMs: 100 });
  });
});
