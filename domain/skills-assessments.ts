// The CPI's skills assessment (bilancio delle competenze): four phases strictly in order, each a
// set of panels saved as drafts and completed explicitly; what each phase requires, the course
// matching's score, and the panels' shape. Shared by the workflow, the API and the UI.
import { effectiveSettings, type OrganisationSettings } from './organisation-settings';

export const skillsAssessmentPhases = ['preliminary', 'investigative', 'repositioning', 'enrolment'] as const;
export type SkillsAssessmentPhase = (typeof skillsAssessmentPhases)[number];
export type SkillsAssessmentStatus = 'in_progress' | 'complete';
export type SkillsAssessmentPhaseStatus = 'pending' | 'in_progress' | 'complete';

/** The documents of an assessment: the contract to sign, then one per phase completed after it. */
export const skillsAssessmentDocuments = ['contract', 'investigative', 'repositioning', 'enrolment'] as const;
export type SkillsAssessmentDocument = (typeof skillsAssessmentDocuments)[number];

/** The panels of each phase; the required ones must hold something before the phase completes. */
export const skillsAssessmentPanels = {
  preliminary: { panels: ['needs', 'agreement'], required: ['needs'] },
  investigative: { panels: ['education', 'experience', 'competences', 'interests', 'constraints'], required: ['education', 'experience', 'competences', 'interests'] },
  repositioning: { panels: ['project', 'plan', 'feedback'], required: ['project', 'plan', 'feedback'] },
  enrolment: { panels: ['notes'], required: [] },
} as const satisfies Record<SkillsAssessmentPhase, { panels: readonly string[]; required: readonly string[] }>;

/** A panel's fields: short texts, lists of texts (competence codes), numbers, yes/no. */
export type PanelValue = string | number | boolean | null | string[];
export type Panel = Record<string, PanelValue>;
export type Panels = Record<string, Panel>;

export const PANEL_TEXT_MAX = 4000;
export const PANEL_FIELDS_MAX = 40;

export function isPhase(value: string): value is SkillsAssessmentPhase {
  return (skillsAssessmentPhases as readonly string[]).includes(value);
}

export function phaseIndex(phase: SkillsAssessmentPhase): number {
  return skillsAssessmentPhases.indexOf(phase);
}

/** A panel counts as filled when one of its fields holds something. */
export function isPanelFilled(panel: Panel | undefined): boolean {
  if (!panel) return false;
  return Object.values(panel).some((v) => (Array.isArray(v) ? v.some((x) => x.trim() !== '') : typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined));
}

export function missingPanels(phase: SkillsAssessmentPhase, panels: Panels): string[] {
  return skillsAssessmentPanels[phase].required.filter((p) => !isPanelFilled(panels[p]));
}

/** Panel names a phase does not have, to refuse them by name. */
export function unknownPanels(phase: SkillsAssessmentPhase, panels: Panels): string[] {
  const known: readonly string[] = skillsAssessmentPanels[phase].panels;
  return Object.keys(panels).filter((p) => !known.includes(p));
}

export interface SkillsAssessmentPolicy {
  inactivityWorkingDays: number;
}

export function skillsAssessmentPolicyFromSettings(settings: OrganisationSettings | null | undefined): SkillsAssessmentPolicy {
  return { inactivityWorkingDays: effectiveSettings(settings).skillsAssessmentInactivityWorkingDays };
}

/** Roles that may work on any assessment of their organisation besides its operator. */
export const SKILLS_ASSESSMENT_SUPERVISING_ROLES = ['supervisor', 'admin'] as const;

export function canWorkOnAssessment(actor: { userId: string; organisationId: string; roles: readonly string[] }, assessment: { operatorId: string; organisationId: string }): 'ok' | 'other_organisation' | 'not_operator' {
  if (actor.organisationId !== assessment.organisationId) return 'other_organisation';
  if (actor.userId === assessment.operatorId) return 'ok';
  return actor.roles.some((r) => (SKILLS_ASSESSMENT_SUPERVISING_ROLES as readonly string[]).includes(r)) ? 'ok' : 'not_operator';
}

// ---- course matching ----------------------------------------------------------------------------

/** Weights of the score (out of 100): shared competences dominate, sector and province break ties. */
export const COURSE_SCORE_WEIGHTS = { competences: 60, sector: 25, province: 15 } as const;

export interface CourseCandidate {
  courseId: string;
  code: string;
  title: string;
  sector: string | null;
  province: string | null;
  hours: number | null;
  competenceCodes: string[];
  providers: Array<{ providerId: string; name: string; province: string }>;
}

export interface AssessmentProfile {
  competenceCodes: string[];
  sectors: string[];
  province: string | null;
}

export interface CourseMatch {
  courseId: string;
  code: string;
  title: string;
  sector: string | null;
  province: string | null;
  hours: number | null;
  score: number;
  why: { sharedCompetences: string[]; sectorMatch: boolean; provinceMatch: boolean; parts: { competences: number; sector: number; province: number } };
  providers: Array<{ providerId: string; name: string; province: string }>;
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Ranks the courses that have at least one provider candidate (in the worker's province when it
 * is known): the share of the course's competences the worker has, its sector among the worker's,
 * its province. Courses with nothing in common score 0 and are left out.
 */
export function rankCourses(courses: readonly CourseCandidate[], profile: AssessmentProfile, limit = 20): CourseMatch[] {
  const have = new Set(profile.competenceCodes.map(norm));
  const sectors = new Set(profile.sectors.map(norm).filter(Boolean));
  const province = norm(profile.province);
  const out: CourseMatch[] = [];
  for (const c of courses) {
    const providers = province ? c.providers.filter((p) => norm(p.province) === province) : c.providers;
    if (providers.length === 0) continue;
    const shared = c.competenceCodes.filter((x) => have.has(norm(x)));
    const competences = c.competenceCodes.length ? Math.round((COURSE_SCORE_WEIGHTS.competences * shared.length) / c.competenceCodes.length) : 0;
    const sectorMatch = Boolean(c.sector) && sectors.has(norm(c.sector));
    const provinceMatch = Boolean(province) && norm(c.province) === province;
    const parts = { competences, sector: sectorMatch ? COURSE_SCORE_WEIGHTS.sector : 0, province: provinceMatch ? COURSE_SCORE_WEIGHTS.province : 0 };
    const score = parts.competences + parts.sector + parts.province;
    if (score === 0) continue;
    out.push({ courseId: c.courseId, code: c.code, title: c.title, sector: c.sector, province: c.province, hours: c.hours, score, why: { sharedCompetences: shared, sectorMatch, provinceMatch, parts }, providers });
  }
  out.sort((a, b) => b.score - a.score || b.why.sharedCompetences.length - a.why.sharedCompetences.length || a.title.localeCompare(b.title));
  return out.slice(0, limit);
}

/** What the matching reads from the panels: competences of the investigative phase, sector and province of the project. */
export function assessmentProfile(panels: Partial<Record<SkillsAssessmentPhase, Panels>>): AssessmentProfile {
  const list = (v: PanelValue | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v.trim() ? v.split(/[;,]/).map((x) => x.trim()).filter(Boolean) : []);
  const competences = panels.investigative?.competences ?? {};
  const project = panels.repositioning?.project ?? {};
  const interests = panels.investigative?.interests ?? {};
  return {
    competenceCodes: list(competences.codes),
    sectors: [...list(project.sector), ...list(interests.sectors)],
    province: typeof project.province === 'string' && project.province.trim() ? project.province.trim() : null,
  };
}
