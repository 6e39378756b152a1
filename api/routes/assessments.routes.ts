// Needs assessments live in the person file: /api/persons/:id/assessments.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, jsonBody, ok, ZIdParam } from '../schemas';
import { createAssessment, listAssessments, previewAssessment } from '../services/assessments';
import { ZAssessment, ZAssessmentPreview, ZAssessmentPreviewRequest, ZAssessmentResult, ZCreateAssessmentRequest } from './interventions.schemas';

const tags = ['assessments'];

const create = createRoute({
  method: 'post', path: '/{id}/assessments', tags,
  description:
    'Saves a needs assessment: one intervention per distinct second-level need; an open one for the same need is extended (created:false). ' +
    'Unknown or inactive codes are a 400 naming them. All or nothing.',
  request: { params: ZIdParam, ...jsonBody(ZCreateAssessmentRequest) },
  responses: { 201: ok(ZAssessmentResult, 'Created'), 400: errors[400], 401: errors[401], 404: errors[404], 409: errors[409], 503: errors[503] },
});
const preview = createRoute({
  method: 'post', path: '/{id}/assessments/preview', tags,
  description: 'What saving these needs would do (which interventions open, which are extended), without saving',
  request: { params: ZIdParam, ...jsonBody(ZAssessmentPreviewRequest) },
  responses: { 200: ok(ZAssessmentPreview), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const list = createRoute({
  method: 'get', path: '/{id}/assessments', tags,
  description: 'The person’s assessments, newest first',
  request: { params: ZIdParam },
  responses: { 200: ok(z.object({ items: z.array(ZAssessment) })), 401: errors[401], 404: errors[404] },
});

export const assessmentsRoutes = createRouter()
  .openapi(create, async (c) => c.json(await createAssessment(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(preview, async (c) => c.json(await previewAssessment(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('json').needs), 200))
  .openapi(list, async (c) => c.json({ items: await listAssessments(c.var.deps.db, currentUser(c), c.req.valid('param').id) }, 200));
