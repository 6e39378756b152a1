// CPI operators' accreditations (issue 13): the operator's request, the service centre's decision.
// Every change is an Update on the request's workflow; reads come from its projection.
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, jsonBody, ok, page, ZIdParam } from '../schemas';
import { createAccreditation, decideAccreditation, editAccreditation, getAccreditation, listAccreditations, myAccreditation, submitAccreditation } from '../services/accreditations';
import {
  ZAccreditation,
  ZAccreditationChange,
  ZAccreditationListQuery,
  ZCreateAccreditationRequest,
  ZEditAccreditationRequest,
  ZMyAccreditation,
  ZRejectAccreditationRequest,
} from './accreditations.schemas';

const tags = ['accreditations'];
const change = { 200: ok(ZAccreditationChange), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] };

const create = createRoute({
  method: 'post', path: '/', tags,
  description: 'An operator of a CPI asks to be accredited (sent to the service centre at once unless `submit:false`). 409 accreditation_exists while another request is draft or pending, or once approved; 422 not_cpi outside a CPI; 403 for the service centre itself',
  request: jsonBody(ZCreateAccreditationRequest),
  responses: { 201: ok(ZAccreditationChange, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409], 422: errors[422], 503: errors[503] },
});
const mine = createRoute({
  method: 'get', path: '/me', tags,
  description: 'Whether the caller must be accredited, whether they are, and their latest request',
  responses: { 200: ok(ZMyAccreditation), 401: errors[401] },
});
const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'The service centre and admins: the organisation’s requests; anyone else: their own. Newest first',
  request: { query: ZAccreditationListQuery },
  responses: { 200: ok(page(ZAccreditation)), 400: errors[400], 401: errors[401] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags,
  description: 'One request: its requester, the service centre and admins (403 for other colleagues; 404 another organisation’s)',
  request: { params: ZIdParam },
  responses: { 200: ok(ZAccreditation), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const edit = createRoute({
  method: 'patch', path: '/{id}', tags,
  description: 'The requester changes a draft or pending request',
  request: { params: ZIdParam, ...jsonBody(ZEditAccreditationRequest) },
  responses: change,
});
const submit = createRoute({
  method: 'post', path: '/{id}/submit', tags,
  description: 'The requester sends a draft to the service centre',
  request: { params: ZIdParam },
  responses: change,
});
const approve = createRoute({
  method: 'post', path: '/{id}/approve', tags,
  description: 'The service centre approves a pending request; the operator is told in the app and by email',
  request: { params: ZIdParam },
  responses: change,
});
const reject = createRoute({
  method: 'post', path: '/{id}/reject', tags,
  description: 'The service centre rejects a pending request with a reason; the operator may file a new one',
  request: { params: ZIdParam, ...jsonBody(ZRejectAccreditationRequest) },
  responses: { ...change, 422: errors[422] },
});

export const accreditationsRoutes = createRouter()
  .openapi(create, async (c) => c.json(await createAccreditation(c.var.deps, currentUser(c), c.req.valid('json')), 201))
  .openapi(mine, async (c) => c.json(await myAccreditation(c.var.deps.db, currentUser(c)), 200))
  .openapi(list, async (c) => c.json(await listAccreditations(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getAccreditation(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(edit, async (c) => c.json(await editAccreditation(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(submit, async (c) => c.json(await submitAccreditation(c.var.deps, currentUser(c), c.req.valid('param').id), 200))
  .openapi(approve, async (c) => c.json(await decideAccreditation(c.var.deps, currentUser(c), c.req.valid('param').id, { decision: 'approved' }), 200))
  .openapi(reject, async (c) =>
    c.json(await decideAccreditation(c.var.deps, currentUser(c), c.req.valid('param').id, { decision: 'rejected', reason: c.req.valid('json').reason }), 200),
  );
