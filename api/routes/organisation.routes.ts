import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import { organisations } from '../../db/schema';
import { effectiveSettings } from '../../domain/organisation-settings';
import { locales } from '../../domain/i18n';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, jsonBody, ok, ZDate } from '../schemas';
import { holidayCountries, holidayPlaces, isKnownPlace, publicHolidays } from '../services/public-holidays';
import { invalidInput } from '../errors';

/** The zones the runtime knows: the list the admin chooses from (the UI asks Intl for the same list). */
const timeZones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

const tags = ['organisation'];

const ZSettings = z.object({
  holidays: z.array(ZDate).max(200).optional(),
  followUpGraceWorkingDays: z.number().int().min(0).max(30).optional(),
  inactivityReviewDays: z.number().int().min(1).max(365).optional(),
  ventanillaProcessingWorkingDays: z.number().int().min(1).max(120).optional(),
  signingRequiresPassword: z.boolean().optional().openapi({ description: 'Signing asks the signer’s password again' }),
  referralAnswerWorkingDays: z.number().int().min(1).max(60).optional().openapi({ description: 'Working days a service has to answer a referral before it is reminded; escalated to supervisors after twice as many' }),
  referralOutcomeDays: z.number().int().min(1).max(365).optional().openapi({ description: 'Days after a referral is accepted before the professional is asked to record its outcome' }),
  skillsAssessmentInactivityWorkingDays: z.number().int().min(1).max(60).optional().openapi({ description: 'Working days without a panel saved before the operator of a skills assessment is reminded' }),
  professionalCardReminderDays: z.number().int().min(1).max(180).optional().openapi({ description: 'Calendar days before a person’s professional card expires that the professional is reminded' }),
  jobOfferInterestWorkingDays: z.number().int().min(1).max(60).optional().openapi({ description: 'Working days a shortlisted job-offer candidate may wait for the interest check before the professional is reminded' }),
  sepeAgencyCode: z.union([z.literal(''), z.string().regex(/^(0[0-9]|1[0-9]|99)[0-9]{8}$/)]).optional().openapi({ description: 'The SEPE placement agency code (10 digits); empty when not an agency' }),
});
const ZOrganisation = z
  .object({ id: z.string(), name: z.string(), kind: z.string(), timezone: z.string(), locale: z.string(), settings: ZSettings })
  .openapi('Organisation');

const get = createRoute({ method: 'get', path: '/', tags, responses: { 200: ok(ZOrganisation), 401: errors[401] } });
const patch = createRoute({
  method: 'patch', path: '/', tags, 
  request: jsonBody(
    z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        timezone: z
          .string()
          .refine((tz) => timeZones.has(tz), { message: 'not an IANA time zone', params: { code: 'unknown_time_zone' } })
          .optional()
          .openapi({ description: 'An IANA time zone (Europe/Madrid, Europe/Rome, Atlantic/Canary…)', example: 'Europe/Madrid' }),
        locale: z.enum(locales).optional().openapi({ description: 'The organisation’s language: the default of its users and invitees' }),
        settings: ZSettings.optional(),
      })
      .openapi('UpdateOrganisation'),
  ),
  responses: { 200: ok(ZOrganisation), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const ZHolidayPlaceQuery = z.object({ country: z.enum(holidayCountries).default('ES') });
const holidayPlacesRoute = createRoute({
  method: 'get', path: '/public-holidays/places', tags,
  description: 'Regions (and municipalities, where known) whose public holidays can pre-fill the organisation’s list',
  request: { query: ZHolidayPlaceQuery },
  responses: {
    200: ok(z.object({ country: z.string(), name: z.string(), states: z.array(z.object({ code: z.string(), name: z.string(), regions: z.array(z.object({ code: z.string(), name: z.string() })) })) })),
    400: errors[400], 401: errors[401], 403: errors[403],
  },
});
const publicHolidaysRoute = createRoute({
  method: 'get', path: '/public-holidays', tags,
  description: 'Public holidays of a country, region and municipality in a year (a maintained calendar), named in the reader’s language: a proposal the admin edits',
  request: {
    query: ZHolidayPlaceQuery.extend({
      state: z.string().max(10).optional().openapi({ description: 'Region code, e.g. MD (Comunidad de Madrid), AN, CT' }),
      region: z.string().max(10).optional().openapi({ description: 'Municipality code within the region, where the calendar has one' }),
      year: z.coerce.number().int().min(2000).max(2100),
    }),
  },
  responses: { 200: ok(z.object({ items: z.array(z.object({ date: z.string(), name: z.string() })) })), 400: errors[400], 401: errors[401], 403: errors[403] },
});

/** Settings as they apply: an unset value shows its default. */
const out = (o: typeof organisations.$inferSelect) => ({ id: o.id, name: o.name, kind: o.kind, timezone: o.timezone, locale: o.locale, settings: effectiveSettings(o.settings) });

export const organisationRoutes = createRouter()
  .openapi(get, async (c) => {
    const [org] = await c.var.deps.db.select().from(organisations).where(eq(organisations.id, currentUser(c).organisationId));
    return c.json(out(org), 200);
  })
  .openapi(patch, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const input = c.req.valid('json');
    const { db } = c.var.deps;
    const [current] = await db.select().from(organisations).where(eq(organisations.id, admin.organisationId));
    const [org] = await db
      .update(organisations)
      .set({
        name: input.name ?? current.name,
        timezone: input.timezone ?? current.timezone,
        locale: input.locale ?? current.locale,
        settings: { ...current.settings, ...input.settings },
      })
      .where(eq(organisations.id, admin.organisationId))
      .returning();
    await writeAudit(db, { ...auditActor(admin), action: 'organisation.updated', subjectType: 'organisation', subjectId: admin.organisationId, details: input });
    return c.json(out(org), 200);
  })
  .openapi(holidayPlacesRoute, async (c) => {
    requirePermission(c, 'organisation.manage');
    return c.json(holidayPlaces(c.req.valid('query').country, c.var.locale), 200);
  })
  .openapi(publicHolidaysRoute, async (c) => {
    requirePermission(c, 'organisation.manage');
    const { country, state, region, year } = c.req.valid('query');
    if (!isKnownPlace(country, state, region)) throw invalidInput([{ path: region ? 'region' : 'state', message: 'Not a place of that country’s calendar' }]);
    return c.json({ items: publicHolidays({ country, state, region }, year, c.var.locale) }, 200);
  });
