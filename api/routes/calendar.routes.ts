// The caller's calendar: follow-ups of every kind of case now, appointments later (same item shape with another type).
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, ok } from '../schemas';
import { calendarOfDays } from '../services/calendar';
import { ZCalendarItem, ZCalendarQuery } from './interventions.schemas';

const get = createRoute({
  method: 'get', path: '/', tags: ['calendar'],
  description: 'The caller’s follow-ups due between from and to (days in the organisation’s time zone), with overdue flags',
  request: { query: ZCalendarQuery },
  responses: { 200: ok(z.object({ items: z.array(ZCalendarItem) }).openapi('Calendar')), 400: errors[400], 401: errors[401] },
});

export const calendarRoutes = createRouter().openapi(get, async (c) => {
  const { from, to } = c.req.valid('query');
  return c.json(await calendarOfDays(c.var.deps.db, currentUser(c), from, to), 200);
});
