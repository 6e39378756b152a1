// The interventions module from the web app: the needs catalogue, assessments, the case list
// and one case's changes, bulk changes, the calendar and partner organisations.
import { api, call } from '../api/client';
import type {
  ActionKind,
  BulkChange,
  ClosureReason,
  InterventionListQuery,
  InterventionSort,
  InterventionStatus,
  NeedGroup,
} from '../api/interventionTypes';

export const INTERVENTION_STATUSES = ['open', 'in_progress', 'pending', 'closed'] as const satisfies readonly InterventionStatus[];
/** The server's closure catalogue (domain/interventions.ts); `other` needs a note. */
export const CLOSURE_REASONS = [
  'objectives_met',
  'referred',
  'person_declined',
  'no_contact',
  'moved',
  'deceased',
  'opened_in_error',
  'other',
] as const satisfies readonly ClosureReason[];
export const ACTION_KINDS = [
  'interview',
  'home_visit',
  'phone_call',
  'coordination',
  'paperwork',
  'accompaniment',
  'information',
  'other',
] as const satisfies readonly ActionKind[];
export const INTERVENTION_SORTS = ['recent', 'opened', 'code', 'next_follow_up', 'status'] as const satisfies readonly InterventionSort[];
/** The server's attribute key rule (interventions.routes.ts). */
export const ATTRIBUTE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
/** Ids per bulk request: small enough for a progress bar that moves, big enough to be quick. */
export const BULK_CHUNK = 10;

// ---- needs catalogue ----------------------------------------------------------------------------

/** The three levels; inactive specific needs come only to catalogue managers who ask. */
export const fetchNeeds = (includeInactive = false): Promise<NeedGroup[]> =>
  call(api.needs.$get({ query: includeInactive ? { includeInactive: 'true' } : {} }));

export const needsAdmin = {
  add: (parentCode: string, name: string) => call(api.needs.$post({ json: { parentCode, name } })),
  update: (code: string, changes: { name?: string; active?: boolean }) => call(api.needs[':code'].$patch({ param: { code }, json: changes })),
  importCsv: (csv: string) => call(api.needs.import.$post({ json: { csv } })),
};

/** Lower case without accents, so "autonomia" finds "AUTONOMÍA". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchWords(query: string): string[] {
  return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export interface NeedPath {
  code: string;
  name: string;
  active: boolean;
  needCode: string;
  needName: string;
  groupCode: string;
  groupName: string;
}

/** Every specific need with its parents, by code. */
export function indexNeeds(groups: readonly NeedGroup[]): Map<string, NeedPath> {
  const out = new Map<string, NeedPath>();
  for (const g of groups)
    for (const n of g.children)
      for (const s of n.children) out.set(s.code, { code: s.code, name: s.name, active: s.active, needCode: n.code, needName: n.name, groupCode: g.code, groupName: g.name });
  return out;
}

// ---- assessments --------------------------------------------------------------------------------

export const fetchAssessments = (personId: string) => call(api.persons[':id'].assessments.$get({ param: { id: personId } }));
export const previewAssessment = (personId: string, needs: string[]) =>
  call(api.persons[':id'].assessments.preview.$post({ param: { id: personId }, json: { needs } }));
export const createAssessment = (personId: string, summary: string, needs: string[]) =>
  call(api.persons[':id'].assessments.$post({ param: { id: personId }, json: { summary, needs } }));

// ---- cases --------------------------------------------------------------------------------------

export const fetchInterventions = (query: InterventionListQuery) => call(api.interventions.$get({ query }));
export const fetchInterventionSummary = () => call(api.interventions.summary.$get());
export const fetchIntervention = (id: string) => call(api.interventions[':id'].$get({ param: { id } }));
export const bulkChange = (input: BulkChange) => call(api.interventions.bulk.$post({ json: input }));

/** Every change of one case. Changes answer the list row; the page reloads the detail. */
export function interventionActions(id: string) {
  const c = api.interventions[':id'];
  const param = { id };
  return {
    recordAction: (input: { date: string; kind: ActionKind; description: string }) => call(c.actions.$post({ param, json: input })),
    coverNeed: (code: string, note: string | null) => call(c.needs[':code'].cover.$post({ param: { id, code }, json: { note } })),
    changeStatus: (status: 'in_progress' | 'pending' | 'closed', reason?: ClosureReason | null, note?: string | null) =>
      call(c.status.$post({ param, json: { status, reason: reason ?? null, note: note || null } })),
    reopen: (note: string | null) => call(c.reopen.$post({ param, json: { note } })),
    assign: (userId: string | null) => call(c.assign.$post({ param, json: { userId } })),
    addNote: (body: string) => call(c.notes.$post({ param, json: { body } })),
    editNote: (noteId: string, body: string) => call(c.notes[':noteId'].$patch({ param: { id, noteId }, json: { body } })),
    deleteNote: (noteId: string) => call(c.notes[':noteId'].$delete({ param: { id, noteId } })),
    raiseFlag: (message: string) => call(c.flags.$post({ param, json: { message } })),
    resolveFlag: (flagId: string, message: string) => call(c.flags[':flagId'].resolve.$post({ param: { id, flagId }, json: { message } })),
    setAttribute: (key: string, value: string) => call(c.attributes[':key'].$put({ param: { id, key }, json: { value } })),
    removeAttribute: (key: string) => call(c.attributes[':key'].$delete({ param: { id, key } })),
    addCollaborator: (userId: string) => call(c.collaborators.$post({ param, json: { userId } })),
    removeCollaborator: (userId: string) => call(c.collaborators[':userId'].$delete({ param: { id, userId } })),
    relate: (interventionId: string, note: string | null) => call(c.related.$post({ param, json: { interventionId, note } })),
    unrelate: (relatedId: string) => call(c.related[':relatedId'].$delete({ param: { id, relatedId } })),
  };
}
export type InterventionActions = ReturnType<typeof interventionActions>;

// ---- calendar and partners ----------------------------------------------------------------------

export const fetchCalendar = (from: string, to: string) => call(api.calendar.$get({ query: { from, to } }));

export const fetchPartners = () => call(api.partners.$get());
export const fetchPartnerUsers = () => call(api.partners.users.$get());
export const addPartner = (organisationId: string) => call(api.partners.$post({ json: { organisationId } }));
export const removePartner = (organisationId: string) => call(api.partners[':organisationId'].$delete({ param: { organisationId } }));

/** Active colleagues: who a case can be assigned to or shared with. */
export async function fetchColleagues() {
  return (await call(api.users.$get({ query: { status: 'active' } }))).items;
}

// ---- dates --------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD of a local date. */
export const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const todayIso = () => isoDay(new Date());
