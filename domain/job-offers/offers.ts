// Job offers of a placement agency (agencia de colocación): the candidate workflow's rules.
// Plain rules, shared by the offer's workflow, the API and the UI.

/** SEPE's contract type codes (ENPI): 001 indefinido, 003 indefinido tiempo parcial, 401 obra o servicio, 501 eventual. */
export const contractTypes = ['001', '003', '401', '501'] as const;
export type ContractType = (typeof contractTypes)[number];

export const offerStatuses = ['open', 'closed'] as const;
export type OfferStatus = (typeof offerStatuses)[number];
/** Why an offer closed: its end date passed, its vacancies were filled, or a professional closed it. */
export const offerClosedReasons = ['end_date', 'filled', 'manual'] as const;
export type OfferClosedReason = (typeof offerClosedReasons)[number];

export const candidateStatuses = ['shortlisted', 'interested', 'not_interested', 'sent_to_company', 'placed', 'discarded'] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];

/**
 * Which status a candidate may move to from each status. The path is the seed's: shortlisted
 * ("apuntado") → interest checked → sent to the company → placed ("insertado") or discarded.
 * - Nobody is sent to a company or placed before saying they are interested.
 * - A person may change their mind (not interested ↔ interested) while the offer is open.
 * - A discarded candidate can be shortlisted again; a placement is final.
 */
export const candidateTransitions: Record<CandidateStatus, readonly CandidateStatus[]> = {
  shortlisted: ['interested', 'not_interested', 'discarded'],
  interested: ['not_interested', 'sent_to_company', 'placed', 'discarded'],
  not_interested: ['interested', 'discarded'],
  sent_to_company: ['placed', 'discarded'],
  placed: [],
  discarded: ['shortlisted'],
};

export const canMoveCandidate = (from: CandidateStatus, to: CandidateStatus) => candidateTransitions[from].includes(to);

/** Working days a shortlisted candidate may wait for the interest check before the professional is reminded. */
export const DEFAULT_INTEREST_CHECK_WORKING_DAYS = 3;

/**
 * An offer's criteria ("about 20" in the seed), what candidate search applies first. Every field
 * is optional: an offer says what matters to it. Codes, not labels: occupation is a CNO-11 code,
 * educationLevel SEPE's level code, languages `{code, level}` with CEFR levels, licences DGT
 * classes (B, C1…), cards professional card codes (valid on the offer's start date).
 */
export const languageLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type LanguageLevel = (typeof languageLevels)[number];

export interface OfferCriteria {
  occupation?: string;
  occupationText?: string;
  educationLevel?: string;
  minExperienceYears?: number;
  categories?: string[];
  languages?: Array<{ code: string; level?: LanguageLevel }>;
  licences?: string[];
  ownVehicle?: boolean;
  cards?: string[];
  ageMin?: number;
  ageMax?: number;
  availability?: Array<'full_time' | 'part_time' | 'mornings' | 'afternoons' | 'weekends' | 'shifts' | 'travel'>;
  province?: string;
  municipality?: string;
  maxDistanceKm?: number;
  sex?: 'female' | 'male';
  disability?: boolean;
  longTermUnemployed?: boolean;
  youthGuarantee?: boolean;
  keywords?: string;
}
