import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, idParam, jsonBody, noContent, ok, page, ZIdParam } from '../schemas';
import {
  addCollaborator,
  addNote,
  assign,
  bulkChange,
  changeStatus,
  coverNeed,
  deleteNote,
  editNote,
  getIntervention,
  interventionRow,
  linkRelated,
  listInterventions,
  raiseFlag,
  recordAction,
  removeCollaborator,
  reopen,
  resolveFlag,
  setAttribute,
  unlinkRelated,
} from '../services/interventions';
import { summary } from '../services/calendar';
import { cancelFollowUp, completeFollowUp, scheduleFollowUp } from '../services/follow-ups';
import {
  ZAssignRequest,
  ZAttributeRequest,
  ZBulkRequest,
  ZBulkResult,
  ZCancelFollowUpRequest,
  ZChangeStatusRequest,
  ZCollaboratorRequest,
  ZCompleteFollowUpRequest,
  ZCoverNeedRequest,
  ZCreated,
  ZFlagRequest,
  ZInterventionDetail,
  ZInterventionListItem,
  ZInterventionListQuery,
  ZNoteRequest,
  ZRecordActionRequest,
  ZRelatedRequest,
  ZReopenRequest,
  ZScheduleFollowUpRequest,
  ZSummary,
} from './interventions.schemas';

const tags = ['interventions'];
const P = {
  followUp: ZIdParam.extend({ followUpId: idParam('followUpId') }),
  need: ZIdParam.extend({ code: z.string().regex(/^\d{2,8}$/).openapi({ param: { name: 'code', in: 'path' } }) }),
  note: ZIdParam.extend({ noteId: idParam('noteId') }),
  flag: ZIdParam.extend({ flagId: idParam('flagId') }),
  attribute: ZIdParam.extend({ key: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).openapi({ param: { name: 'key', in: 'path' } }) }),
  collaborator: ZIdParam.extend({ userId: idParam('userId') }),
  related: ZIdParam.extend({ relatedId: idParam('relatedId') }),
};

/** A change answers the case's list row as it is now (the page refetches the detail if it needs more). */
const change = <Path extends string, Params extends z.ZodObject, Body extends z.ZodType>(path: Path, description: string, params: Params, body: Body) =>
  createRoute({
    method: 'post', path, tags, description,
    request: { params, ...jsonBody(body) },
    responses: { 200: ok(ZInterventionListItem), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] },
  });
const creation = <Path extends string, Body extends z.ZodType>(path: Path, description: string, body: Body) =>
  createRoute({
    method: 'post', path, tags, description,
    request: { params: ZIdParam, ...jsonBody(body) },
    responses: { 201: ok(ZCreated, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] },
  });

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'Cases of the caller’s organisation and those they collaborate on, filtered and sorted',
  request: { query: ZInterventionListQuery },
  responses: { 200: ok(page(ZInterventionListItem)), 400: errors[400], 401: errors[401] },
});
const dashboard = createRoute({
  method: 'get', path: '/summary', tags,
  description: 'Dashboard (Resumen): counts for the organisation, my recent cases, my overdue follow-ups',
  responses: { 200: ok(ZSummary), 401: errors[401] },
});
const bulk = createRoute({
  method: 'post', path: '/bulk', tags,
  description: 'One Update per case (8 at a time); each case succeeds or fails on its own. Permission interventions.bulk. For progress, send the ids in chunks.',
  request: jsonBody(ZBulkRequest),
  responses: { 200: ok(ZBulkResult), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(ZInterventionDetail), 401: errors[401], 404: errors[404] },
});
const removeNote = createRoute({
  method: 'delete', path: '/{id}/notes/{noteId}', tags, description: 'Only the author deletes a note (403 otherwise)',
  request: { params: P.note },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const updateNote = createRoute({
  method: 'patch', path: '/{id}/notes/{noteId}', tags, description: 'Only the author edits a note (403 otherwise)',
  request: { params: P.note, ...jsonBody(ZNoteRequest) },
  responses: { 200: ok(ZInterventionListItem), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const putAttribute = createRoute({
  method: 'put', path: '/{id}/attributes/{key}', tags, description: 'Sets a key/value attribute (e.g. an external system’s id)',
  request: { params: P.attribute, ...jsonBody(ZAttributeRequest) },
  responses: { 200: ok(ZInterventionListItem), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const deleteAttribute = createRoute({
  method: 'delete', path: '/{id}/attributes/{key}', tags,
  request: { params: P.attribute },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const deleteCollaborator = createRoute({
  method: 'delete', path: '/{id}/collaborators/{userId}', tags,
  request: { params: P.collaborator },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const deleteRelated = createRoute({
  method: 'delete', path: '/{id}/related/{relatedId}', tags,
  request: { params: P.related },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});

const detail = async (c: Context<AppEnv>, id: string) => c.json(await getIntervention(c.var.deps, currentUser(c), id, c.var.locale), 200);
const row = async (c: Context<AppEnv>, id: string) => c.json(await interventionRow(c.var.deps.db, currentUser(c), id), 200);

export const interventionsRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listInterventions(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(dashboard, async (c) => c.json(await summary(c.var.deps.db, currentUser(c)), 200))
  .openapi(bulk, async (c) => {
    const user = requirePermission(c, 'interventions.bulk');
    return c.json(await bulkChange(c.var.deps, user, c.var.locale, c.req.valid('json')), 200);
  })
  .openapi(get, async (c) => detail(c, c.req.valid('param').id))

  .openapi(creation('/{id}/actions', 'Records an actuación; the first one starts an open case (in_progress)', ZRecordActionRequest), async (c) =>
    c.json(await recordAction(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(creation('/{id}/follow-ups', 'Schedules a follow-up: reminder at due time, escalation when overdue', ZScheduleFollowUpRequest), async (c) =>
    c.json(await scheduleFollowUp(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(change('/{id}/follow-ups/{followUpId}/complete', 'Completes a follow-up with its outcome; the chase stops', P.followUp, ZCompleteFollowUpRequest), async (c) => {
    const { id, followUpId } = c.req.valid('param');
    await completeFollowUp(c.var.deps, currentUser(c), id, followUpId, c.req.valid('json'));
    return row(c, id);
  })
  .openapi(change('/{id}/follow-ups/{followUpId}/cancel', 'Cancels a follow-up; the chase stops', P.followUp, ZCancelFollowUpRequest), async (c) => {
    const { id, followUpId } = c.req.valid('param');
    await cancelFollowUp(c.var.deps, currentUser(c), id, followUpId, c.req.valid('json'));
    return row(c, id);
  })
  .openapi(change('/{id}/needs/{code}/cover', 'Marks a need covered; when all are, the assignee is prompted to close', P.need, ZCoverNeedRequest), async (c) => {
    const { id, code } = c.req.valid('param');
    await coverNeed(c.var.deps, currentUser(c), id, code, c.req.valid('json').note);
    return row(c, id);
  })
  .openapi(change('/{id}/status', 'Changes status; closing needs a reason and is refused (409 close_blocked, naming them) while follow-ups are pending or referrals unresolved; in_progress on a closed case reopens it', ZIdParam, ZChangeStatusRequest), async (c) => {
    const { id } = c.req.valid('param');
    await changeStatus(c.var.deps, currentUser(c), id, c.req.valid('json'));
    return row(c, id);
  })
  .openapi(change('/{id}/reopen', 'Reopens a closed case (permission interventions.reopen; 409 if not closed)', ZIdParam, ZReopenRequest), async (c) => {
    const { id } = c.req.valid('param');
    await reopen(c.var.deps, currentUser(c), id, c.req.valid('json'));
    return row(c, id);
  })
  .openapi(change('/{id}/assign', 'Assigns the case (to someone else: permission interventions.assign_others)', ZIdParam, ZAssignRequest), async (c) => {
    const { id } = c.req.valid('param');
    await assign(c.var.deps, currentUser(c), id, c.req.valid('json').userId);
    return row(c, id);
  })
  .openapi(creation('/{id}/notes', 'Adds a note (author and time are kept)', ZNoteRequest), async (c) =>
    c.json(await addNote(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json').body), 201),
  )
  .openapi(updateNote, async (c) => {
    const { id, noteId } = c.req.valid('param');
    await editNote(c.var.deps, currentUser(c), id, noteId, c.req.valid('json').body);
    return row(c, id);
  })
  .openapi(removeNote, async (c) => {
    const { id, noteId } = c.req.valid('param');
    await deleteNote(c.var.deps, currentUser(c), id, noteId);
    return c.body(null, 204);
  })
  .openapi(creation('/{id}/flags', 'Raises a flag with a message', ZFlagRequest), async (c) =>
    c.json(await raiseFlag(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json').message), 201),
  )
  .openapi(change('/{id}/flags/{flagId}/resolve', 'Resolves a flag with a message', P.flag, ZFlagRequest), async (c) => {
    const { id, flagId } = c.req.valid('param');
    await resolveFlag(c.var.deps, currentUser(c), id, flagId, c.req.valid('json').message);
    return row(c, id);
  })
  .openapi(putAttribute, async (c) => {
    const { id, key } = c.req.valid('param');
    await setAttribute(c.var.deps, currentUser(c), id, key, c.req.valid('json').value);
    return row(c, id);
  })
  .openapi(deleteAttribute, async (c) => {
    const { id, key } = c.req.valid('param');
    await setAttribute(c.var.deps, currentUser(c), id, key, null);
    return c.body(null, 204);
  })
  .openapi(change('/{id}/collaborators', 'Adds a collaborator from this or a partner organisation', ZIdParam, ZCollaboratorRequest), async (c) => {
    const { id } = c.req.valid('param');
    await addCollaborator(c.var.deps, currentUser(c), id, c.req.valid('json').userId);
    return row(c, id);
  })
  .openapi(deleteCollaborator, async (c) => {
    const { id, userId } = c.req.valid('param');
    await removeCollaborator(c.var.deps, currentUser(c), id, userId);
    return c.body(null, 204);
  })
  .openapi(change('/{id}/related', 'Links another person’s case of the organisation', ZIdParam, ZRelatedRequest), async (c) => {
    const { id } = c.req.valid('param');
    await linkRelated(c.var.deps, currentUser(c), id, c.req.valid('json'));
    return row(c, id);
  })
  .openapi(deleteRelated, async (c) => {
    const { id, relatedId } = c.req.valid('param');
    await unlinkRelated(c.var.deps, currentUser(c), id, relatedId);
    return c.body(null, 204);
  });
