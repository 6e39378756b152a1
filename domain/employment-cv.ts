/**
 * A person's CV for the placement agency (agencia de colocación): the code lists its forms offer
 * and how they map to what SEPE asks of each person attended (NIVEL_FORMATIVO, SEXO_TRABAJADOR,
 * DISCAPACIDAD, INMIGRANTE, benefits and insertion difficulties for DATOS_AGREGADOS). Codes are
 * stable (stored and sent); labels live in the i18n catalogues under `cv.*`.
 */
import { fromLocal } from './working-days';

/** Education levels offered in the form, low to high, each with SEPE's NIVEL_FORMATIVO. */
export const educationLevels = {
  none: '00',
  primary: '10',
  lower_secondary: '20',
  upper_secondary: '20',
  vocational_intermediate: '20',
  vocational_higher: '30',
  university_degree: '30',
  master: '30',
  doctorate: '30',
} as const;
export type EducationLevel = keyof typeof educationLevels;
export const educationLevelCodes = Object.keys(educationLevels) as EducationLevel[];
/** SEPE's NIVEL_FORMATIVO: 00 sin estudios · 10 básico · 20 secundarios · 30 post-secundarios. */
export type SepeEducationLevel = (typeof educationLevels)[EducationLevel];

/** Professional categories of a work experience: construction/industry grades, then general ones, high to low. */
export const professionalCategories = [
  'oficial_1',
  'oficial_2',
  'oficial_3',
  'peon',
  'director',
  'middle_manager',
  'qualified_technician',
  'low_qualified_auxiliary',
] as const;
export type ProfessionalCategory = (typeof professionalCategories)[number];

export const languageLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type LanguageLevel = (typeof languageLevels)[number];

/** Spanish driving licences (permisos de conducción, Reglamento General de Conductores). */
export const drivingLicences = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE', 'BTP'] as const;
export type DrivingLicence = (typeof drivingLicences)[number];

export const workingTimes = ['full_time', 'part_time', 'any'] as const;
export const shifts = ['morning', 'afternoon', 'night', 'weekends'] as const;
export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];

/** Groups with insertion difficulties (colectivos con dificultades de inserción) SEPE counts. */
export const insertionGroups = [
  'long_term_unemployed',
  'youth_under_30',
  'over_45',
  'disability',
  'gender_violence_victim',
  'social_exclusion',
  'ethnic_minority',
  'other',
] as const;
export type InsertionGroup = (typeof insertionGroups)[number];

/** The professional cards an organisation starts with; admins add their own. */
export const defaultProfessionalCards: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'carretillero', name: 'Carnet de carretillero (carretillas elevadoras)' },
  { code: 'manipulador_alimentos', name: 'Manipulador de alimentos' },
  { code: 'prl_construccion_20h', name: 'PRL 20 h construcción (Tarjeta Profesional de la Construcción)' },
  { code: 'prl_construccion_60h', name: 'PRL 60 h construcción (nivel básico)' },
  { code: 'soldador_homologado', name: 'Soldador homologado' },
  { code: 'cap_mercancias', name: 'CAP mercancías' },
  { code: 'cap_viajeros', name: 'CAP viajeros' },
  { code: 'adr', name: 'ADR mercancías peligrosas' },
  { code: 'plataformas_elevadoras', name: 'Operador de plataformas elevadoras (PEMP)' },
  { code: 'gruista', name: 'Operador de grúa torre' },
  { code: 'electricista_baja_tension', name: 'Instalador electricista de baja tensión' },
  { code: 'fontanero_rite', name: 'Instalador de instalaciones térmicas (RITE)' },
  { code: 'gas_fluorado', name: 'Manipulación de gases fluorados' },
  { code: 'fitosanitarios', name: 'Aplicador de productos fitosanitarios' },
  { code: 'vigilante_seguridad', name: 'TIP vigilante de seguridad' },
  { code: 'socorrista', name: 'Socorrista acuático' },
  { code: 'monitor_tiempo_libre', name: 'Monitor de tiempo libre' },
  { code: 'sociosanitario', name: 'Certificado de profesionalidad de atención sociosanitaria' },
  { code: 'legionella', name: 'Mantenimiento higiénico-sanitario (legionela)' },
  { code: 'primeros_auxilios', name: 'Primeros auxilios' },
];

/** What SEPE needs of a person that the CV holds; the SEPE file generator reads this. */
export interface CvSepeInput {
  sex: Sex | null;
  education: ReadonlyArray<{ level: EducationLevel }>;
  disability: boolean;
  immigrant: boolean;
  unemploymentBenefit: boolean;
  insertionGroups: readonly InsertionGroup[];
}

export interface SepeWorkerData {
  /** NIVEL_FORMATIVO of the highest level entered; 00 when none was. */
  educationLevel: SepeEducationLevel;
  /** SEXO_TRABAJADOR: 1 man, 2 woman; null until it is recorded. */
  sex: '1' | '2' | null;
  disability: 'S' | 'N';
  immigrant: 'S' | 'N';
  /** Counted in TOTAL_PERSONAS_PERCEPTORES. */
  benefitRecipient: boolean;
  /** Counted in TOTAL_PERSONAS_INSERCION. */
  insertionDifficulty: boolean;
}

/** SEPE's NIVEL_FORMATIVO for the highest of the levels entered. */
export function sepeEducationLevel(levels: readonly EducationLevel[]): SepeEducationLevel {
  return levels.map((l) => educationLevels[l]).reduce<SepeEducationLevel>((max, code) => (code > max ? code : max), '00');
}

export const sepeSex = (sex: Sex | null): '1' | '2' | null => (sex === 'male' ? '1' : sex === 'female' ? '2' : null);

export function sepeWorkerData(cv: CvSepeInput): SepeWorkerData {
  return {
    educationLevel: sepeEducationLevel(cv.education.map((e) => e.level)),
    sex: sepeSex(cv.sex),
    disability: cv.disability ? 'S' : 'N',
    immigrant: cv.immigrant ? 'S' : 'N',
    benefitRecipient: cv.unemploymentBenefit,
    insertionDifficulty: cv.insertionGroups.length > 0 || cv.disability,
  };
}

/** Calendar days before a card expires that the professional is reminded (organisation setting). */
export const DEFAULT_CARD_REMINDER_DAYS = 30;
/** The local hour the reminder goes out on its day. */
export const CARD_REMINDER_HOUR = 9;

/** The day (YYYY-MM-DD) of the reminder: `days` calendar days before the expiry date. */
export function cardReminderDay(expiresOn: string, days: number): string {
  const d = new Date(`${expiresOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The instant of the reminder: CARD_REMINDER_HOUR on its day, in the organisation's time zone. */
export function cardReminderAt(expiresOn: string, days: number, timezone: string): Date {
  const [year, month, day] = cardReminderDay(expiresOn, days).split('-').map(Number);
  return fromLocal({ year, month, day, hour: CARD_REMINDER_HOUR, minute: 0, second: 0 }, timezone);
}
