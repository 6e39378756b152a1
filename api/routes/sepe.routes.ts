// The SEPE files of a placement agency (API.md "Employment"): the ENPI file of a closed period,
// the check the page shows before a download, and the record of files generated.
// ACCD and ACCI (agencies under a convenio) are not offered: the organisation settings have no
// convenio code yet and Cauce records no per-person actions for ACCD.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, ok, page, ZPageQuery } from '../schemas';
import { checkSepeFile, generateEnpiFile, listSepeFiles } from '../services/sepe';

const tags = ['sepe'];
const who = 'Professionals, supervisors and admins of the organisation (others 403); only the organisation’s own persons and offers are read.';
const attended =
  'Persons attended in the period: registered with the agency in it (CV), a job-offer candidate added or moved in it, or placed in it (status placed, placedOn in the period); the annual YYYY99 is the whole year.';

const ZPeriod = z
  .string()
  .min(1)
  .max(6)
  .openapi({ example: '202611', description: 'YYYYMM, or YYYY99 for the annual file; a closed period (before the current month or year), 2010–2029. 400 names it with sepe.period.* reasons' });

const ZProblem = z.object({
  field: z.string().openapi({ example: 'birthDate', description: 'What to fix: id (NIF/NIE), name, surname1, birthDate, sex, educationLevel, placement.*; agencyCode for the organisation' }),
  code: z.string().openapi({ example: 'birth_date_missing' }),
  message: z.string().openapi({ description: 'In the reader’s language' }),
});
const ZPersonProblems = z
  .object({
    personId: z.string().nullable().openapi({ description: 'Null: the organisation’s settings' }),
    name: z.string().nullable().openapi({ example: 'García López, Ana' }),
    problems: z.array(ZProblem),
  })
  .openapi('SepePersonProblems');

const ZCheck = z
  .object({
    kind: z.literal('enpi'),
    period: z.string(),
    from: z.string().openapi({ example: '2026-11-01' }),
    to: z.string().openapi({ example: '2026-11-30' }),
    agencyCode: z.string().nullable(),
    attended: z.number().int().openapi({ description: 'Persons in the file (one ACCION each)' }),
    placed: z.number().int(),
    ready: z.boolean().openapi({ description: 'True when the file can be downloaded (no problems)' }),
    problems: z.array(ZPersonProblems).openapi({ description: 'Each person whose data would make the file invalid, with what to fix' }),
  })
  .openapi('SepeCheck');

const ZSepeFile = z
  .object({
    id: z.string(),
    kind: z.enum(['enpi', 'accd', 'acci']),
    period: z.string(),
    fileName: z.string().openapi({ example: 'ENPI_9900000001_202611.xml' }),
    generatedBy: z.string().nullable(),
    generatedAt: z.string(),
    sha256: z.string().openapi({ description: 'SHA-256 of the bytes downloaded, hex' }),
    records: z.number().int(),
    byteSize: z.number().int(),
  })
  .openapi('SepeFileRecord');

const ZIncomplete = {
  description: 'sepe_data_incomplete: details.problems lists each person with what to fix (as GET /check)',
  content: { 'application/json': { schema: errors[422].content['application/json'].schema } },
};

const enpi = createRoute({
  method: 'get', path: '/enpi.xml', tags,
  summary: 'The ENPI file of a period (XML_ENPI v1.1, ISO-8859-1)',
  description: `${who} ${attended} One ACCION per person with the placement of those placed, DATOS_AGREGADOS from the same data and the period's offers. Validated against the XSD before it is given; each download is recorded (GET /files) and audited. 409 sepe_agency_code_missing/sepe_agency_code_invalid when the organisation settings lack a valid agency code.`,
  request: { query: z.object({ period: ZPeriod }) },
  responses: {
    200: {
      description: 'The file, as an attachment named ENPI_<agency>_<period>.xml',
      headers: z.object({ 'x-content-sha256': z.string().openapi({ description: 'SHA-256 of the body, hex, as the record of files keeps it' }) }),
      content: { 'application/xml': { schema: z.string().openapi({ format: 'binary', description: 'charset=ISO-8859-1' }) } },
    },
    400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409], 422: ZIncomplete,
  },
});

const check = createRoute({
  method: 'get', path: '/check', tags,
  summary: 'What would make the period’s file invalid, person by person',
  description: `${who} ${attended} The check page's list; the organisation's missing agency code shows as a problem with personId null. Only ENPI (kind=enpi).`,
  request: { query: z.object({ period: ZPeriod, kind: z.literal('enpi').default('enpi').openapi({ description: 'enpi (the only file offered)' }) }) },
  responses: { 200: ok(ZCheck), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const files = createRoute({
  method: 'get', path: '/files', tags,
  summary: 'The record of SEPE files generated',
  description: `${who} Newest first: period, who, when, SHA-256 of the bytes, records and size.`,
  request: { query: ZPageQuery },
  responses: { 200: ok(page(ZSepeFile)), 400: errors[400], 401: errors[401], 403: errors[403] },
});

export const sepeRoutes = createRouter()
  .openapi(enpi, async (c) => {
    const file = await generateEnpiFile(c.var.deps.db, currentUser(c), c.req.valid('query').period, c.var.locale);
    return c.body(new Uint8Array(file.content) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/xml; charset=ISO-8859-1',
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-sha256': file.sha256,
    });
  })
  .openapi(check, async (c) => c.json(await checkSepeFile(c.var.deps.db, currentUser(c), c.req.valid('query'), c.var.locale), 200))
  .openapi(files, async (c) => c.json(await listSepeFiles(c.var.deps.db, currentUser(c), c.req.valid('query')), 200));
