// Data access of the CPI's skills assessments (bilanci): the typed client for its routes, and
// whether the signed-in user's organisation is a CPI (the module is shown there only).
import { ref } from 'vue';
import { api, call, getJson } from '../api/client';

export type Phase = 'preliminary' | 'investigative' | 'repositioning' | 'enrolment';
export const phases: Phase[] = ['preliminary', 'investigative', 'repositioning', 'enrolment'];
export const phasePanels: Record<Phase, string[]> = {
  preliminary: ['needs', 'agreement'],
  investigative: ['education', 'experience', 'competences', 'interests', 'constraints'],
  repositioning: ['project', 'plan', 'feedback'],
  enrolment: ['notes'],
};
export type PanelValue = string | number | boolean | null | string[];
export type Panels = Record<string, Record<string, PanelValue>>;

export type SkillsAssessmentDetail = Awaited<ReturnType<typeof loadSkillsAssessment>>;
export type CourseMatch = Awaited<ReturnType<typeof loadCourses>>[number];
export type SkillsAssessmentItem = Awaited<ReturnType<typeof listSkillsAssessments>>['items'][number];

export const loadSkillsAssessment = (id: string) => call(api['skills-assessments'][':id'].$get({ param: { id } }));
export const loadCourses = (id: string) => call(api['skills-assessments'][':id'].courses.$get({ param: { id } }));
export const listSkillsAssessments = (query: { status?: 'in_progress' | 'complete'; operatorId?: string; personId?: string; page?: string; pageSize?: string }) =>
  call(api['skills-assessments'].$get({ query: query as never }));
/** Starts a bilancio of the person; from an appointment when one is given (the server checks it is usable). */
export const startSkillsAssessment = (personId: string, appointmentId?: string) =>
  call(api['skills-assessments'].$post({ json: appointmentId ? { personId, appointmentId } : { personId } }));
export const savePanels = (id: string, phase: Phase, panels: Panels) =>
  call(api['skills-assessments'][':id'].phases[':phase'].$put({ param: { id, phase }, json: { panels } as never }));
export const completePhase = (id: string, phase: Phase) => call(api['skills-assessments'][':id'].phases[':phase'].complete.$post({ param: { id, phase } }));
export const uploadContract = (id: string, file: File) => call(api['skills-assessments'][':id'].phases.preliminary.contract.$post({ param: { id }, form: { file } as never }));
export const enrol = (id: string, courseId: string, providerId: string) => call(api['skills-assessments'][':id'].enrolment.$post({ param: { id }, json: { courseId, providerId } }));
export const loadCompetences = () => call(api['training-catalogue'].competences.$get());

/** Whether the organisation is a CPI: one answer for the whole CPI workspace. */
export { useIsCpi } from './useCpi';
