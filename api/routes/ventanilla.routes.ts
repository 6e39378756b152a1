// The electronic window: communications from draft to processed. Every change of state is an
// Update of the communication's workflow; lists and details read the projection.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { t } from '../../domain/i18n';
import { ATTACHMENT_MAX_BYTES, attachmentMediaType, attachmentTypes, SUBJECT_MAX, type SigningMode } from '../../domain/ventanilla';
import {
  closeCommunicationUpdate,
  editCommunicationUpdate,
  forwardCommunicationUpdate,
  processCommunicationUpdate,
  receiveCommunicationUpdate,
  rejectCommunicationUpdate,
  signCommunicationUpdate,
  submitCommunicationUpdate,
  withdrawCommunicationUpdate,
} from '../../workflows/ventanilla.definitions';
import { createRouter, type AppEnv } from '../context';
import { ApiError, invalidInput } from '../errors';
import { currentUser } from '../middleware/session';
import { errors, idParam, jsonBody, noContent, ok, ZIdParam } from '../schemas';
import {
  act,
  addAttachment,
  attachmentFile,
  communicationDetail,
  communicationPdf,
  confirmSignature,
  createCommunication,
  findVisibleCommunication,
  listCommunications,
  processingWorkingDaysOf,
  removeAttachment,
  resolveSigners,
  viewerOf,
  type Viewer,
} from '../services/ventanilla';
import { units } from '../../db/schema';
import { and, eq } from 'drizzle-orm';
import {
  ZAttachment,
  ZCommunication,
  ZCommunicationList,
  ZCreateCommunicationRequest,
  ZFollowUpRequest,
  ZForwardRequest,
  ZLinkRequest,
  ZListQuery,
  ZProcessRequest,
  ZReasonRequest,
  ZSignRequest,
  ZSubmitCommunicationRequest,
  ZUpdateCommunicationRequest,
} from './ventanilla.schemas';

const tags = ['ventanilla'];
const ZAttachmentParams = ZIdParam.extend({ attachmentId: idParam('attachmentId') });
const actionErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] };
const maxSize = `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;
const attachmentTooLarge = () =>
  new ApiError(400, 'attachment_too_large', 'errors.attachment_too_large', { max: maxSize }, { maxBytes: ATTACHMENT_MAX_BYTES, fields: [{ path: 'file', message: 'too_large' }] });

const viewer = (c: Context<AppEnv>): Promise<Viewer> => viewerOf(c.var.deps.db, currentUser(c));
const detail = async (c: Context<AppEnv>, v: Viewer, id: string) => communicationDetail(c.var.deps, v, id, c.var.locale);

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'Outbox (sent and drafts of my units) or inbox (what my units received), with counts per status',
  request: { query: ZListQuery },
  responses: { 200: ok(ZCommunicationList), 400: errors[400], 401: errors[401] },
});
const create = createRoute({
  method: 'post', path: '/', tags,
  request: jsonBody(ZCreateCommunicationRequest),
  responses: { 201: ok(z.object({ id: z.string(), status: z.literal('draft'), registryNumber: z.string(), workflowId: z.string() }), 'Created'), ...actionErrors },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(ZCommunication), 401: errors[401], 404: errors[404] },
});
const patch = createRoute({
  method: 'patch', path: '/{id}', tags,
  description: 'Only while draft, only the author; otherwise 409/403',
  request: { params: ZIdParam, ...jsonBody(ZUpdateCommunicationRequest) },
  responses: { 200: ok(ZCommunication), ...actionErrors },
});
// Generic in the path so each action keeps its own literal route type for the UI's typed client.
const action = <P extends string>(path: P, description: string) =>
  createRoute({
    method: 'post', path: `/{id}/${path}` as const, tags, description,
    request: { params: ZIdParam },
    responses: { 200: ok(ZCommunication), ...actionErrors },
  });
const actionWith = <P extends string, B extends z.ZodTypeAny>(path: P, description: string, body: B) =>
  createRoute({
    method: 'post', path: `/{id}/${path}` as const, tags, description,
    request: { params: ZIdParam, ...jsonBody(body) },
    responses: { 200: ok(ZCommunication), ...actionErrors },
  });
const submit = actionWith('submit', 'To one signer, or several in cascade (sequential) or parallel; the draft is locked', ZSubmitCommunicationRequest);
const withdraw = action('withdraw', 'The author pulls it back to draft while awaiting signature');
const sign = createRoute({
  method: 'post', path: '/{id}/sign', tags,
  description: 'The next (or any, in parallel) signer signs; the last signature makes the signed PDF and delivers it. The body is needed only when the organisation asks the password again (400 password_required / wrong_password)',
  request: { params: ZIdParam, body: { content: { 'application/json': { schema: ZSignRequest } }, required: false } },
  responses: { 200: ok(ZCommunication), ...actionErrors },
});
const reject = actionWith('reject', 'A signer rejects it with a reason: back to draft', ZReasonRequest);
const receive = action('receive', 'A member of the recipient unit marks it received');
const forward = actionWith('forward', 'A received communication goes on to another unit (pending reception there)', ZForwardRequest);
const process = actionWith('process', 'Processed, with observations the sender reads', ZProcessRequest);
const close = actionWith('close', 'Closed unprocessed, with the reason', ZReasonRequest);
const followUp = createRoute({
  method: 'post', path: '/{id}/follow-up-communication', tags,
  description: 'A new draft about this communication ("nueva comunicación sobre esta"), linked to it: nobody replies inside a communication',
  request: { params: ZIdParam, ...jsonBody(ZFollowUpRequest) },
  responses: { 201: ok(z.object({ id: z.string(), status: z.literal('draft'), registryNumber: z.string(), workflowId: z.string(), followUpOf: z.string() }), 'Created'), ...actionErrors },
});
const pdf = createRoute({
  method: 'get', path: '/{id}/pdf', tags,
  description: 'The signed PDF; before signing, a preview watermarked BORRADOR (header x-cauce-document: draft)',
  request: { params: ZIdParam },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errors[401], 404: errors[404] },
});
const upload = createRoute({
  method: 'post', path: '/{id}/attachments', tags,
  description: `A file (multipart field "file"), at most ${maxSize}; types: ${Object.keys(attachmentTypes).join(', ')}. Draft only.`,
  request: {
    params: ZIdParam,
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: { 201: ok(ZAttachment, 'Attached'), ...actionErrors },
});
const addLink = createRoute({
  method: 'post', path: '/{id}/links', tags,
  description: 'A link to an external file (a file-sharing service), with a label. Draft only.',
  request: { params: ZIdParam, ...jsonBody(ZLinkRequest) },
  responses: { 201: ok(ZAttachment, 'Attached'), ...actionErrors },
});
const download = createRoute({
  method: 'get', path: '/{id}/attachments/{attachmentId}', tags,
  request: { params: ZAttachmentParams },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errors[401], 404: errors[404] },
});
const remove = createRoute({
  method: 'delete', path: '/{id}/attachments/{attachmentId}', tags,
  request: { params: ZAttachmentParams },
  responses: { 204: noContent, ...actionErrors },
});

/** RFC 6266 filename that survives accents. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const ventanillaRoutes = createRouter()
  .openapi(list, async (c) => {
    const v = await viewer(c);
    return c.json(await listCommunications(c.var.deps.db, v, c.req.valid('query'), c.var.locale), 200);
  })
  .openapi(create, async (c) => {
    const v = await viewer(c);
    return c.json(await createCommunication(c.var.deps, v, c.req.valid('json')), 201);
  })
  .openapi(get, async (c) => {
    const v = await viewer(c);
    return c.json(await detail(c, v, c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    if (input.recipientUnitId) {
      const row = await findVisibleCommunication(c.var.deps.db, v, id);
      const [unit] = await c.var.deps.db.select().from(units).where(and(eq(units.id, input.recipientUnitId), eq(units.receivesCommunications, true)));
      if (!unit) throw invalidInput([{ path: 'recipientUnitId', message: 'unit_not_found', code: 'unit_not_found' }]);
      if (unit.id === row.senderUnitId) throw invalidInput([{ path: 'recipientUnitId', message: 'the recipient must be another unit', code: 'same_unit' }]);
    }
    await act(c.var.deps, v, id, editCommunicationUpdate, (actor) => ({ actor, ...input }), 'communication.edited', { fields: Object.keys(input) });
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(submit, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const signerIds = 'signerId' in body ? [body.signerId] : body.signerIds;
    const mode: SigningMode = 'signerId' in body ? 'sequential' : body.mode;
    const row = await findVisibleCommunication(c.var.deps.db, v, id);
    const signers = await resolveSigners(c.var.deps.db, v, row.senderUnitId, signerIds);
    await act(c.var.deps, v, id, submitCommunicationUpdate, (actor) => ({ actor, signers, mode }), 'communication.submitted', { signerIds, mode });
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(withdraw, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    await act(c.var.deps, v, id, withdrawCommunicationUpdate, (actor) => ({ actor }), 'communication.withdrawn');
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(sign, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    await confirmSignature(c.var.deps.db, v, (c.req.valid('json') as { password?: string } | undefined)?.password);
    await act(c.var.deps, v, id, signCommunicationUpdate, (actor) => ({ actor }), 'communication.signed');
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(reject, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    await act(c.var.deps, v, id, rejectCommunicationUpdate, (actor) => ({ actor, reason }), 'communication.rejected', { reason });
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(receive, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const row = await findVisibleCommunication(c.var.deps.db, v, id);
    const processingWorkingDays = await processingWorkingDaysOf(c.var.deps.db, row.currentUnitId);
    await act(c.var.deps, v, id, receiveCommunicationUpdate, (actor) => ({ actor, processingWorkingDays }), 'communication.received');
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(forward, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const { unitId, note } = c.req.valid('json');
    const [unit] = await c.var.deps.db.select().from(units).where(and(eq(units.id, unitId), eq(units.receivesCommunications, true)));
    if (!unit) throw invalidInput([{ path: 'unitId', message: 'unit_not_found', code: 'unit_not_found' }]);
    await act(c.var.deps, v, id, forwardCommunicationUpdate, (actor) => ({ actor, unitId, note: note || null }), 'communication.forwarded', { unitId, note: note ?? null });
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(process, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const { observations } = c.req.valid('json');
    await act(c.var.deps, v, id, processCommunicationUpdate, (actor) => ({ actor, observations }), 'communication.processed');
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(close, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    await act(c.var.deps, v, id, closeCommunicationUpdate, (actor) => ({ actor, reason }), 'communication.closed_unprocessed', { reason });
    return c.json(await detail(c, v, id), 200);
  })
  .openapi(followUp, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const original = await communicationDetail(c.var.deps, v, id, c.var.locale);
    // From the sender's side it goes where the original ended up; from the recipient's, back to the sender.
    const senderSide = original.organisationId === v.user.organisationId && !v.unitIds.includes(original.currentUnit!.id);
    const recipientUnitId = input.recipientUnitId ?? (senderSide ? original.currentUnit!.id : original.senderUnit!.id);
    const subject = input.subject ?? t(c.var.locale, 'ventanilla.follow_up_subject', { registry: original.registryNumber, subject: original.subject }).slice(0, SUBJECT_MAX);
    // The body is written before submitting; submitting an empty one is refused.
    const created = await createCommunication(c.var.deps, v, { recipientUnitId, subject, body: input.body ?? '', followUpOf: id });
    return c.json({ ...created, followUpOf: id }, 201);
  })
  .openapi(pdf, async (c) => {
    const v = await viewer(c);
    const doc = await communicationPdf(c.var.deps, v, c.req.valid('param').id);
    return c.body(doc.pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': disposition('inline', `${doc.registryNumber}${doc.signed ? '' : '-borrador'}.pdf`),
      'cache-control': 'private, no-store',
      'x-cauce-document': doc.signed ? 'signed' : 'draft',
    });
  })
  .openapi(upload, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new ApiError(400, 'attachment_missing', 'errors.attachment_missing', {}, { fields: [{ path: 'file', message: 'required' }] });
    if (file.size > ATTACHMENT_MAX_BYTES) throw attachmentTooLarge();
    const mediaType = attachmentMediaType(file.name);
    if (!mediaType) {
      throw new ApiError(400, 'attachment_type_not_allowed', 'errors.attachment_type_not_allowed', { name: file.name, allowed: Object.keys(attachmentTypes).join(', ') }, { fields: [{ path: 'file', message: 'type_not_allowed' }], allowed: Object.keys(attachmentTypes) });
    }
    const content = Buffer.from(await file.arrayBuffer());
    return c.json(await addAttachment(c.var.deps, v, id, { file: { name: file.name.slice(0, 200), mediaType, content } }), 201);
  })
  .openapi(addLink, async (c) => {
    const v = await viewer(c);
    const { id } = c.req.valid('param');
    return c.json(await addAttachment(c.var.deps, v, id, { link: c.req.valid('json') }), 201);
  })
  .openapi(download, async (c) => {
    const v = await viewer(c);
    const { id, attachmentId } = c.req.valid('param');
    const a = await attachmentFile(c.var.deps.db, v, id, attachmentId);
    return c.body(new Uint8Array(a.content!) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': a.mediaType ?? 'application/octet-stream',
      'content-disposition': disposition('attachment', a.name),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  })
  .openapi(remove, async (c) => {
    const v = await viewer(c);
    const { id, attachmentId } = c.req.valid('param');
    await removeAttachment(c.var.deps, v, id, attachmentId);
    return c.body(null, 204);
  });
