// Job offers from the web app (API.md "Employment"): the typed client for the offer's routes and
// the company's public share page.
import { api, call, type Success } from '../api/client';

const offers = api['job-offers'];
export type JobOfferListItem = Success<Awaited<ReturnType<typeof offers.$get>>>['items'][number];
export type JobOfferDetail = Success<Awaited<ReturnType<(typeof offers)[':id']['$get']>>>;
export type JobOfferCandidate = JobOfferDetail['candidateList'][number];
export type CandidateStatus = JobOfferCandidate['status'];
export type CreateJobOffer = Parameters<typeof offers.$post>[0]['json'];
export type ContractType = CreateJobOffer['contractType'];
export type PublicShare = Success<Awaited<ReturnType<(typeof api.public.shares)[':token']['$get']>>>;
export type MessageCandidates = Parameters<(typeof offers)[':id']['messages']['$post']>[0]['json'];

export const CONTRACT_TYPES: ContractType[] = ['001', '003', '401', '501'];
export const CANDIDATE_STATUSES: CandidateStatus[] = ['shortlisted', 'interested', 'not_interested', 'sent_to_company', 'placed', 'discarded'];
/** The moves the workflow allows (domain/job-offers/offers.ts); the buttons offer only these. */
export const CANDIDATE_MOVES: Record<CandidateStatus, CandidateStatus[]> = {
  shortlisted: ['interested', 'not_interested', 'discarded'],
  interested: ['sent_to_company', 'placed', 'not_interested', 'discarded'],
  not_interested: ['interested', 'discarded'],
  sent_to_company: ['placed', 'discarded'],
  placed: [],
  discarded: ['shortlisted'],
};

export const fetchJobOffers = (query: { status?: 'open' | 'closed'; page: number; pageSize: number }) =>
  call(offers.$get({ query: { ...(query.status ? { status: query.status } : {}), page: String(query.page), pageSize: String(query.pageSize) } }));
export const fetchActiveJobOffers = () => call(offers.active.$get());
export const fetchJobOffer = (id: string) => call(offers[':id'].$get({ param: { id } }));
export const createJobOffer = (json: CreateJobOffer) => call(offers.$post({ json }));
export const closeJobOffer = (id: string) => call(offers[':id'].$patch({ param: { id }, json: { status: 'closed' } }));
export const addJobOfferCandidate = (id: string, personId: string) => call(offers[':id'].candidates.$post({ param: { id }, json: { personId } }));
export const setCandidateStatus = (id: string, personId: string, json: { status: CandidateStatus; date?: string; contractType?: ContractType }) =>
  call(offers[':id'].candidates[':personId'].status.$post({ param: { id, personId }, json }));
export const setCandidateFavourite = (id: string, personId: string, favourite: boolean) =>
  call(offers[':id'].candidates[':personId'].favourite.$post({ param: { id, personId }, json: { favourite } }));
export const shareJobOffer = (id: string, expiresInDays: number) => call(offers[':id'].share.$post({ param: { id }, json: { expiresInDays } }));
export const revokeJobOfferShare = (id: string, shareId: string) => call(offers[':id'].shares[':shareId'].revoke.$post({ param: { id, shareId } }));
export const messageJobOfferCandidates = (id: string, json: MessageCandidates) => call(offers[':id'].messages.$post({ param: { id }, json }));
export const referralSheetUrl = (id: string, personId: string, lang: string) =>
  `/api/job-offers/${encodeURIComponent(id)}/candidates/${encodeURIComponent(personId)}/referral-sheet.pdf?lang=${lang}`;
export const jobOfferFollowUpsPath = (id: string) => `/api/job-offers/${encodeURIComponent(id)}/follow-ups`;

export const fetchPublicShare = (token: string) => call(api.public.shares[':token'].$get({ param: { token } }));
