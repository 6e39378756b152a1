/**
 * What a SEPE file says about each person, from typed data the caller reads from the database:
 * the completeness check (every reason the file would be rejected, per person, with a message key
 * for the check page and the API's 422 `sepe_data_incomplete`) and the records the XML is written
 * from, normalised to what the schemas take (Latin-1 text cut to each field's length, upper-case
 * NIF/NIE, YYYYMMDD dates, S/N flags, each file type's contract codes).
 */
import { isValidDni, isValidNie, normalizeDocumentNumber } from '../identity-documents';
import { checkSpanishId } from '../spanish-ids';
import {
  accdContractTypeCode,
  enpiContractTypeCode,
  isPermanentContract,
  isSepeAgencyCode,
  isSepeAgreementCode,
  sepeEducationLevels,
  sepeSexCode,
  type SepeActionType,
  type SepeContractType,
  type SepeEducationLevel,
  type SepeFileKind,
  type SepeIncidentType,
  type SepeSex,
} from './codes';
import type { SepePeriod } from './period';

/** Who the person is, as every SEPE file names them. */
export interface SepePersonName {
  /** Cauce's person id: the check page links to the person file with it. */
  personId: string;
  /** NIF or NIE (ID_TRABAJADOR). Spaces, dots and dashes are ignored; a passport is not accepted. */
  id: string | null;
  name: string | null;
  surname1: string | null;
  /** May be empty (people with one surname). */
  surname2: string | null;
}

export interface SepePlacement {
  /** Start of the contract, ISO date. */
  date: string | null;
  contractType: SepeContractType | null;
  /** End of a temporary contract (ACCD only), ISO date. */
  endDate?: string | null;
  /** CIF, NIF or NIE of the hiring employer. */
  employerTaxId: string | null;
  employerName: string | null;
}

export interface SepeAction {
  type: SepeActionType;
  /** ISO dates. */
  start: string;
  end: string;
}

/** A person attended in the period (one ACCION in ENPI, one DATOS_ACCION in ACCD). */
export interface SepeWorker extends SepePersonName {
  /** ISO date. */
  birthDate: string | null;
  /** Null when unknown or recorded as neither: the schemas take only 1 (varón) and 2 (mujer). */
  sex: SepeSex | null;
  educationLevel: SepeEducationLevel | null;
  disability: boolean;
  /** Foreign worker (INMIGRANTE). */
  immigrant: boolean;
  /** Receives unemployment benefits (PERCEPTOR, and ENPI's TOTAL_PERSONAS_PERCEPTORES). */
  benefitRecipient: boolean;
  /** Belongs to a group with insertion difficulties (COLECTIVO_INSERCION, TOTAL_PERSONAS_INSERCION). */
  insertionGroup: boolean;
  /** Registered with the agency during the period (ENPI's TOTAL_NUEVAS_REGISTRADAS). */
  registeredInPeriod?: boolean;
  /** The placement through the agency in the period, if any. */
  placement?: SepePlacement | null;
  /** ACCD only: the actions the person took part in (at most 30). */
  actions?: SepeAction[];
}

/** A person's incident for the ACCI file. */
export interface SepeIncident {
  person: SepePersonName;
  type: SepeIncidentType;
  /** ISO date. */
  date: string;
}

export const sepeProblemCodes = [
  'agency_code_missing',
  'agency_code_invalid',
  'agreement_code_missing',
  'agreement_code_invalid',
  'worker_id_missing',
  'worker_id_invalid',
  'name_missing',
  'surname_missing',
  'birth_date_missing',
  'birth_date_invalid',
  'sex_missing',
  'education_level_missing',
  'placement_date_missing',
  'placement_date_invalid',
  'placement_end_date_invalid',
  'placement_contract_type_missing',
  'employer_tax_id_missing',
  'employer_tax_id_invalid',
  'employer_name_missing',
  'too_many_actions',
  'action_dates_invalid',
  'incident_date_invalid',
] as const;
export type SepeProblemCode = (typeof sepeProblemCodes)[number];

/** One reason the file would be rejected. `personId` null: the organisation's settings (agency, convenio). */
export interface SepeProblem {
  personId: string | null;
  /** The person as the list shows them ("Apellido Apellido, Nombre"), for the check page. */
  person: string | null;
  /** The field to fix, in Cauce's words: 'id', 'birthDate', 'placement.contractType', 'agencyCode'… */
  field: string;
  code: SepeProblemCode;
  /** domain/i18n/sepe.ts: `sepe.problem.<code>`. */
  messageKey: string;
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

/** Characters outside Latin-1 with a customary Latin-1 spelling; the rest lose their accents (NFD). */
const LATIN1_SPELLING: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u2032': "'", '\u201C': '"', '\u201D': '"', '\u201E': '"',
  '\u2013': '-', '\u2014': '-', '\u2010': '-', '\u2011': '-', '\u2026': '...', '\u20AC': 'EUR',
  'Œ': 'OE', 'œ': 'oe', 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i', 'Ħ': 'H', 'ħ': 'h', 'ŀ': 'l', 'Ŀ': 'L',
  'ẞ': 'SS', 'Ŋ': 'N', 'ŋ': 'n', 'Ə': 'E', 'ə': 'e',
};

/**
 * Text as the Latin-1 file can carry it: NFC; typographic quotes and dashes spelt plainly; letters
 * outside Latin-1 without their accents (Ș → S, ć → c, ł → l), what has no Latin-1 spelling at all
 * (another script) dropped; control characters and runs of spaces made one space; trimmed.
 */
export function toLatin1Text(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += ' ';
    else if (c <= 0xff) out += ch;
    else if (ch in LATIN1_SPELLING) out += LATIN1_SPELLING[ch];
    else {
      const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if ([...bare].every((b) => b.codePointAt(0)! <= 0xff)) out += bare;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Latin-1 text cut to `max` characters (one byte each in the file), without a trailing space. */
export const sepeText = (value: string | null | undefined, max: number) => toLatin1Text(value ?? '').slice(0, max).trimEnd();

/** The schemas' field lengths. */
export const SEPE_LENGTHS = { name: 15, surname1: 20, surname2: 20, employerName: 55 } as const;

// ── Identifiers and dates ──────────────────────────────────────────────────────────────────────

/**
 * CIF_NIF_EMPRESA: what the schema's patterns take (a NIF/NIE, or a CIF: letter, 7 digits, letter
 * or digit) and a real number by its control character (domain/spanish-ids.ts, the check job
 * offers and the CV use), so a mistyped employer is listed on the check page, not refused by SEPE.
 */
const EMPLOYER_TAX_ID = /^([XYZ]?\d{7,8}[A-Z]|[A-Z]\d{7}[A-Z0-9])$/;
export const isSepeEmployerTaxId = (value: string) => value.length === 9 && EMPLOYER_TAX_ID.test(value) && checkSpanishId(value).ok;

/** A NIF or NIE as ID_TRABAJADOR takes it, check letter included. */
export const isSepeWorkerId = (value: string) => isValidDni(value) || isValidNie(value);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO date that exists on the calendar (not 2025-02-30). */
export function isCalendarDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
/** YYYYMMDD. */
export const sepeDate = (iso: string) => iso.replace(/-/g, '');
/** The schemas' dates of actions, contracts and incidents: years 2010–2029 only. */
const inSchemaYears = (iso: string) => isCalendarDate(iso) && iso >= '2010-01-01' && iso <= '2029-12-31';

const yesNo = (flag: boolean) => (flag ? 'S' : 'N');

// ── Records ─────────────────────────────────────────────────────────────────────────────────────

export interface SepeNameRecord {
  ID_TRABAJADOR: string;
  NOMBRE_TRABAJADOR: string;
  APELLIDO1_TRABAJADOR: string;
  APELLIDO2_TRABAJADOR: string;
}

/** An ENPI ACCION or an ACCD DATOS_ACCION, field by field, in the schema's order. */
export interface SepeWorkerRecord extends SepeNameRecord {
  FECHA_NACIMIENTO: string;
  SEXO_TRABAJADOR: '1' | '2';
  NIVEL_FORMATIVO: SepeEducationLevel;
  DISCAPACIDAD: 'S' | 'N';
  INMIGRANTE: 'S' | 'N';
  PERCEPTOR: 'S' | 'N';
  COLECTIVO_INSERCION: 'S' | 'N';
  ACCIONES: Array<{ TIPO_ACCION: SepeActionType; FECHA_INICIO_ACCION: string; FECHA_FINAL_ACCION: string }>;
  COLOCACION: 'S' | 'N';
  placement: null | {
    FECHA_INICIO: string;
    /** Empty when the contract has no end date (ACCD writes an empty FECHA_FIN_CONTRATO then). */
    FECHA_FIN: string;
    TIPO_CONTRATO: string;
    CIF_NIF_EMPRESA: string;
    RAZON_SOCIAL_EMPRESA: string;
    permanent: boolean;
  };
}

export interface SepeIncidentRecord extends SepeNameRecord {
  TIPO_INCIDENCIA: SepeIncidentType;
  FECHA_INCIDENCIA: string;
}

/** Words that belong to the surname after them ("de la Fuente", "del Río", "San Martín"). */
const SURNAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'san', 'santa', 'da', 'das', 'do', 'dos', 'van', 'von', 'di', 'mac']);

/**
 * A person file keeps one "apellidos" field; SEPE asks for the first and second surname apart.
 * The first surname is the first word with the particles before it ("de la Fuente Ruiz" → "de la
 * Fuente" + "Ruiz"); the rest is the second; a single surname leaves the second empty.
 */
export function splitSurnames(lastName: string | null | undefined): { surname1: string | null; surname2: string | null } {
  const words = (lastName ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return { surname1: null, surname2: null };
  let i = 0;
  while (i < words.length - 1 && SURNAME_PARTICLES.has(words[i].toLowerCase())) i++;
  return { surname1: words.slice(0, i + 1).join(' '), surname2: words.slice(i + 1).join(' ') || null };
}

export const displayName = (p: SepePersonName) =>
  [[p.surname1, p.surname2].filter((s) => s?.trim()).join(' '), p.name?.trim()].filter(Boolean).join(', ') || p.personId;

type Collect = (field: string, code: SepeProblemCode) => void;
const collector = (problems: SepeProblem[], person: SepePersonName | null): Collect => (field, code) =>
  problems.push({ personId: person?.personId ?? null, person: person ? displayName(person) : null, field, code, messageKey: `sepe.problem.${code}` });

function nameRecord(p: SepePersonName, problem: Collect): SepeNameRecord {
  const id = normalizeDocumentNumber(p.id ?? '');
  if (!id) problem('id', 'worker_id_missing');
  else if (!isSepeWorkerId(id)) problem('id', 'worker_id_invalid');
  const NOMBRE_TRABAJADOR = sepeText(p.name, SEPE_LENGTHS.name);
  if (!NOMBRE_TRABAJADOR) problem('name', 'name_missing');
  const APELLIDO1_TRABAJADOR = sepeText(p.surname1, SEPE_LENGTHS.surname1);
  if (!APELLIDO1_TRABAJADOR) problem('surname1', 'surname_missing');
  return { ID_TRABAJADOR: id, NOMBRE_TRABAJADOR, APELLIDO1_TRABAJADOR, APELLIDO2_TRABAJADOR: sepeText(p.surname2, SEPE_LENGTHS.surname2) };
}

function workerRecord(w: SepeWorker, kind: 'enpi' | 'accd', period: SepePeriod, problem: Collect): SepeWorkerRecord {
  const names = nameRecord(w, problem);
  if (!w.birthDate) problem('birthDate', 'birth_date_missing');
  else if (!isCalendarDate(w.birthDate) || w.birthDate < '1900-01-01' || w.birthDate > period.to) problem('birthDate', 'birth_date_invalid');
  if (!w.sex) problem('sex', 'sex_missing');
  if (!w.educationLevel || !(sepeEducationLevels as readonly string[]).includes(w.educationLevel)) problem('educationLevel', 'education_level_missing');
  const actions = kind === 'accd' ? (w.actions ?? []) : [];
  if (actions.length > 30) problem('actions', 'too_many_actions');
  if (actions.some((a) => !inSchemaYears(a.start) || !inSchemaYears(a.end) || a.end < a.start)) problem('actions', 'action_dates_invalid');
  let placement: SepeWorkerRecord['placement'] = null;
  const p = w.placement;
  if (p) {
    if (!p.date) problem('placement.date', 'placement_date_missing');
    else if (!inSchemaYears(p.date)) problem('placement.date', 'placement_date_invalid');
    if (kind === 'accd' && p.endDate && (!inSchemaYears(p.endDate) || (p.date && p.endDate < p.date))) problem('placement.endDate', 'placement_end_date_invalid');
    if (!p.contractType) problem('placement.contractType', 'placement_contract_type_missing');
    const taxId = normalizeDocumentNumber(p.employerTaxId ?? '');
    if (!taxId) problem('placement.employerTaxId', 'employer_tax_id_missing');
    else if (!isSepeEmployerTaxId(taxId)) problem('placement.employerTaxId', 'employer_tax_id_invalid');
    const employer = sepeText(p.employerName, SEPE_LENGTHS.employerName);
    if (!employer) problem('placement.employerName', 'employer_name_missing');
    placement = {
      FECHA_INICIO: sepeDate(p.date ?? ''),
      FECHA_FIN: kind === 'accd' && p.endDate ? sepeDate(p.endDate) : '',
      TIPO_CONTRATO: p.contractType ? (kind === 'enpi' ? enpiContractTypeCode : accdContractTypeCode)[p.contractType] : '',
      CIF_NIF_EMPRESA: taxId,
      RAZON_SOCIAL_EMPRESA: employer,
      permanent: p.contractType ? isPermanentContract(p.contractType) : false,
    };
  }
  return {
    ...names,
    FECHA_NACIMIENTO: sepeDate(w.birthDate ?? ''),
    SEXO_TRABAJADOR: w.sex ? sepeSexCode[w.sex] : '1',
    NIVEL_FORMATIVO: w.educationLevel ?? '00',
    DISCAPACIDAD: yesNo(w.disability),
    INMIGRANTE: yesNo(w.immigrant),
    PERCEPTOR: yesNo(w.benefitRecipient),
    COLECTIVO_INSERCION: yesNo(w.insertionGroup),
    ACCIONES: actions.map((a) => ({ TIPO_ACCION: a.type, FECHA_INICIO_ACCION: sepeDate(a.start), FECHA_FINAL_ACCION: sepeDate(a.end) })),
    COLOCACION: yesNo(Boolean(p)),
    placement,
  };
}

/** The organisation's side of a file: the agency code, and the convenio for ACCD and ACCI. */
export interface SepeSender {
  agencyCode: string | null;
  agreementCode?: string | null;
}

function senderProblems(kind: SepeFileKind, sender: SepeSender, problem: Collect) {
  const agency = sender.agencyCode?.trim() ?? '';
  if (!agency) problem('agencyCode', 'agency_code_missing');
  else if (!isSepeAgencyCode(agency, kind)) problem('agencyCode', 'agency_code_invalid');
  if (kind === 'enpi') return;
  const agreement = sender.agreementCode?.trim() ?? '';
  if (!agreement) problem('agreementCode', 'agreement_code_missing');
  else if (!isSepeAgreementCode(agreement)) problem('agreementCode', 'agreement_code_invalid');
}

export interface PreparedSepeRecords<R> {
  records: R[];
  /** Empty when the file can be made. */
  problems: SepeProblem[];
}

/**
 * The ENPI/ACCD records of the people attended in `period`, and every problem that would make the
 * file invalid (the organisation's first, then person by person in the order given).
 */
export function prepareSepeWorkers(kind: 'enpi' | 'accd', sender: SepeSender, period: SepePeriod, workers: SepeWorker[]): PreparedSepeRecords<SepeWorkerRecord> {
  const problems: SepeProblem[] = [];
  senderProblems(kind, sender, collector(problems, null));
  const records = workers.map((w) => workerRecord(w, kind, period, collector(problems, w)));
  return { records, problems };
}

/** The ACCI records of the incidents in `period`, and every problem that would make the file invalid. */
export function prepareSepeIncidents(sender: SepeSender, incidents: SepeIncident[]): PreparedSepeRecords<SepeIncidentRecord> {
  const problems: SepeProblem[] = [];
  senderProblems('acci', sender, collector(problems, null));
  const records = incidents.map((i) => {
    const problem = collector(problems, i.person);
    const names = nameRecord(i.person, problem);
    if (!inSchemaYears(i.date)) problem('incident.date', 'incident_date_invalid');
    return { ...names, TIPO_INCIDENCIA: i.type, FECHA_INCIDENCIA: sepeDate(i.date) };
  });
  return { records, problems };
}

/** The problems grouped by person, for the check page: one line per person with what to fix. */
export function sepeProblemsByPerson(problems: SepeProblem[]): Array<{ personId: string | null; person: string | null; problems: SepeProblem[] }> {
  const groups = new Map<string, { personId: string | null; person: string | null; problems: SepeProblem[] }>();
  for (const p of problems) {
    const key = p.personId ?? '';
    const group = groups.get(key) ?? { personId: p.personId, person: p.person, problems: [] };
    group.problems.push(p);
    groups.set(key, group);
  }
  return [...groups.values()];
}
