// Appointments of the CPI (appuntamenti): booked for oneself or a colleague of the same CPI, a
// reminder to the worker one working day before, outcome asked for after the slot.
import { createRoute } from '@hono/zod-openapi';
import { createCpiWorkspaceRouter } from '../middleware/cpi-access';
import { currentUser } from '../middleware/session';
import { errors, jsonBody, ok, page, ZIdParam } from '../schemas';
import { cancelAppointment, createAppointment, getAppointment, listAppointments, recordAppointmentOutcome, rescheduleAppointment } from '../services/appointments';
import {
  ZAppointment,
  ZAppointmentDetail,
  ZAppointmentListQuery,
  ZAppointmentOutcomeRequest,
  ZAppointmentUpdateResult,
  ZCancelAppointmentRequest,
  ZCreateAppointmentRequest,
  ZRescheduleAppointmentRequest,
} from './appointments.schemas';

const tags = ['appointments'];
const who = 'Staff (admin, supervisor, professional) of a CPI organisation, accredited unless admin (403 not_accredited); anyone else 403 (not_cpi_staff).';
const changeErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] };

const create = createRoute({
  method: 'post', path: '/', tags,
  description: `${who} Books an appointment for the caller or a colleague of the same CPI (another's operator → 404 operator_not_found). 422 worker_excluded when the worker's latest verification is renounced or excluded_employed (the message says why and since when); 422 appointment_in_past.`,
  request: jsonBody(ZCreateAppointmentRequest),
  responses: { 201: ok(ZAppointment.pick({ id: true }), 'Booked'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422] },
});
const list = createRoute({
  method: 'get', path: '/', tags,
  description: `${who} With date: that day's appointments of the CPI (its time zone), oldest first ("today's appointments"); without: the archive of all the CPI's appointments, newest first. Filters combine.`,
  request: { query: ZAppointmentListQuery },
  responses: { 200: ok(page(ZAppointment)), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags, description: `${who} With its history.`,
  request: { params: ZIdParam },
  responses: { 200: ok(ZAppointmentDetail), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const cancel = createRoute({
  method: 'post', path: '/{id}/cancel', tags, description: `${who} Cancels with a reason; the reminder is not sent. 409 appointment_finished once attended, no-show or cancelled.`,
  request: { params: ZIdParam, ...jsonBody(ZCancelAppointmentRequest) },
  responses: { 200: ok(ZAppointmentUpdateResult), ...changeErrors },
});
const reschedule = createRoute({
  method: 'post', path: '/{id}/reschedule', tags, description: `${who} Moves the slot (and optionally hands it to a colleague); the reminder moves with it. 409 appointment_finished.`,
  request: { params: ZIdParam, ...jsonBody(ZRescheduleAppointmentRequest) },
  responses: { 200: ok(ZAppointmentUpdateResult), ...changeErrors },
});
const outcome = createRoute({
  method: 'post', path: '/{id}/outcome', tags, description: `${who} attended or no_show, from the appointment's day on (409 appointment_not_started before; 409 appointment_finished once recorded or cancelled).`,
  request: { params: ZIdParam, ...jsonBody(ZAppointmentOutcomeRequest) },
  responses: { 200: ok(ZAppointmentUpdateResult), ...changeErrors },
});

const cpiOnly = createCpiWorkspaceRouter();

export const appointmentsRoutes = cpiOnly
  .openapi(create, async (c) => c.json(await createAppointment(c.var.deps, currentUser(c), c.req.valid('json')), 201))
  .openapi(list, async (c) => c.json(await listAppointments(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getAppointment(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(cancel, async (c) => c.json(await cancelAppointment(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(reschedule, async (c) => c.json(await rescheduleAppointment(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(outcome, async (c) => c.json(await recordAppointmentOutcome(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200));
