// Referrals (derivaciones): staff routes under /api/referrals, the creation under the
// intervention, and the public answer routes the receiving service reaches through its link.
import { createRoute, z } from '@hono/zod-openapi';
import { CONSENT_FILE_MAX_BYTES, consentFileTypes, sniffConsentFileType } from '../../domain/referrals';
import { createRouter } from '../context';
import { ApiError } from '../errors';
import { clientIp, currentUser } from '../middleware/session';
import { errors, idParam, jsonBody, ok, page, ZIdParam, ZPageQuery } from '../schemas';
import {
  answerByLink,
  answerReceived,
  answerView,
  attachConsentFile,
  cancelReferralFollowUp,
  changeReferralStatus,
  completeReferralFollowUp,
  consentFile,
  createReferral,
  getReferral,
  listReceived,
  listReferrals,
  referralAsFhir,
  referralReport,
  referralReportCsv,
  scheduleReferralFollowUp,
  sendReferral,
} from '../services/referrals';
import {
  gone,
  unprocessable,
  ZCancelReferralFollowUpRequest,
  ZCompleteReferralFollowUpRequest,
  ZConsentFile,
  ZCreateReferralRequest,
  ZFhirBundle,
  ZReceivedReferral,
  ZReferralAnswerRequest,
  ZReferralAnswerView,
  ZReferralChange,
  ZReferralDetail,
  ZReferralFollowUpRequest,
  ZReferralListItem,
  ZReferralListQuery,
  ZReferralReport,
  ZReferralReportQuery,
  ZReferralStatusRequest,
  ZSendReferralRequest,
  ZTokenParam,
} from './referrals.schemas';

const tags = ['referrals'];
const ZFollowUpParam = ZIdParam.extend({ followUpId: idParam('followUpId') });
const ZCreated = z.object({ id: z.string(), status: z.string() }).openapi('ReferralCreated');
const ZFollowUpCreated = z.object({ id: z.string() }).openapi('ReferralFollowUpCreated');
const changeResponses = { 200: ok(ZReferralChange), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] };

const create = createRoute({
  method: 'post', path: '/{id}/referrals', tags,
  description: 'Creates a draft referral of the intervention to a resource of the directory (staff of the intervention’s organisation; 409 if the intervention is closed or the resource inactive)',
  request: { params: ZIdParam, ...jsonBody(ZCreateReferralRequest) },
  responses: { 201: ok(ZCreated, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] },
});

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'Referrals of the caller’s organisation ("Mis derivaciones" with assignee=me), newest change first',
  request: { query: ZReferralListQuery },
  responses: { 200: ok(page(ZReferralListItem)), 400: errors[400], 401: errors[401] },
});
const received = createRoute({
  method: 'get', path: '/received', tags,
  description: 'Derivaciones recibidas: referrals sent to a resource that is the caller’s (partner) organisation',
  request: { query: ZPageQuery.extend({ status: ZReferralListQuery.shape.status }) },
  responses: { 200: ok(page(ZReceivedReferral)), 400: errors[400], 401: errors[401] },
});
const report = createRoute({
  method: 'get', path: '/report', tags,
  description: 'Referrals by status, share with an outcome, median working days to the answer and to the outcome; overall, per resource and per professional. Supervisors and admins. `format=csv` answers text/csv.',
  request: { query: ZReferralReportQuery },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: ZReferralReport }, 'text/csv': { schema: z.string() } } },
    400: errors[400], 401: errors[401], 403: errors[403],
  },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(ZReferralDetail), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const fhir = createRoute({
  method: 'get', path: '/{id}/fhir', tags,
  description: 'The referral as an HL7 FHIR R4 ServiceRequest with its Task (status mapped), in a collection Bundle',
  request: { params: ZIdParam },
  responses: { 200: { description: 'FHIR Bundle', content: { 'application/fhir+json': { schema: ZFhirBundle }, 'application/json': { schema: ZFhirBundle } } }, 400: errors[400], 401: errors[401], 404: errors[404] },
});
const send = createRoute({
  method: 'post', path: '/{id}/send', tags,
  description: 'Sends a draft: consent recorded (422 consent_required), the person told by email and/or SMS (addresses from the person file unless given; 422 missing_email / missing_phone / sms_disabled), the service emailed its answer link; the chasing starts',
  request: { params: ZIdParam, ...jsonBody(ZSendReferralRequest) },
  responses: { ...changeResponses, 422: unprocessable },
});
const status = createRoute({
  method: 'post', path: '/{id}/status', tags,
  description: 'Staff record a status they learnt (by phone by default): accepted, declined (reason), completed, no_show, cancelled (reason). 409 when not allowed now (e.g. completing with follow-ups pending: details.followUps)',
  request: { params: ZIdParam, ...jsonBody(ZReferralStatusRequest) },
  responses: { ...changeResponses, 422: unprocessable },
});
const answerInApp = createRoute({
  method: 'post', path: '/{id}/answer', tags,
  description: 'The receiving partner organisation answers in the app (accepted, declined with reason, completed, no_show); 404 unless the referral was sent to the caller’s organisation',
  request: { params: ZIdParam, ...jsonBody(ZReferralAnswerRequest) },
  responses: { ...changeResponses, 422: unprocessable },
});
const followUp = createRoute({
  method: 'post', path: '/{id}/follow-ups', tags,
  description: 'Schedules a follow-up of the referral: reminder at due time, escalation when overdue (the follow-up workflow, on the calendar)',
  request: { params: ZIdParam, ...jsonBody(ZReferralFollowUpRequest) },
  responses: { 201: ok(ZFollowUpCreated, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] },
});
const completeFollowUp = createRoute({
  method: 'post', path: '/{id}/follow-ups/{followUpId}/complete', tags,
  request: { params: ZFollowUpParam, ...jsonBody(ZCompleteReferralFollowUpRequest) },
  responses: changeResponses,
});
const cancelFollowUp = createRoute({
  method: 'post', path: '/{id}/follow-ups/{followUpId}/cancel', tags,
  request: { params: ZFollowUpParam, ...jsonBody(ZCancelReferralFollowUpRequest) },
  responses: changeResponses,
});

const consentTypes = Object.keys(consentFileTypes).join(', ');
const consentMax = `${CONSENT_FILE_MAX_BYTES / 1024 / 1024} MB`;
const uploadConsent = createRoute({
  method: 'post', path: '/{id}/consent-file', tags,
  description:
    `Attaches the signed written consent (multipart field "file"): ${consentTypes}, recognised from the content (400 consent_file_type otherwise), ` +
    `at most ${consentMax} (400 attachment_too_large). The name is sanitised. Only when the consent recorded at sending is written and has no file yet ` +
    '(409 consent_not_written, 409 consent_file_exists); 409 workflow_closed once the referral is resolved and its workflow finished. ' +
    'Staff of the referral’s organisation (403 for a signer-only account); 404 for another organisation’s referral. Recorded in the history as consent_file_attached.',
  request: {
    params: ZIdParam,
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: { 201: ok(ZConsentFile, 'Attached'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] },
});
const downloadConsent = createRoute({
  method: 'get', path: '/{id}/consent-file', tags,
  description: 'The signed written consent, as attached (whoever sees the referral; 404 when there is none or the referral is another organisation’s)',
  request: { params: ZIdParam },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) }, 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) }, 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: errors[400], 401: errors[401], 404: errors[404],
  },
});
const fileProblem = (code: string, message: string, params: Record<string, string> = {}, details: Record<string, unknown> = {}) =>
  new ApiError(400, code, `errors.${code}`, params, { fields: [{ path: 'file', message }], ...details });

/** RFC 6266 filename that survives accents. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const interventionReferralsRoutes = createRouter().openapi(create, async (c) =>
  c.json(await createReferral(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
);

export const referralsRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listReferrals(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(received, async (c) => c.json(await listReceived(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(report, async (c) => {
    const { format, ...range } = c.req.valid('query');
    const result = await referralReport(c.var.deps.db, currentUser(c), range);
    if (format === 'csv') {
      c.header('Content-Disposition', 'attachment; filename="derivaciones.csv"');
      return c.body(referralReportCsv(result), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(result, 200);
  })
  .openapi(get, async (c) => c.json(await getReferral(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.var.locale), 200))
  .openapi(fhir, async (c) => c.json(await referralAsFhir(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200, { 'Content-Type': 'application/fhir+json' }))
  .openapi(send, async (c) => c.json(await sendReferral(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(status, async (c) => c.json(await changeReferralStatus(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(answerInApp, async (c) => c.json(await answerReceived(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(followUp, async (c) => c.json(await scheduleReferralFollowUp(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(completeFollowUp, async (c) => {
    const { id, followUpId } = c.req.valid('param');
    return c.json(await completeReferralFollowUp(c.var.deps, currentUser(c), id, followUpId, c.req.valid('json')), 200);
  })
  .openapi(cancelFollowUp, async (c) => {
    const { id, followUpId } = c.req.valid('param');
    return c.json(await cancelReferralFollowUp(c.var.deps, currentUser(c), id, followUpId, c.req.valid('json')), 200);
  })
  .openapi(uploadConsent, async (c) => {
    const { id } = c.req.valid('param');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw fileProblem('attachment_missing', 'required');
    if (file.size > CONSENT_FILE_MAX_BYTES) throw fileProblem('attachment_too_large', 'too_large', { max: consentMax }, { maxBytes: CONSENT_FILE_MAX_BYTES });
    const content = Buffer.from(await file.arrayBuffer());
    const mediaType = sniffConsentFileType(content);
    if (!mediaType) throw fileProblem('consent_file_type', 'type_not_allowed', { allowed: 'PDF, JPEG, PNG' }, { allowed: Object.keys(consentFileTypes) });
    return c.json(await attachConsentFile(c.var.deps, currentUser(c), id, { name: file.name, mediaType, content }), 201);
  })
  .openapi(downloadConsent, async (c) => {
    const f = await consentFile(c.var.deps.db, currentUser(c), c.req.valid('param').id);
    return c.body(new Uint8Array(f.content) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': f.mediaType,
      'content-disposition': disposition(f.name),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });

const publicTags = ['referral answers'];
const view = createRoute({
  method: 'get', path: '/{token}', tags: publicTags, security: [],
  description: 'Public (no account): what the receiving service needs to answer. 404 unknown link; 410 revoked, expired or the referral already resolved',
  request: { params: ZTokenParam },
  responses: { 200: ok(ZReferralAnswerView), 400: errors[400], 404: errors[404], 410: gone },
});
const answer = createRoute({
  method: 'post', path: '/{token}', tags: publicTags, security: [],
  description: 'Public (no account): the service accepts or declines (reason), later completed or no_show. 409 when that decision is not possible now; 410 once resolved, revoked or expired',
  request: { params: ZTokenParam, ...jsonBody(ZReferralAnswerRequest) },
  responses: { 200: ok(ZReferralChange), 400: errors[400], 404: errors[404], 409: errors[409], 410: gone, 422: unprocessable, 503: errors[503] },
});

export const referralAnswersRoutes = createRouter({ public: true })
  .openapi(view, async (c) => c.json(await answerView(c.var.deps, c.req.valid('param').token, clientIp(c)), 200))
  .openapi(answer, async (c) => c.json(await answerByLink(c.var.deps, c.req.valid('param').token, c.req.valid('json'), clientIp(c)), 200));
