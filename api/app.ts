// The Hono application: one sub-app per resource under /api, the contract's error shape,
// OpenAPI 3.1 generated from the zod schemas, and (optionally) the built Vue app.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { negotiateLocale, t } from '../domain/i18n';
import { createRouter, type AppDeps, type AppEnv } from './context';
import { errorBody, toErrorResponse } from './errors';
import { documentEdgeErrors } from './schemas';
import { crossOriginProtection } from './middleware/cross-origin';
import { housekeeping } from './middleware/housekeeping';
import { idempotency, purgeIdempotencyKeys } from './middleware/idempotency';
import { bodyLimits, rejectUnstorableText } from './middleware/input';
import { documentRootMiddleware } from './middleware/root-documentation';
import { temporalDeadline } from './middleware/temporal-deadline';
import { loadSession } from './middleware/session';
import { assessmentsPersonDependent } from './services/assessments';
import { interventionsPersonDependent } from './services/interventions';
import { messagesPersonDependent } from './services/messages';
import { purgeLoginThrottles } from './services/login-throttle';
import type { PersonDependent } from './services/person-dependents';
import { personContactDependents } from './services/persons';
import { referralsPersonDependent } from './services/referrals';
import { accreditationsRoutes } from './routes/accreditations.routes';
import { personCvRoutes, professionalCardsRoutes } from './routes/cv.routes';
import { cvPersonDependent } from './services/cv';
import { appointmentsPersonDependent, priorityListsPersonDependent } from './services/appointments';
import { skillsAssessmentsPersonDependent } from './services/skills-assessments';
import { assessmentsRoutes } from './routes/assessments.routes';
import { authRoutes } from './routes/auth.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { interventionsRoutes } from './routes/interventions.routes';
import { jobOfferSharesRoutes, jobOffersRoutes } from './routes/job-offers.routes';
import { sepeRoutes } from './routes/sepe.routes';
import { candidateSearchRoutes } from './routes/candidate-search.routes';
import { jobOffersPersonDependent } from './services/job-offers';
import { invitationsRoutes } from './routes/invitations.routes';
import { mailRoutes } from './routes/mail.routes';
import { messagesRoutes, messagingRoutes, personMessagesRoutes, webhooksRoutes } from './routes/messages.routes';
import { needsRoutes } from './routes/needs.routes';
import { notificationsRoutes } from './routes/notifications.routes';
import { organisationRoutes } from './routes/organisation.routes';
import { partnersRoutes } from './routes/partners.routes';
import { permissionsRoutes } from './routes/permissions.routes';
import { personsRoutes } from './routes/persons.routes';
import { priorityListsRoutes } from './routes/priority-lists.routes';
import { appointmentsRoutes } from './routes/appointments.routes';
import { resourcesRoutes } from './routes/resources.routes';
import { interventionReferralsRoutes, referralAnswersRoutes, referralsRoutes } from './routes/referrals.routes';
import { systemRoutes } from './routes/system.routes';
import { profileRoutes } from './routes/profile.routes';
import { usersRoutes } from './routes/users.routes';
import { signatureTrayRoutes } from './routes/signature-tray.routes';
import { skillsAssessmentsRoutes, trainingCatalogueRoutes } from './routes/skills-assessments.routes';
import { unitsRoutes } from './routes/units.routes';
import { ventanillaRoutes } from './routes/ventanilla.routes';
import { verifyRoutes } from './routes/verify.routes';
import { CODEC_PATH, temporalCodecRoutes } from './routes/temporal-codec.routes';

/** Routes under /api, chained so their types reach the UI's `hc<ApiType>` client. */
export const apiRoutes = createRouter({ public: true })
  .route('/', systemRoutes)
  .route('/auth', authRoutes)
  .route('/invitations', invitationsRoutes)
  .route('/users', usersRoutes)
  .route('/profile', profileRoutes)
  .route('/permission-rules', permissionsRoutes)
  .route('/organisation', organisationRoutes)
  .route('/persons', personsRoutes)
  .route('/admin', mailRoutes)
  .route('/notifications', notificationsRoutes)
  .route('/needs', needsRoutes)
  .route('/resources', resourcesRoutes)
  .route('/persons', assessmentsRoutes)
  .route('/persons', personMessagesRoutes)
  .route('/persons', personCvRoutes)
  .route('/professional-cards', professionalCardsRoutes)
  .route('/messages', messagesRoutes)
  .route('/messaging', messagingRoutes)
  .route('/webhooks', webhooksRoutes)
  .route('/interventions', interventionsRoutes)
  .route('/interventions', interventionReferralsRoutes)
  .route('/referrals', referralsRoutes)
  .route('/referral-answers', referralAnswersRoutes)
  .route('/accreditations', accreditationsRoutes)
  .route('/skills-assessments', skillsAssessmentsRoutes)
  .route('/training-catalogue', trainingCatalogueRoutes)
  .route('/calendar', calendarRoutes)
  .route('/partners', partnersRoutes)
  .route('/units', unitsRoutes)
  .route('/ventanilla', ventanillaRoutes)
  .route('/signature-tray', signatureTrayRoutes)
  .route('/verify', verifyRoutes)
  .route('/temporal-codec', temporalCodecRoutes)
  .route('/priority-lists', priorityListsRoutes)
  .route('/appointments', appointmentsRoutes)
  .route('/job-offers', jobOffersRoutes)
  .route('/job-offers', candidateSearchRoutes)
  .route('/public/shares', jobOfferSharesRoutes)
  .route('/sepe', sepeRoutes);

export type ApiType = typeof apiRoutes;

/**
 * What deleting a person removes, in order; removal runs last to first, so cases go before the
 * assessments that opened them. A new module that links records to persons adds its own here.
 */
export const personDependents: readonly PersonDependent[] = [...personContactDependents, assessmentsPersonDependent, interventionsPersonDependent, referralsPersonDependent, appointmentsPersonDependent, priorityListsPersonDependent, skillsAssessmentsPersonDependent, jobOffersPersonDependent, messagesPersonDependent, cvPersonDependent];

const DOCS_ASSETS = '/api/docs/assets';
const swaggerUiDist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export interface CreateAppOptions {
  /** Folder of the built Vue app to serve at /, with SPA fallback. */
  uiDir?: string;
  /** Serve the app as a bare static server would (no compression, no cache headers): the first-load bench's baseline. */
  plainStatic?: boolean;
}

/** Built assets carry their content's hash in their name: a browser may keep them for a year. */
const immutableAssets: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
};

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('personDependents', personDependents);
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    await next();
  });
  // JSON answers of more than 1 KB travel gzipped (lists, the OpenAPI document): hono's own middleware.
  if (!options.plainStatic) app.use('/api/*', compress());
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  app.use(
    `${CODEC_PATH}/*`,
    cors({
      origin: (origin) => (temporalUiOrigin(origin, deps.config) ? origin : null),
      credentials: true,
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'X-Namespace', 'Authorization'],
      maxAge: 600,
    }),
  );
  // Sizes before any body is read and before authentication: nobody makes us read 2 GB.
  app.use('/api/*', bodyLimits({ codecPath: CODEC_PATH }));
  app.use(
    '/api/*',
    crossOriginProtection(
      (origin) => sameOrigin(origin, deps.config),
      (path) => path.startsWith(`${CODEC_PATH}/`),
    ),
  );
  app.use('/api/*', loadSession);
  app.use('/api/*', temporalDeadline);
  // Every route's input, before its own validation: nothing PostgreSQL cannot store gets through.
  app.use('/api/*', rejectUnstorableText);
  app.use('/api/*', idempotency({ exempt: idempotencyExempt }));
  app.use('/api/*', housekeeping([purgeIdempotencyKeys, purgeLoginThrottles]));
  app.onError((err, c) => toErrorResponse(err, c));

  app.route('/api', apiRoutes);
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'cauce_session' });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Cauce API',
      version: '1.0.0',
      description: 'Case management for public social and employment services. Errors: {"error":{"code","message","details"}}.',
    },
    security: [{ session: [] }],
  };
  app.get('/api/openapi.json', (c) => c.json(documentRootMiddleware(documentEdgeErrors(app.getOpenAPI31Document(documentConfig)), { idempotencyExempt })));
  // Swagger UI's own files are served from the package, not a CDN: the docs work offline too.
  app.use(
    `${DOCS_ASSETS}/swagger-ui-dist/*`,
    serveStatic({ root: swaggerUiDist, rewriteRequestPath: (path) => path.slice(`${DOCS_ASSETS}/swagger-ui-dist`.length) }),
  );
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json', title: 'Cauce API', baseUrl: DOCS_ASSETS }));
  app.all('/api/*', (c) => c.json(errorBody(c.var.locale, 'not_found', t(c.var.locale, 'errors.not_found')), 404));

  if (options.uiDir) {
    const uiDir = options.uiDir;
    const plain = options.plainStatic ?? false;
    if (!plain) app.use('/assets/*', immutableAssets);
    // The build writes .br and .gz beside each asset (ui/vite.config.ts): served by Accept-Encoding.
    app.use('/*', serveStatic({ root: uiDir, precompressed: !plain }));
    // A missing asset (an old tab asking for a chunk of the previous build) is a 404, not the app's page.
    app.get('/assets/*', (c) => c.text('Not found', 404));
    // Read at each navigation (it is small): a rebuilt app is served without restarting the API.
    app.get('*', (c) => {
      const index = join(uiDir, 'index.html');
      if (!existsSync(index)) return c.text('The web app is not built yet: run `npm run build:ui`.', 503);
      // Always revalidated: it names the current hashed assets.
      if (!plain) c.header('Cache-Control', 'no-cache');
      return c.html(readFileSync(index, 'utf8'));
    });
  }
  return app;
}

/** Login and logout answer with the session cookie, and the codec changes nothing: no stored answers. */
const idempotencyExempt = (path: string) => path.startsWith('/api/auth/') || path.startsWith(`${CODEC_PATH}/`) || path === CODEC_PATH;

/** The Temporal Web UI's origin (in development, reached as localhost or 127.0.0.1). */
function temporalUiOrigin(origin: string, config: AppDeps['config']): boolean {
  try {
    const o = new URL(origin);
    const ui = new URL(config.temporalUiUrl);
    if (o.origin === ui.origin) return true;
    const loopback = (h: string) => h === 'localhost' || h === '127.0.0.1';
    return !config.production && loopback(o.hostname) && loopback(ui.hostname) && o.port === ui.port;
  } catch {
    return false;
  }
}

/** The app's own origin; in development also the Vite dev server on localhost. */
function sameOrigin(origin: string, config: AppDeps['config']): boolean {
  try {
    const o = new URL(origin);
    if (o.host === new URL(config.publicUrl).host) return true;
    return !config.production && (o.hostname === 'localhost' || o.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}
