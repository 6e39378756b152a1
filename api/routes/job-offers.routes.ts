// Job offers of a placement agency (API.md "Employment"): offers, candidates and their statuses,
// the share link for the company, the referral sheet, messages to candidates and follow-ups.
// Candidate search over CV data (`/candidates/search`) is wired once the CV data lands.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { clientIp, currentUser } from '../middleware/session';
import { errors, idParam, jsonBody, noContent, ok, page, ZIdParam } from '../schemas';
import { ZBulkStarted } from './messages.schemas';
import { locales } from '../../domain/i18n';
import {
  addCandidate,
  cancelOfferFollowUp,
  completeOfferFollowUp,
  createJobOffer,
  getJobOffer,
  listJobOffers,
  messageCandidates,
  myActiveOffers,
  publicCandidateCv,
  publicShareView,
  referralSheet,
  revokeShare,
  scheduleOfferFollowUp,
  setCandidateFavourite,
  setCandidateStatus,
  shareJobOffer,
  updateJobOffer,
} from '../services/job-offers';
import {
  ZAddCandidateRequest,
  ZCancelFollowUpRequest,
  ZCandidateStatusRequest,
  ZCompleteFollowUpRequest,
  ZCreateJobOfferRequest,
  ZFavouriteRequest,
  ZJobOffer,
  ZJobOfferChange,
  ZJobOfferDetail,
  ZJobOfferListQuery,
  ZMessageCandidatesRequest,
  ZOfferFollowUpRequest,
  ZPublicShare,
  ZShareCreated,
  ZShareRequest,
  ZShareTokenParam,
  ZUpdateJobOfferRequest,
} from './job-offers.schemas';

const tags = ['job offers'];
const who = 'Professionals, supervisors and admins of the organisation (others 403); another organisation’s offer is a 404.';
const changeErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] };
const ZCandidateParam = ZIdParam.extend({ personId: idParam('personId') });
const ZShareParam = ZIdParam.extend({ shareId: idParam('shareId') });
const ZFollowUpParam = ZIdParam.extend({ followUpId: idParam('followUpId') });
const pdf = { description: 'The PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } };
const gone = { content: { 'application/json': { schema: errors[404].content['application/json'].schema } }, description: 'The link was revoked or has expired' } as const;
const ZCandidateChange = ZJobOfferChange.extend({ personId: z.string() });

const create = createRoute({
  method: 'post', path: '/', tags,
  description: `${who} Own offer or a third-party employer's (taxId: CIF, NIF or NIE with its check character; 400 names employer.taxId). Starts the offer's workflow: it closes the offer after endsOn or once placed candidates fill the vacancies.`,
  request: jsonBody(ZCreateJobOfferRequest),
  responses: { 201: ok(ZJobOffer.pick({ id: true }), 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 503: errors[503] },
});
const list = createRoute({
  method: 'get', path: '/', tags, description: `${who} Newest first; status open/closed; q searches title, employer and tax id.`,
  request: { query: ZJobOfferListQuery },
  responses: { 200: ok(page(ZJobOffer)), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const mine = createRoute({
  method: 'get', path: '/active', tags, description: `${who} The organisation's open offers ("Mi menú"), newest first, at most 20.`,
  responses: { 200: ok(page(ZJobOffer)), 401: errors[401], 403: errors[403] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags, description: `${who} With criteria, candidates (status, who/when history), share links with their views, follow-ups.`,
  request: { params: ZIdParam },
  responses: { 200: ok(ZJobOfferDetail), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const patch = createRoute({
  method: 'patch', path: '/{id}', tags, description: `${who} Edits the offer; a new end date or vacancies reach its workflow; status "closed" closes it by hand. 409 job_offer_closed when closed.`,
  request: { params: ZIdParam, ...jsonBody(ZUpdateJobOfferRequest) },
  responses: { 200: ok(ZJobOfferDetail), ...changeErrors },
});
const addCand = createRoute({
  method: 'post', path: '/{id}/candidates', tags, description: `${who} Shortlists ("apunta") a person of the organisation (another's → 404). 409 candidate_exists, 409 job_offer_closed.`,
  request: { params: ZIdParam, ...jsonBody(ZAddCandidateRequest) },
  responses: { 201: ok(ZCandidateChange, 'Shortlisted'), ...changeErrors },
});
const status = createRoute({
  method: 'post', path: '/{id}/candidates/{personId}/status', tags,
  description: `${who} shortlisted → interested | not_interested | discarded; interested → not_interested | sent_to_company | placed | discarded; not_interested → interested | discarded; sent_to_company → placed | discarded; discarded → shortlisted; placed is final. Anything else 409 candidate_transition_not_allowed. placed: date (today in the organisation's zone when not given) and contractType (the offer's when not given); the last vacancy filled closes the offer.`,
  request: { params: ZCandidateParam, ...jsonBody(ZCandidateStatusRequest) },
  responses: { 200: ok(ZCandidateChange.extend({ candidateStatus: z.string(), placedOn: z.string().nullable(), contractType: z.string().nullable() })), ...changeErrors },
});
const favourite = createRoute({
  method: 'post', path: '/{id}/candidates/{personId}/favourite', tags, description: `${who} Marks a candidate as favourite (messages can go to favourites only).`,
  request: { params: ZCandidateParam, ...jsonBody(ZFavouriteRequest) },
  responses: { 200: ok(ZJobOfferChange), ...changeErrors },
});
const sheet = createRoute({
  method: 'get', path: '/{id}/candidates/{personId}/referral-sheet.pdf', tags,
  description: `${who} The referral sheet ("ficha de derivación") naming the candidate and the offer, in the language of ?lang or the request's Accept-Language (es, it, en).`,
  request: { params: ZCandidateParam, query: z.object({ lang: z.enum(locales).optional() }) },
  responses: { 200: pdf, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const share = createRoute({
  method: 'post', path: '/{id}/share', tags,
  description: `${who} A link for the company (no account) showing the interested candidates' CVs, valid expiresInDays (1–90) unless revoked; every view is logged.`,
  request: { params: ZIdParam, ...jsonBody(ZShareRequest) },
  responses: { 201: ok(ZShareCreated, 'Created'), ...changeErrors },
});
const revoke = createRoute({
  method: 'post', path: '/{id}/shares/{shareId}/revoke', tags, description: `${who} The link answers 410 from now on.`,
  request: { params: ZShareParam },
  responses: { 204: noContent, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const messages = createRoute({
  method: 'post', path: '/{id}/messages', tags,
  description: `${who} Email or SMS to the offer's candidates: all, placed, favourites, or one (personId), through the bulk messaging workflow (throttled, tracked). 422 no_candidates; 422 sms_disabled / sms_balance_exhausted as for any bulk send.`,
  request: { params: ZIdParam, ...jsonBody(ZMessageCandidatesRequest) },
  responses: { 202: ok(ZBulkStarted, 'Started'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422], 503: errors[503] },
});
const followUp = createRoute({
  method: 'post', path: '/{id}/follow-ups', tags, description: `${who} Schedules a follow-up of the offer (reminder at due time, chased when overdue; on the calendar). 409 job_offer_closed.`,
  request: { params: ZIdParam, ...jsonBody(ZOfferFollowUpRequest) },
  responses: { 201: ok(z.object({ id: z.string() }), 'Created'), ...changeErrors },
});
const completeFollowUp = createRoute({
  method: 'post', path: '/{id}/follow-ups/{followUpId}/complete', tags, description: `${who} 409 follow_up_finished when already completed or cancelled.`,
  request: { params: ZFollowUpParam, ...jsonBody(ZCompleteFollowUpRequest) },
  responses: { 200: ok(ZJobOfferChange), ...changeErrors },
});
const cancelFollowUp = createRoute({
  method: 'post', path: '/{id}/follow-ups/{followUpId}/cancel', tags, description: `${who} 409 follow_up_finished when already completed or cancelled.`,
  request: { params: ZFollowUpParam, ...jsonBody(ZCancelFollowUpRequest) },
  responses: { 200: ok(ZJobOfferChange), ...changeErrors },
});

const userAgent = (c: { req: { header: (n: string) => string | undefined } }) => c.req.header('user-agent') ?? null;

export const jobOffersRoutes = createRouter()
  .openapi(create, async (c) => c.json(await createJobOffer(c.var.deps, currentUser(c), c.req.valid('json')), 201))
  .openapi(list, async (c) => c.json(await listJobOffers(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(mine, async (c) => c.json(await myActiveOffers(c.var.deps.db, currentUser(c)), 200))
  .openapi(get, async (c) => c.json(await getJobOffer(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) => c.json(await updateJobOffer(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(addCand, async (c) => c.json(await addCandidate(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(status, async (c) => {
    const { id, personId } = c.req.valid('param');
    return c.json(await setCandidateStatus(c.var.deps, currentUser(c), id, personId, c.req.valid('json')), 200);
  })
  .openapi(favourite, async (c) => {
    const { id, personId } = c.req.valid('param');
    return c.json(await setCandidateFavourite(c.var.deps, currentUser(c), id, personId, c.req.valid('json').favourite), 200);
  })
  .openapi(sheet, async (c) => {
    const { id, personId } = c.req.valid('param');
    const doc = await referralSheet(c.var.deps.db, currentUser(c), id, personId, c.req.valid('query').lang ?? c.var.locale);
    return c.body(doc.pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${doc.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      'cache-control': 'private, no-store',
    });
  })
  .openapi(share, async (c) => c.json(await shareJobOffer(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'), c.var.locale), 201))
  .openapi(revoke, async (c) => {
    const { id, shareId } = c.req.valid('param');
    await revokeShare(c.var.deps, currentUser(c), id, shareId);
    return c.body(null, 204);
  })
  .openapi(messages, async (c) => c.json(await messageCandidates(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 202))
  .openapi(followUp, async (c) => c.json(await scheduleOfferFollowUp(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(completeFollowUp, async (c) => {
    const { id, followUpId } = c.req.valid('param');
    return c.json(await completeOfferFollowUp(c.var.deps, currentUser(c), id, followUpId, c.req.valid('json')), 200);
  })
  .openapi(cancelFollowUp, async (c) => {
    const { id, followUpId } = c.req.valid('param');
    return c.json(await cancelOfferFollowUp(c.var.deps, currentUser(c), id, followUpId, c.req.valid('json')), 200);
  });

// ---- the company's side (no account) -----------------------------------------------------------

const publicTags = ['job offer shares'];
const view = createRoute({
  method: 'get', path: '/{token}', tags: publicTags, security: [],
  description: 'Public (no account): the offer and its interested candidates, each with a signed CV link valid for an hour. Each view is logged (time, IP, user agent). 404 unknown link; 410 expired or revoked.',
  request: { params: ZShareTokenParam },
  responses: { 200: ok(ZPublicShare), 400: errors[400], 404: errors[404], 410: gone },
});
const cv = createRoute({
  method: 'get', path: '/{token}/candidates/{personId}/cv.pdf', tags: publicTags, security: [],
  description: 'Public (no account): one interested candidate’s CV (PDF, in the browser’s language), through the signed link the share page gives. Logged as a view. 404 unknown link, bad signature or no longer interested; 410 link or signature expired, or the share revoked.',
  request: { params: ZShareTokenParam.extend({ personId: idParam('personId') }), query: z.object({ exp: z.coerce.number().int(), sig: z.string().min(1).max(100) }) },
  responses: { 200: pdf, 400: errors[400], 404: errors[404], 410: gone },
});

export const jobOfferSharesRoutes = createRouter({ public: true })
  .openapi(view, async (c) => c.json(await publicShareView(c.var.deps, c.req.valid('param').token, { ip: clientIp(c), userAgent: userAgent(c) }), 200))
  .openapi(cv, async (c) => {
    const { token, personId } = c.req.valid('param');
    const doc = await publicCandidateCv(c.var.deps, token, personId, c.req.valid('query'), { ip: clientIp(c), userAgent: userAgent(c) }, c.req.header('accept-language'));
    return c.body(doc.pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${doc.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
    });
  });
