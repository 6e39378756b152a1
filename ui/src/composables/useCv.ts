// The CV of a person file (Formación y empleo) and the professional cards catalogue.
import { api, call } from '../api/client';
import type { InferRequestType, InferResponseType } from 'hono/client';

export type Cv = InferResponseType<(typeof api.persons)[':id']['cv']['$get'], 200>;
export type CvRequest = InferRequestType<(typeof api.persons)[':id']['cv']['$put']>['json'];
export type ProfessionalCard = InferResponseType<(typeof api)['professional-cards']['$get'], 200>['items'][number];

export const fetchCv = (id: string) => call(api.persons[':id'].cv.$get({ param: { id } }));
export const saveCv = (id: string, json: CvRequest) => call(api.persons[':id'].cv.$put({ param: { id }, json }));
export const cvPdfUrl = (id: string, lang: string) => `/api/persons/${id}/cv.pdf?lang=${lang}`;

export const searchProfessionalCards = (q: string) => call(api['professional-cards'].$get({ query: { q } }));
export const professionalCardsAdmin = {
  list: () => call(api['professional-cards'].$get({ query: { all: 'true' } })),
  create: (json: { code: string; name: string }) => call(api['professional-cards'].$post({ json })),
  update: (id: string, json: { name?: string; active?: boolean }) => call(api['professional-cards'][':id'].$patch({ param: { id }, json })),
};

/** Code lists of the forms: the server's own (domain/employment-cv.ts, pure), labels in the i18n catalogues. */
export { drivingLicences, educationLevelCodes, educationLevels, insertionGroups, languageLevels, professionalCategories, sexes, shifts, workingTimes } from '../../../domain/employment-cv';
