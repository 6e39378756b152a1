// The caller's calendar: follow-ups now, appointments later (same item shape with another type).
import { createRoute, z } from '@hono/zod-openapi';
import { addCalendarDays, fromLocal, isoDate, toLocal } from '../../domain/working-days';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { errors, ok } from '../schemas';
import { calendar } from '../services/calendar';
import { ZCalendarItem, ZCalendarQuery } from './interventions.schemas';

const get = createRoute({
  method: 'get', path: '/', tags: ['calendar'],
  description: 'The caller’s follow-ups due between from and to (days in the organisation’s time zone), with overdue flags',
  request: { query: ZCalendarQuery },
  responses: { 200: ok(z.object({ items: z.array(ZCalendarItem) }).openapi('Calendar')), 400: errors[400], 401: errors[401] },
});

const day = (date: string) => {
  const [year, month, d] = date.split('-').map(Number);
  return { year, month, day: d, hour: 0, minute: 0, second: 0 };
};

export const calendarRoutes = createRouter().openapi(get, async (c) => {
  const user = currentUser(c);
  const { db } = c.var.deps;
  const tz = user.organisationTimezone;
  const { from: fromValue, to: toValue } = c.req.valid('query');
  // A date-time is an instant as given; a day runs from its start to its end in the organisation's zone.
  const isInstant = (v: string) => v.includes('T');
  const from = fromValue && isInstant(fromValue) ? new Date(fromValue) : fromLocal(day(fromValue ?? isoDate(toLocal(new Date(), tz))), tz);
  const to = !toValue
    ? new Date(addCalendarDays(from, 32, tz).getTime() - 1)
    : isInstant(toValue)
      ? new Date(toValue)
      : new Date(addCalendarDays(fromLocal(day(toValue), tz), 1, tz).getTime() - 1);
  return c.json(await calendar(db, user, from, to), 200);
});
