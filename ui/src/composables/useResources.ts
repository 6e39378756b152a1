// The resource directory from the web app: search (ranked by a case's need), and the admin's
// add, edit, (de)activate and CSV import.
import { api, call } from '../api/client';
import type { CreateResourceRequest, ResourceListQuery, UpdateResourceRequest } from '../api/referralTypes';

export const fetchResources = (query: ResourceListQuery) => call(api.resources.$get({ query }));
export const fetchResource = (id: string) => call(api.resources[':id'].$get({ param: { id } }));

export const resourcesAdmin = {
  create: (body: CreateResourceRequest) => call(api.resources.$post({ json: body })),
  update: (id: string, changes: UpdateResourceRequest) => call(api.resources[':id'].$patch({ param: { id }, json: changes })),
  importCsv: (csv: string) => call(api.resources.import.$post({ json: { csv } })),
};

/** Languages offered in the form; any other ISO code can be typed. */
export const COMMON_LANGUAGES = ['es', 'ca', 'eu', 'gl', 'it', 'en', 'fr', 'ar', 'ro', 'uk', 'zh', 'pt', 'de', 'ru', 'wo'] as const;
