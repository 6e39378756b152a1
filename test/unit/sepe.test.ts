import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../domain/i18n';
import { isValidEmployerTaxId } from '../../domain/job-offers/employer';
import {
  accdContractTypeCode,
  contractTypeFromEnpiCode,
  enpiContractTypeCode,
  sepeActionTypes,
  sepeContractTypes,
  sepeEducationLevels,
  sepeIncidentTypes,
  sepeSchemaFile,
  isSepeAgencyCode,
  isSepeAgreementCode,
} from '../../domain/sepe/codes';
import { parseSepePeriod, previousSepeMonth } from '../../domain/sepe/period';
import { prepareSepeIncidents, prepareSepeWorkers, sepeProblemCodes, sepeProblemsByPerson, sepeText, splitSurnames, toLatin1Text, type SepeWorker } from '../../domain/sepe/records';
import { projectRoot } from '../../platform/paths';
import { sepeWorker } from '../../support/sepe-fixtures';

/** The enumeration values of a named simple type in one of the project's XSDs. */
function enumeration(kind: keyof typeof sepeSchemaFile, typeName: string): string[] {
  const xsd = readFileSync(join(projectRoot, 'documents', 'sepe', 'xsd', sepeSchemaFile[kind]), 'utf8');
  const body = xsd.split(`<xs:simpleType name="${typeName}">`)[1].split('</xs:simpleType>')[0];
  return [...body.matchAll(/<xs:enumeration value="([^"]*)"\/>/g)].map((m) => m[1]);
}

const march = (() => {
  const p = parseSepePeriod('202603', 'enpi', '2026-12-07');
  if (!p.ok) throw new Error('period');
  return p.period;
})();
const sender = { agencyCode: '9900000001', agreementCode: '99CONV0001' };
const problemsOf = (w: SepeWorker, kind: 'enpi' | 'accd' = 'enpi') => prepareSepeWorkers(kind, sender, march, [w]).problems.map((p) => `${p.field}:${p.code}`);

describe('[sepe] code lists, one table per file type', () => {
  it('ENPI and ACCD give different codes to the same contract (003 is part-time permanent in ENPI, full-time fixed-term in ACCD)', () => {
    expect(enpiContractTypeCode.permanent_part_time).toBe('003');
    expect(accdContractTypeCode.temporary_full_time).toBe('003');
    expect(enpiContractTypeCode.temporary_full_time).toBe('401');
    expect(enpiContractTypeCode.temporary_part_time).toBe('501');
    expect(accdContractTypeCode.fixed_discontinuous).toBe('005');
    // ENPI has no fijo discontinuo: it goes as a permanent part-time contract.
    expect(enpiContractTypeCode.fixed_discontinuous).toBe('003');
  });

  it('every code the tables produce is one the schemas enumerate, and every enumerated code is reachable', () => {
    expect(new Set(sepeContractTypes.map((c) => enpiContractTypeCode[c]))).toEqual(new Set(enumeration('enpi', 'TipoContratoEnpi')));
    expect(new Set(sepeContractTypes.map((c) => accdContractTypeCode[c]))).toEqual(new Set(enumeration('accd', 'TipoContratoAccd')));
    expect([...sepeEducationLevels]).toEqual(enumeration('enpi', 'NivelFormativo'));
    expect([...sepeEducationLevels]).toEqual(enumeration('accd', 'NivelFormativo'));
    expect([...sepeIncidentTypes]).toEqual(enumeration('acci', 'TipoIncidencia'));
    expect([...sepeActionTypes]).toEqual(['I', 'E', 'O', 'F', 'M']);
  });

  it('agency and agreement codes follow the schemas: a UTE code only under a convenio', () => {
    expect(isSepeAgencyCode('9900000001', 'enpi')).toBe(true);
    expect(isSepeAgencyCode('1234567890', 'enpi')).toBe(true);
    expect(isSepeAgencyCode('2000000001', 'enpi')).toBe(false);
    expect(isSepeAgencyCode('UT12345678', 'enpi')).toBe(false);
    expect(isSepeAgencyCode('UT12345678', 'accd')).toBe(true);
    expect(isSepeAgencyCode('990000001', 'enpi')).toBe(false);
    expect(isSepeAgreementCode('99CONV0001')).toBe(true);
    expect(isSepeAgreementCode('18CONV0001')).toBe(false);
    expect(isSepeAgreementCode('99CONV001')).toBe(false);
  });

  it('every problem and period error has a message in es, it and en', () => {
    const keys = [...sepeProblemCodes.map((c) => `sepe.problem.${c}`), ...['period_format', 'period_year_out_of_range', 'period_annual_not_allowed', 'period_not_closed'].map((c) => `sepe.period.${c}`)];
    for (const locale of ['es', 'it', 'en'] as const) {
      for (const key of keys) expect(t(locale, key), `${locale} ${key}`).not.toBe(key);
    }
    expect(t('es', 'errors.sepe_data_incomplete', { count: 3 })).toContain('hay 3 datos que corregir');
    expect(t('en', 'errors.sepe_data_incomplete', { count: 1 })).toContain('1 item needs fixing');
  });
});

describe('[sepe] periods: YYYYMM or YYYY99, 2010–2029, only once over', () => {
  it('a month before the current one is accepted, with its first and last day', () => {
    expect(parseSepePeriod('202602', 'enpi', '2026-03-01')).toEqual({ ok: true, period: { code: '202602', year: 2026, month: 2, from: '2026-02-01', to: '2026-02-28' } });
    expect(parseSepePeriod('202412', 'enpi', '2025-01-01')).toMatchObject({ ok: true, period: { to: '2024-12-31' } });
    expect(parseSepePeriod('202402', 'accd', '2024-03-15')).toMatchObject({ ok: true, period: { to: '2024-02-29' } });
  });

  it('the current month and later months are refused: SEPE takes closed periods only', () => {
    expect(parseSepePeriod('202603', 'enpi', '2026-03-31')).toEqual({ ok: false, problem: 'period_not_closed' });
    expect(parseSepePeriod('202607', 'enpi', '2026-03-31')).toEqual({ ok: false, problem: 'period_not_closed' });
  });

  it('the annual file (month 99) is for a past year, and ACCI has none', () => {
    expect(parseSepePeriod('202599', 'enpi', '2026-01-02')).toEqual({ ok: true, period: { code: '202599', year: 2025, month: null, from: '2025-01-01', to: '2025-12-31' } });
    expect(parseSepePeriod('202699', 'enpi', '2026-12-31')).toEqual({ ok: false, problem: 'period_not_closed' });
    expect(parseSepePeriod('202599', 'accd', '2026-01-02')).toMatchObject({ ok: true });
    expect(parseSepePeriod('202599', 'acci', '2026-01-02')).toEqual({ ok: false, problem: 'period_annual_not_allowed' });
  });

  it('malformed periods and years outside the schemas are refused', () => {
    for (const code of ['2026-03', '202613', '202600', '20263', 'abcdef', '']) expect(parseSepePeriod(code, 'enpi', '2026-12-07')).toEqual({ ok: false, problem: 'period_format' });
    expect(parseSepePeriod('200912', 'enpi', '2026-12-07')).toEqual({ ok: false, problem: 'period_year_out_of_range' });
    expect(parseSepePeriod('203001', 'enpi', '2031-12-07')).toEqual({ ok: false, problem: 'period_year_out_of_range' });
  });

  it('the usual period is the month before today', () => {
    expect(previousSepeMonth('2026-12-07')).toBe('202611');
    expect(previousSepeMonth('2027-01-03')).toBe('202612');
  });
});

describe('[sepe] text as the Latin-1 file carries it, cut to each field', () => {
  it('keeps Spanish letters, spells quotes and dashes plainly, drops accents Latin-1 lacks and other scripts', () => {
    expect(toLatin1Text('  Begoña   Ibáñez\tÑúñez ')).toBe('Begoña Ibáñez Ñúñez');
    expect(toLatin1Text('O’Connor – “Jr”')).toBe(`O'Connor - "Jr"`);
    expect(toLatin1Text('Ştefan Łukasz Dvořák Œuvre')).toBe('Stefan Lukasz Dvorák OEuvre');
    expect(toLatin1Text('李 Wei')).toBe('Wei');
    // Decomposed input (e + combining acute) is composed first, so it keeps its accent.
    expect(toLatin1Text('Jose\u0301')).toBe('José');
  });

  it('cuts names to 15, surnames to 20 and the employer to 55 characters, without a trailing space', () => {
    expect(sepeText('María José Fernanda', 15)).toBe('María José Fern');
    expect(sepeText('García-Valdecasas de la Torre', 20)).toBe('García-Valdecasas de');
    expect(sepeText('Ana María ', 10)).toBe('Ana María');
    expect(sepeText(null, 20)).toBe('');
    const placed = prepareSepeWorkers('enpi', sender, march, [sepeWorker(3)]).records[0];
    expect(placed.placement!.RAZON_SOCIAL_EMPRESA).toBe('Construcciones Ibáñez & Hijos, Sociedad Limitada Uniper');
    expect(placed.placement!.RAZON_SOCIAL_EMPRESA).toHaveLength(55);
  });

  it('upper-cases the NIF/NIE and ignores spaces, dots and dashes', () => {
    const [record] = prepareSepeWorkers('enpi', sender, march, [{ ...sepeWorker(1), id: ' 12.345.678-z ' }]).records;
    expect(record.ID_TRABAJADOR).toBe('12345678Z');
  });
});

describe('[sepe] completeness: every reason the file would be rejected, per person', () => {
  it('a complete person, placed or not, has no problems', () => {
    expect(problemsOf(sepeWorker(1))).toEqual([]);
    expect(problemsOf(sepeWorker(3))).toEqual([]);
    expect(problemsOf(sepeWorker(3), 'accd')).toEqual([]);
  });

  it('lists a missing NIF/NIE, birth date, sex and education level, each on its field', () => {
    const w: SepeWorker = { ...sepeWorker(1), id: null, birthDate: null, sex: null, educationLevel: null };
    expect(problemsOf(w)).toEqual(['id:worker_id_missing', 'birthDate:birth_date_missing', 'sex:sex_missing', 'educationLevel:education_level_missing']);
  });

  it('a NIF with a wrong check letter, a passport or an impossible birth date are invalid', () => {
    expect(problemsOf({ ...sepeWorker(1), id: '12345678A' })).toEqual(['id:worker_id_invalid']);
    expect(problemsOf({ ...sepeWorker(1), id: 'X1234567A' })).toEqual(['id:worker_id_invalid']);
    expect(problemsOf({ ...sepeWorker(1), id: 'PAB123456' })).toEqual(['id:worker_id_invalid']);
    expect(problemsOf({ ...sepeWorker(1), birthDate: '1990-02-30' })).toEqual(['birthDate:birth_date_invalid']);
    expect(problemsOf({ ...sepeWorker(1), birthDate: '2026-04-01' })).toEqual(['birthDate:birth_date_invalid']);
  });

  it('a name or first surname that is empty once written in Latin-1 is missing; a missing second surname is fine', () => {
    expect(problemsOf({ ...sepeWorker(1), name: '  ', surname1: '王', surname2: null })).toEqual(['name:name_missing', 'surname1:surname_missing']);
  });

  it('a placement needs its start date, contract type, the employer’s CIF/NIF and name', () => {
    const w: SepeWorker = { ...sepeWorker(3), placement: { date: null, contractType: null, employerTaxId: null, employerName: ' ' } };
    expect(problemsOf(w)).toEqual([
      'placement.date:placement_date_missing',
      'placement.contractType:placement_contract_type_missing',
      'placement.employerTaxId:employer_tax_id_missing',
      'placement.employerName:employer_name_missing',
    ]);
    const bad: SepeWorker = { ...sepeWorker(3), placement: { date: '2009-12-31', contractType: 'permanent_full_time', employerTaxId: 'B1234', employerName: 'Empresa' } };
    expect(problemsOf(bad)).toEqual(['placement.date:placement_date_invalid', 'placement.employerTaxId:employer_tax_id_invalid']);
  });

  it('the employer’s CIF/NIF is checked by its control character, as job offers check it (one check, domain/spanish-ids.ts)', () => {
    const withEmployer = (employerTaxId: string): SepeWorker => ({ ...sepeWorker(3), placement: { date: '2026-03-10', contractType: 'permanent_full_time', employerTaxId, employerName: 'Empresa' } });
    for (const good of ['B12345674', 'A58818501', '12345678Z', 'X1234567L']) {
      expect(problemsOf(withEmployer(good)), good).toEqual([]);
      expect(isValidEmployerTaxId(good), good).toBe(true);
    }
    // The right shape with the wrong control character: SEPE's pattern alone would take them.
    for (const bad of ['B12345675', '12345678A', 'X1234567A']) {
      expect(problemsOf(withEmployer(bad)), bad).toEqual(['placement.employerTaxId:employer_tax_id_invalid']);
      expect(isValidEmployerTaxId(bad), bad).toBe(false);
    }
  });

  it('the person file’s one surname field splits into SEPE’s first and second surname, particles kept with theirs', () => {
    expect(splitSurnames('García López')).toEqual({ surname1: 'García', surname2: 'López' });
    expect(splitSurnames('de la Fuente Ibáñez')).toEqual({ surname1: 'de la Fuente', surname2: 'Ibáñez' });
    expect(splitSurnames('  Muñoz  ')).toEqual({ surname1: 'Muñoz', surname2: null });
    expect(splitSurnames('San Martín del Río')).toEqual({ surname1: 'San Martín', surname2: 'del Río' });
    expect(splitSurnames(null)).toEqual({ surname1: null, surname2: null });
  });

  it('an offer’s contract code (ENPI’s own) reads as Cauce’s contract words and back', () => {
    for (const code of ['001', '003', '401', '501'] as const) expect(enpiContractTypeCode[contractTypeFromEnpiCode(code)!]).toBe(code);
    expect(contractTypeFromEnpiCode('999')).toBeNull();
    expect(contractTypeFromEnpiCode(null)).toBeNull();
  });

  it('ACCD: more than 30 actions, or an action ending before it starts, are listed', () => {
    const many: SepeWorker = { ...sepeWorker(1), actions: Array.from({ length: 31 }, () => ({ type: 'O' as const, start: '2026-03-02', end: '2026-03-02' })) };
    expect(problemsOf(many, 'accd')).toEqual(['actions:too_many_actions']);
    expect(problemsOf(many, 'enpi')).toEqual([]);
    expect(problemsOf({ ...sepeWorker(1), actions: [{ type: 'F', start: '2026-03-10', end: '2026-03-09' }] }, 'accd')).toEqual(['actions:action_dates_invalid']);
  });

  it('the organisation’s agency code (and the convenio for ACCD/ACCI) come first, without a person', () => {
    const { problems } = prepareSepeWorkers('accd', { agencyCode: null, agreementCode: '99CONV01' }, march, [sepeWorker(1)]);
    expect(problems.map((p) => [p.personId, p.code])).toEqual([
      [null, 'agency_code_missing'],
      [null, 'agreement_code_invalid'],
    ]);
    const acci = prepareSepeIncidents({ agencyCode: 'UT00000001', agreementCode: null }, [{ person: { ...sepeWorker(2), id: '' }, type: 'I01', date: '2026-03-04' }]);
    expect(acci.problems.map((p) => p.code)).toEqual(['agreement_code_missing', 'worker_id_missing']);
  });

  it('groups the problems by person for the check page, naming the person and the message key', () => {
    const workers = [{ ...sepeWorker(1), sex: null }, sepeWorker(2), { ...sepeWorker(4), id: null, educationLevel: null }];
    const groups = sepeProblemsByPerson(prepareSepeWorkers('enpi', sender, march, workers).problems);
    expect(groups.map((g) => [g.personId, g.person, g.problems.map((p) => p.messageKey)])).toEqual([
      ['person-1', 'Muñoz García-Valdecasas de la Torre, Íñigo', ['sepe.problem.sex_missing']],
      ['person-4', 'García-Valdecasas de la Torre, Łucja', ['sepe.problem.worker_id_missing', 'sepe.problem.education_level_missing']],
    ]);
  });
});
