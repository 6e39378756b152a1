// The CV of a person file (API.md, Employment): GET/PUT /api/persons/:id/cv, the CV PDF, and the
// professional cards catalogue (autocomplete for everyone, admins extend it).
import { createRoute, z } from '@hono/zod-openapi';
import { locales } from '../../domain/i18n';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, jsonBody, ok, ZIdParam } from '../schemas';
import { createProfessionalCard, cvPdf, getCv, listProfessionalCards, saveCv, updateProfessionalCard } from '../services/cv';
import { findPersonRow } from '../services/persons';
import { ZCreateProfessionalCard, ZCv, ZCvRequest, ZProfessionalCard, ZProfessionalCardQuery, ZUpdateProfessionalCard } from './cv.schemas';

const tags = ['employment'];

const get = createRoute({
  method: 'get', path: '/{id}/cv', tags,
  summary: 'The person’s CV: education, courses, experience with professional category, languages, licences, professional cards with expiry, availability and the data SEPE needs',
  request: { params: ZIdParam },
  responses: { 200: ok(ZCv), 401: errors[401], 404: errors[404] },
});
const put = createRoute({
  method: 'put', path: '/{id}/cv', tags,
  summary: 'Replaces the person’s CV',
  description:
    'The whole document; lists replace the stored ones. Cards keep their `id` to keep their expiry reminder (moved when the expiry changes; a card left out is deleted and its reminder cancelled). Needs the "persons.update" permission rule (403). A bad NIF/NIE is 400 naming `documentId`.',
  request: { params: ZIdParam, ...jsonBody(ZCvRequest) },
  responses: { 200: ok(ZCv), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const pdf = createRoute({
  method: 'get', path: '/{id}/cv.pdf', tags,
  summary: 'The CV as a PDF, in the reader’s language (es, it, en)',
  description: 'The language is `lang` when given (the app passes its own), else the Accept-Language header’s.',
  request: { params: ZIdParam, query: z.object({ lang: z.enum(locales).optional() }) },
  responses: { 200: { description: 'The PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, 400: errors[400], 401: errors[401], 404: errors[404] },
});

export const personCvRoutes = createRouter()
  .openapi(get, async (c) => c.json(await getCv(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(put, async (c) => {
    const user = currentUser(c);
    // Another organisation's person is 404 whatever the caller's rules.
    await findPersonRow(c.var.deps.db, user, c.req.valid('param').id);
    requirePermission(c, 'persons.update');
    return c.json(await saveCv(c.var.deps, user, c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .openapi(pdf, async (c) => {
    const started = performance.now();
    const doc = await cvPdf(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('query').lang ?? c.var.locale);
    return c.body(new Uint8Array(doc.pdf) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${doc.filename}"`,
      'cache-control': 'private, no-store',
      'server-timing': `pdf;dur=${(performance.now() - started).toFixed(1)}`,
    });
  });

const cardTags = ['professional cards'];
const list = createRoute({
  method: 'get', path: '/', tags: cardTags,
  summary: 'The organisation’s professional cards (carnets profesionales): up to 20 active ones matching `q`, or all with all=true',
  request: { query: ZProfessionalCardQuery },
  responses: { 200: ok(z.object({ items: z.array(ZProfessionalCard) })), 400: errors[400], 401: errors[401] },
});
const create = createRoute({
  method: 'post', path: '/', tags: cardTags,
  summary: 'Adds a card to the catalogue (permission catalogue.manage)',
  request: jsonBody(ZCreateProfessionalCard.openapi('CreateProfessionalCardRequest')),
  responses: { 201: ok(ZProfessionalCard, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});
const update = createRoute({
  method: 'patch', path: '/{id}', tags: cardTags,
  summary: 'Renames or (de)activates a card (permission catalogue.manage); persons keep the cards they hold',
  request: { params: ZIdParam, ...jsonBody(ZUpdateProfessionalCard.openapi('UpdateProfessionalCardRequest')) },
  responses: { 200: ok(ZProfessionalCard), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const professionalCardsRoutes = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listProfessionalCards(c.var.deps.db, currentUser(c), { q: q.q, all: q.all === 'true' }), 200);
  })
  .openapi(create, async (c) => c.json(await createProfessionalCard(c.var.deps.db, requirePermission(c, 'catalogue.manage'), c.req.valid('json')), 201))
  .openapi(update, async (c) => c.json(await updateProfessionalCard(c.var.deps.db, requirePermission(c, 'catalogue.manage'), c.req.valid('param').id, c.req.valid('json')), 200));
