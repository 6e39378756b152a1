// Response shapes of the interventions module (needs, assessments, cases, follow-ups, calendar,
// partners), inferred from the server's routes.
import type { InferResponseType } from 'hono/client';
import type { api } from './client';

type Ok<T> = InferResponseType<T, 200>;
type Created<T> = InferResponseType<T, 201>;

export type NeedGroup = Ok<typeof api.needs.$get>[number];
export type SecondLevelNeed = NeedGroup['children'][number];
export type SpecificNeed = SecondLevelNeed['children'][number];

export type Assessment = Ok<(typeof api.persons)[':id']['assessments']['$get']>['items'][number];
export type AssessmentPreview = Ok<(typeof api.persons)[':id']['assessments']['preview']['$post']>;
export type AssessmentResult = Created<(typeof api.persons)[':id']['assessments']['$post']>;

export type InterventionPage = Ok<typeof api.interventions.$get>;
export type InterventionListItem = InterventionPage['items'][number];
export type InterventionStatus = InterventionListItem['status'];
export type InterventionListQuery = Parameters<typeof api.interventions.$get>[0]['query'];
export type InterventionSort = NonNullable<InterventionListQuery['sort']>;
export type InterventionSummary = Ok<typeof api.interventions.summary.$get>;

export type Intervention = Ok<(typeof api.interventions)[':id']['$get']>;
export type InterventionNeed = Intervention['needs'][number];
export type InterventionAction = Intervention['actions'][number];
export type FollowUp = Intervention['followUps'][number];
export type FollowUpStatus = FollowUp['status'];
export type InterventionNote = Intervention['notes'][number];
export type InterventionFlag = Intervention['flags'][number];
export type InterventionAttribute = Intervention['attributes'][number];
export type Collaborator = Intervention['collaborators'][number];
export type RelatedIntervention = Intervention['related'][number];
export type InterventionEvent = Intervention['history'][number];
export type CloseBlocker = Intervention['closable']['blockers'][number];

export type StatusChange = Parameters<(typeof api.interventions)[':id']['status']['$post']>[0]['json'];
export type ClosureReason = NonNullable<StatusChange['reason']>;
export type ActionKind = Parameters<(typeof api.interventions)[':id']['actions']['$post']>[0]['json']['kind'];
export type BulkChange = Parameters<(typeof api.interventions)['bulk']['$post']>[0]['json'];
export type BulkResult = Ok<(typeof api.interventions)['bulk']['$post']>;
export type BulkItemResult = BulkResult['results'][number];

export type CalendarItem = Ok<typeof api.calendar.$get>['items'][number];

export type Partner = Ok<typeof api.partners.$get>['items'][number];
export type PartnerUser = Ok<typeof api.partners.users.$get>['items'][number];
