// Skills assessments (bilanci delle competenze) of the CPI, as in API.md: start, panels saved as
// drafts per phase, phases completed in order (409 naming the phase that must come first), the
// signed contract scan, matching courses, the enrolment and the phase documents.
import { createRoute, z } from '@hono/zod-openapi';
import { createCpiWorkspaceRouter } from '../middleware/cpi-access';
import { currentUser, requirePermission } from '../middleware/session';
import { ApiError } from '../errors';
import { errors, jsonBody, ok, page, ZIdParam } from '../schemas';
import {
  assessmentCourses,
  chooseEnrolment,
  completePhase,
  CONTRACT_MAX_BYTES,
  contractScan,
  createSkillsAssessment,
  getSkillsAssessment,
  importTrainingCatalogue,
  listCompetences,
  listCourses,
  updateCompetence,
  updateCourse,
  listSkillsAssessments,
  savePanels,
  skillsAssessmentDocument,
  uploadContract,
} from '../services/skills-assessments';
import type { Panels, SkillsAssessmentDocument } from '../../domain/skills-assessments';
import {
  ZCatalogueCourse,
  ZCatalogueImportParam,
  ZCompetence,
  ZCourseMatch,
  ZUpdateCompetenceRequest,
  ZUpdateCourseRequest,
  ZCreateSkillsAssessmentRequest,
  ZDocumentParam,
  ZEnrolmentRequest,
  ZPhase,
  ZPhaseParam,
  ZSavePanelsRequest,
  ZSkillsAssessmentChange,
  ZSkillsAssessmentDetail,
  ZSkillsAssessmentListItem,
  ZSkillsAssessmentListQuery,
} from './skills-assessments.schemas';

const tags = ['skills assessments'];
const ZCreated = z
  .object({ id: z.string(), phase: ZPhase.openapi({ description: '`preliminary` (a retried request with the same Idempotency-Key, or one from an appointment that already started a bilancio, answers the phase it is in now)' }) })
  .openapi('SkillsAssessmentCreated');
const changeResponses = { 200: ok(ZSkillsAssessmentChange), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 503: errors[503] };
const pdf = { description: 'The PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } };

const create = createRoute({
  method: 'post', path: '/', tags,
  description:
    'Starts a skills assessment of a person of the CPI (optionally from an appointment); the caller is its operator. Its workflow is `skills-assessment-<id>`. ' +
    'From an appointment: another organisation’s → 404 appointment_not_found; a cancelled or no-show one, or one of another person → 422 appointment_not_usable; ' +
    'a colleague’s on another day than today → 403 appointment_of_colleague; an appointment that already started one answers that one (its id and phase).',
  request: jsonBody(ZCreateSkillsAssessmentRequest),
  responses: { 201: ok(ZCreated, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422], 503: errors[503] },
});
const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'Assessments of the caller’s organisation, latest change first; `status=in_progress|complete`, `operatorId=me`',
  request: { query: ZSkillsAssessmentListQuery },
  responses: { 200: ok(page(ZSkillsAssessmentListItem)), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(ZSkillsAssessmentDetail), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const save = createRoute({
  method: 'put', path: '/{id}/phases/{phase}', tags,
  description: 'Saves panels of the current phase as drafts (merged over earlier saves; restarts the inactivity reminder). 409 `phase_out_of_order` (details.required names the phase to complete first) or `phase_already_complete`; 403 when the caller is not its operator, a supervisor or an admin.',
  request: { params: ZPhaseParam, ...jsonBody(ZSavePanelsRequest) },
  responses: changeResponses,
});
const complete = createRoute({
  method: 'post', path: '/{id}/phases/{phase}/complete', tags,
  description: 'Completes the phase. 409 `phase_out_of_order` (details.required), `phase_not_ready` (details.missing: required panels still empty), `contract_missing` (preliminary without the signed scan), `enrolment_missing`. Completing investigative, repositioning and enrolment emails the worker the phase’s PDF; enrolment makes the assessment complete.',
  request: { params: ZPhaseParam },
  responses: changeResponses,
});
const contract = createRoute({
  method: 'post', path: '/{id}/phases/preliminary/contract', tags,
  description: `The scan of the contract signed by the worker (multipart field "file"): PDF, JPEG or PNG by content, at most ${CONTRACT_MAX_BYTES / 1024 / 1024} MB. The preliminary phase completes only after it.`,
  request: {
    params: ZIdParam,
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: { ...changeResponses, 413: errors[413] },
});
const scan = createRoute({
  method: 'get', path: '/{id}/phases/preliminary/contract', tags,
  description: 'The uploaded signed contract scan',
  request: { params: ZIdParam },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const courses = createRoute({
  method: 'get', path: '/{id}/courses', tags,
  description: 'Courses of the catalogue ranked for the assessment (competences of the investigative phase, sector and province of the project), only those with at least one provider candidate; each with its score explained',
  request: { params: ZIdParam },
  responses: { 200: ok(z.array(ZCourseMatch)), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const enrolment = createRoute({
  method: 'post', path: '/{id}/enrolment', tags,
  description: 'Chooses the course and its provider (enrolment phase). 422 `course_not_found` / `provider_not_candidate`; 409 when the enrolment phase is not the current one',
  request: { params: ZIdParam, ...jsonBody(ZEnrolmentRequest) },
  responses: { ...changeResponses, 422: errors[422] },
});
const documents = createRoute({
  method: 'get', path: '/{id}/documents/{file}', tags,
  description: 'contract.pdf (to print and sign), investigative.pdf, repositioning.pdf, enrolment.pdf (409 `document_not_ready` until the phase is complete), in the worker’s language',
  request: { params: ZDocumentParam },
  responses: { 200: pdf, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});

/** RFC 6266 filename that survives accents. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const skillsAssessmentsRoutes = createCpiWorkspaceRouter()
  .openapi(create, async (c) => c.json(await createSkillsAssessment(c.var.deps, currentUser(c), c.req.valid('json')), 201))
  .openapi(list, async (c) => c.json(await listSkillsAssessments(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getSkillsAssessment(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(save, async (c) => {
    const { id, phase } = c.req.valid('param');
    return c.json(await savePanels(c.var.deps, currentUser(c), id, phase, c.req.valid('json').panels as Panels, c.var.locale), 200);
  })
  .openapi(complete, async (c) => {
    const { id, phase } = c.req.valid('param');
    return c.json(await completePhase(c.var.deps, currentUser(c), id, phase, c.var.locale), 200);
  })
  .openapi(contract, async (c) => {
    const { id } = c.req.valid('param');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new ApiError(400, 'contract_file_missing', 'errors.contract_file_missing', {}, { fields: [{ path: 'file', message: 'required' }] });
    if (file.size > CONTRACT_MAX_BYTES) throw new ApiError(413, 'payload_too_large', 'errors.contract_too_large', { max: '10 MB' }, { maxBytes: CONTRACT_MAX_BYTES });
    const content = Buffer.from(await file.arrayBuffer());
    return c.json(await uploadContract(c.var.deps, currentUser(c), id, { name: file.name.slice(0, 200) || 'contratto', content }, c.var.locale), 200);
  })
  .openapi(scan, async (c) => {
    const f = await contractScan(c.var.deps.db, currentUser(c), c.req.valid('param').id);
    return c.body(new Uint8Array(f.content) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': f.mediaType,
      'content-disposition': disposition('attachment', f.name),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  })
  .openapi(courses, async (c) => c.json(await assessmentCourses(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.var.locale), 200))
  .openapi(enrolment, async (c) => c.json(await chooseEnrolment(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'), c.var.locale), 200))
  .openapi(documents, async (c) => {
    const { id, file } = c.req.valid('param');
    const document = file.replace(/\.pdf$/, '') as SkillsAssessmentDocument;
    const doc = await skillsAssessmentDocument(c.var.deps.db, currentUser(c), id, document);
    return c.body(new Uint8Array(doc.pdf) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': disposition('inline', doc.filename),
      'cache-control': 'private, no-store',
    });
  });

// ---- the competences repertoire and the training catalogue ------------------------------------------

const catalogueTags = ['training catalogue'];
const importFile = createRoute({
  method: 'post', path: '/{kind}/import', tags: catalogueTags,
  description: 'Admins (catalogue.manage) import a CSV (`,` or `;`) or XLSX (first sheet) with a header row. competences: codice, nome, settore · courses: codice, titolo, settore, competenze (codes separated by `;`), ore, provincia · providers: corso (course code), codice_ente, ente, provincia, email. Rows are matched by code and updated, new ones added; all or nothing: a 400 `import_invalid` lists every problem in details.lines ("Riga 4: manca «titolo».") in the reader’s language.',
  request: {
    params: ZCatalogueImportParam,
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: { 200: ok(z.object({ imported: z.number().int() }).openapi('TrainingCatalogueImported')), 400: errors[400], 401: errors[401], 403: errors[403], 413: errors[413] },
});
const competencesList = createRoute({
  method: 'get', path: '/competences', tags: catalogueTags,
  responses: { 200: ok(page(ZCompetence)), 401: errors[401], 403: errors[403] },
});
const coursesList = createRoute({
  method: 'get', path: '/courses', tags: catalogueTags,
  responses: { 200: ok(page(ZCatalogueCourse)), 401: errors[401], 403: errors[403] },
});
const competenceEdit = createRoute({
  method: 'patch', path: '/competences/{id}', tags: catalogueTags, description: 'Admins (catalogue.manage)',
  request: { params: ZIdParam, ...jsonBody(ZUpdateCompetenceRequest) },
  responses: { 200: ok(ZCompetence), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const courseEdit = createRoute({
  method: 'patch', path: '/courses/{id}', tags: catalogueTags, description: 'Admins (catalogue.manage)',
  request: { params: ZIdParam, ...jsonBody(ZUpdateCourseRequest) },
  responses: { 200: ok(ZCatalogueCourse.omit({ providers: true })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const trainingCatalogueRoutes = createCpiWorkspaceRouter()
  .openapi(competencesList, async (c) => c.json(await listCompetences(c.var.deps.db, currentUser(c)), 200))
  .openapi(coursesList, async (c) => c.json(await listCourses(c.var.deps.db, currentUser(c)), 200))
  .openapi(importFile, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new ApiError(400, 'import_unreadable', 'errors.import_unreadable', {}, { fields: [{ path: 'file', message: 'required' }] });
    return c.json(await importTrainingCatalogue(c.var.deps.db, admin, c.req.valid('param').kind, Buffer.from(await file.arrayBuffer()), c.var.locale), 200);
  })
  .openapi(competenceEdit, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(await updateCompetence(c.var.deps.db, admin, c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .openapi(courseEdit, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(await updateCourse(c.var.deps.db, admin, c.req.valid('param').id, c.req.valid('json')), 200);
  });
