// CV data of three demo persons of Servicios Sociales Demo (Formación y empleo), one with a
// professional card expiring within the month, so its reminder is about to fire. Applied on the
// first start through the API's service (launch/demo-workflows.ts), which also starts the cards'
// expiry reminders. Card codes are those of domain/employment-cv.ts's default catalogue.
import type { DrivingLicence, EducationLevel, InsertionGroup, LanguageLevel, ProfessionalCategory, Sex } from '../../domain/employment-cv';

/**
 * A day of the month before the current one: Carmen registers with the agency then and José is
 * placed then, so the SEPE file of the previous month (the one an agency sends) is never empty.
 */
export function dayOfLastMonth(day: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day)).toISOString().slice(0, 10);
}

export interface DemoCv {
  /** The demo person, by the document of db/seed/demo.ts. */
  documentId: string;
  profile: { sex: Sex; disability: boolean; disabilityPercent: number | null; immigrant: boolean; unemploymentBenefit: boolean; insertionGroups: InsertionGroup[]; agencyRegisteredOn: string };
  availability: { workingTime: 'full_time' | 'part_time' | 'any'; shifts: Array<'morning' | 'afternoon' | 'night' | 'weekends'>; travel: boolean };
  education: Array<{ level: EducationLevel; title: string; centre: string | null; year: number | null }>;
  courses: Array<{ name: string; hours: number | null; centre: string | null; year: number | null }>;
  experience: Array<{ employer: string; occupation: string; category: ProfessionalCategory | null; startDate: string | null; endDate: string | null }>;
  languages: Array<{ language: string; level: LanguageLevel }>;
  drivingLicences: DrivingLicence[];
  /** Card code and days from today to its expiry (null: none). */
  cards: Array<{ code: string; expiresInDays: number | null }>;
}

export const demoCvs: DemoCv[] = [
  {
    documentId: '12345678Z',
    profile: { sex: 'female', disability: false, disabilityPercent: null, immigrant: false, unemploymentBenefit: true, insertionGroups: ['long_term_unemployed'], agencyRegisteredOn: '2026-09-15' },
    availability: { workingTime: 'full_time', shifts: ['morning', 'afternoon'], travel: false },
    education: [{ level: 'vocational_intermediate', title: 'Técnico en Actividades Comerciales', centre: 'IES Ramón y Cajal', year: 2010 }],
    courses: [{ name: 'Manipulación de alimentos', hours: 10, centre: 'Cruz Roja', year: 2024 }, { name: 'Logística de almacén', hours: 200, centre: 'SEPE', year: 2021 }],
    experience: [
      { employer: 'Supermercados Sol S.A.', occupation: 'Reponedora', category: 'low_qualified_auxiliary', startDate: '2015-02-01', endDate: '2024-08-31' },
      { employer: 'Almacenes del Ebro S.L.', occupation: 'Mozo de almacén', category: 'peon', startDate: '2011-06-01', endDate: '2014-12-31' },
    ],
    languages: [{ language: 'Español', level: 'native' }, { language: 'Inglés', level: 'A2' }],
    drivingLicences: ['B'],
    // Expires in three weeks: inside the 30 days, so the professional is reminded at once.
    cards: [{ code: 'carretillero', expiresInDays: 21 }, { code: 'manipulador_alimentos', expiresInDays: 700 }],
  },
  {
    documentId: 'X1234567L',
    profile: { sex: 'male', disability: false, disabilityPercent: null, immigrant: true, unemploymentBenefit: false, insertionGroups: [], agencyRegisteredOn: '2026-10-20' },
    availability: { workingTime: 'any', shifts: ['morning', 'night'], travel: true },
    education: [{ level: 'upper_secondary', title: 'Bachillerato', centre: 'Lycée Ibn Khaldoun', year: 2008 }],
    courses: [{ name: 'PRL 20 horas construcción', hours: 20, centre: 'Fundación Laboral de la Construcción', year: 2023 }],
    experience: [{ employer: 'Construcciones Moncayo S.L.', occupation: 'Albañil', category: 'oficial_2', startDate: '2019-03-01', endDate: null }],
    languages: [{ language: 'Español', level: 'B2' }, { language: 'Árabe', level: 'native' }, { language: 'Francés', level: 'C1' }],
    drivingLicences: ['B', 'C'],
    cards: [{ code: 'prl_construccion_20h', expiresInDays: null }, { code: 'cap_mercancias', expiresInDays: 400 }],
  },
  {
    documentId: '87654321X',
    profile: { sex: 'female', disability: true, disabilityPercent: 35, immigrant: false, unemploymentBenefit: true, insertionGroups: ['over_45', 'disability'], agencyRegisteredOn: dayOfLastMonth(3) },
    availability: { workingTime: 'part_time', shifts: ['morning'], travel: false },
    education: [{ level: 'university_degree', title: 'Diplomatura en Trabajo Social', centre: 'Universidad de Zaragoza', year: 1998 }],
    courses: [],
    experience: [{ employer: 'Residencia Los Olivos', occupation: 'Coordinadora de servicios', category: 'middle_manager', startDate: '2005-01-10', endDate: '2025-06-30' }],
    languages: [{ language: 'Español', level: 'native' }, { language: 'Italiano', level: 'B1' }],
    drivingLicences: ['B'],
    cards: [{ code: 'sociosanitario', expiresInDays: null }],
  },
];
