// Candidate search of a job offer from the web app (API.md Employment): the typed client for
// GET …/candidates/search and PUT …/candidates/search/saved.
import { api, call, type Success } from '../api/client';

const search = api['job-offers'][':id'].candidates.search;
export type CandidateSearchResult = Success<Awaited<ReturnType<typeof search.$get>>>;
export type CandidateSearchItem = CandidateSearchResult['items'][number];
export type SearchCriterion = CandidateSearchResult['criteria'][number]['criterion'];
/** The panel's filters as the query string carries them (lists comma-separated, booleans true/false). */
export type CandidateSearchFilters = Record<string, string>;

export const searchOfferCandidates = (id: string, filters: CandidateSearchFilters, page: { limit: number; offset: number }, ignoreSaved = false) =>
  call(search.$get({ param: { id }, query: { ...filters, ...(ignoreSaved ? { saved: 'false' } : {}), limit: String(page.limit), offset: String(page.offset) } as never }));
export const saveOfferCandidateSearch = (id: string, filters: CandidateSearchFilters) => call(search.saved.$put({ param: { id }, json: { filters } }));

/** Each criterion's override parameters (what tightening or changing it sends). */
export const CRITERION_PARAMS: Record<SearchCriterion, string[]> = {
  occupation: ['occupation'],
  educationLevel: ['educationLevel'],
  experience: ['minExperienceYears'],
  categories: ['categories'],
  languages: ['languages'],
  licences: ['licences'],
  cards: ['cards'],
  age: ['ageMin', 'ageMax'],
  availability: ['availability'],
  location: ['location'],
  sex: ['sex'],
  disability: ['disability'],
  longTermUnemployed: ['longTermUnemployed'],
  youthGuarantee: ['youthGuarantee'],
};
