// Candidate search of a job offer (API.md Employment): GET …/candidates/search applies the offer's
// criteria, the panel's overrides and relaxations, and its extra filters; PUT …/search/saved
// keeps the panel's filters with the offer, used by default next time.
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, jsonBody, ok, ZIdParam } from '../schemas';
import { saveSearchFilters, searchCandidates } from '../services/candidate-search';
import { ZCandidateSearchFilters, ZCandidateSearchQuery, ZCandidateSearchResult, ZSavedSearchRequest } from './candidate-search.schemas';
import { searchCriteria } from '../../domain/job-offers/candidate-search';

const tags = ['job offers'];
const who = 'Professionals, supervisors and admins of the organisation (others 403); another organisation’s offer is a 404.';

const search = createRoute({
  method: 'get',
  path: '/{id}/candidates/search',
  tags,
  description: `${who} Persons of the organisation with CV data matching the offer's criteria (${searchCriteria.join(', ')}), then the extra filters.
Parameter grammar: lists are comma-separated; booleans are true/false.
- Relax: \`relax=educationLevel,age\` ignores those criteria; each is still explained in \`meets\` (met true/false, relaxed true), and those meeting more of them come first.
- Override (tighten, loosen or add): a criterion's parameter replaces the offer's value, e.g. \`educationLevel=20\` (SEPE level or a CV level), \`minExperienceYears=3\`, \`languages=en:B2,fr\`, \`licences=B,C1\`, \`cards=carretillero\`, \`ageMin=25&ageMax=45\`, \`availability=full_time,mornings\`, \`location=Zaragoza\`.
- Extra filters narrow further and are never relaxed (q, immigrant, benefit, insertionGroups, hasEmail, hasPhone, municipality, registeredSince, registeredBefore, notPlaced, notCandidate, favourites, minEducation, languagesAny, licencesAny, cardsAny, workingTime, travel, minDisabilityPercent, hasExperience).
Ages and cards' validity are judged on the offer's start date (today when it has none). With no filter given, the filters saved with the offer apply (\`fromSaved\`), unless \`saved=false\`. Paged with limit (≤ 100) and offset; ordered by relaxed criteria met, then name. 400 names each bad parameter.`,
  request: { params: ZIdParam, query: ZCandidateSearchQuery },
  responses: { 200: ok(ZCandidateSearchResult), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

const save = createRoute({
  method: 'put',
  path: '/{id}/candidates/search/saved',
  tags,
  description: `${who} Saves the panel's filters (the search's parameters, as strings) with the offer, replacing those saved; an empty object clears them. A search without filters uses them.`,
  request: { params: ZIdParam, ...jsonBody(ZSavedSearchRequest) },
  responses: { 200: ok(ZSavedSearchRequest.extend({ filters: ZCandidateSearchFilters })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const candidateSearchRoutes = createRouter()
  .openapi(search, async (c) => c.json(await searchCandidates(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(save, async (c) => c.json(await saveSearchFilters(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('json').filters), 200));
