import { createRoute, z } from '@hono/zod-openapi';
import { locales } from '../../domain/i18n';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, jsonBody, noContent, ok } from '../schemas';
import { PASSWORD_MIN_LENGTH } from '../services/invitations';
import { changePassword, getProfile, updateProfile } from '../services/profile';

const tags = ['profile'];

const ZProfile = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(locales).or(z.string()),
    jobTitle: z.string().nullable(),
    emailNotifications: z.boolean(),
    organisationName: z.string(),
  })
  .openapi('Profile');

const ZProfileChange = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    locale: z.enum(locales).optional().openapi({ description: 'The language of the app, emails and PDFs for this user' }),
    jobTitle: z.string().trim().max(120).nullable().optional().openapi({ description: 'Printed under the user’s signature; null for none', example: 'Jefa de servicio' }),
    emailNotifications: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Say what to change' })
  .openapi('ProfileChange');

const get = createRoute({ method: 'get', path: '/', tags, responses: { 200: ok(ZProfile), 401: errors[401] } });
const update = createRoute({
  method: 'patch', path: '/', tags,
  request: jsonBody(ZProfileChange),
  responses: { 200: ok(ZProfile), 400: errors[400], 401: errors[401] },
});
const password = createRoute({
  method: 'post', path: '/password', tags,
  summary: 'Changes the password (the current one is asked) and ends every other session',
  request: jsonBody(
    z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200) }).openapi('PasswordChange'),
  ),
  responses: { 204: noContent, 400: errors[400], 401: errors[401] },
});

export const profileRoutes = createRouter()
  .openapi(get, async (c) => c.json(await getProfile(c.var.deps.db, currentUser(c)), 200))
  .openapi(update, async (c) => {
    const change = c.req.valid('json');
    return c.json(await updateProfile(c.var.deps.db, currentUser(c), { ...change, jobTitle: change.jobTitle === '' ? null : change.jobTitle }), 200);
  })
  .openapi(password, async (c) => {
    const body = c.req.valid('json');
    await changePassword(c.var.deps.db, currentUser(c), body.currentPassword, body.newPassword);
    return c.body(null, 204);
  });
