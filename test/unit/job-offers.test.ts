// The employer's tax id (CIF, NIF, NIE: format and check character) and the candidates' moves.
import { describe, expect, it } from 'vitest';
import { isValidEmployerTaxId, normaliseTaxId } from '../../domain/job-offers/employer';
import { canMoveCandidate, candidateStatuses } from '../../domain/job-offers/offers';

describe('employer tax id', () => {
  it('accepts NIFs and NIEs whose mod-23 letter is right, and refuses a wrong letter', () => {
    expect(isValidEmployerTaxId('12345678Z')).toBe(true);
    expect(isValidEmployerTaxId('00000000T')).toBe(true);
    expect(isValidEmployerTaxId('X1234567L')).toBe(true);
    expect(isValidEmployerTaxId('Y1234567X')).toBe(true);
    expect(isValidEmployerTaxId('Z1234567R')).toBe(true);
    expect(isValidEmployerTaxId('12345678A')).toBe(false);
    expect(isValidEmployerTaxId('X1234567A')).toBe(false);
  });

  it('accepts real CIFs (digit control for companies, letter control for public bodies) and refuses a changed control', () => {
    // Agencia Tributaria (Q, letter), Diputació de Barcelona (P, letter), a ministry (S), a sociedad anónima (A, digit).
    for (const cif of ['Q2826000H', 'P0800000B', 'S2833002E', 'A58818501', 'B12345674']) expect(isValidEmployerTaxId(cif), cif).toBe(true);
    for (const cif of ['Q2826000A', 'Q28260008', 'A5881850A', 'B12345675']) expect(isValidEmployerTaxId(cif), cif).toBe(false);
  });

  it('refuses what has the wrong shape: lower case, a letter not used for CIFs, too short, empty', () => {
    for (const v of ['12345678z', 'I12345674', 'B1234567', '1234567Z', '', 'B123456744', 'W12345674X']) expect(isValidEmployerTaxId(v), v).toBe(false);
  });

  it('normalises what people type before checking', () => {
    expect(normaliseTaxId(' b-1234567.4 ')).toBe('B12345674');
    expect(isValidEmployerTaxId(normaliseTaxId('12.345.678-z'))).toBe(true);
  });
});

describe('candidate moves', () => {
  it('place nobody before they say they are interested; a placement is final; a discarded person can be shortlisted again', () => {
    expect(canMoveCandidate('shortlisted', 'placed')).toBe(false);
    expect(canMoveCandidate('shortlisted', 'sent_to_company')).toBe(false);
    expect(canMoveCandidate('not_interested', 'placed')).toBe(false);
    expect(canMoveCandidate('shortlisted', 'interested')).toBe(true);
    expect(canMoveCandidate('interested', 'sent_to_company')).toBe(true);
    expect(canMoveCandidate('sent_to_company', 'placed')).toBe(true);
    expect(canMoveCandidate('interested', 'placed')).toBe(true);
    expect(canMoveCandidate('discarded', 'shortlisted')).toBe(true);
    for (const s of candidateStatuses) expect(canMoveCandidate('placed', s)).toBe(false);
  });
});
