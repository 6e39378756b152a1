import { createRoute, z } from '@hono/zod-openapi';
import twilio from 'twilio';
import { createRouter } from '../context';
import { errors, jsonBody, noContent, ok, page, ZIdParam, ZPageQuery } from '../schemas';
import { currentUser, requirePermission } from '../middleware/session';
import { ApiError } from '../errors';
import { TWILIO_STATUS_CALLBACK_PATH } from '../../platform/messages';
import {
  balanceHistory,
  bulkProgress,
  bulkRecipients,
  cancelBulkMessage,
  changeBalance,
  createContactList,
  deleteContactList,
  deleteTemplate,
  listTemplates,
  saveTemplate,
  listContactLists,
  messagingSettingsFor,
  personMessages,
  previewBulk,
  sendDirectMessage,
  setContactListMembers,
  startBulkMessage,
  updateMessagingSettings,
} from '../services/messages';
import {
  ZBulkMessageRequest,
  ZBulkPreview,
  ZBulkPreviewRequest,
  ZBulkProgress,
  ZBulkRecipient,
  ZBulkStarted,
  ZContactList,
  ZContactListMembers,
  ZCreateContactList,
  ZMessage,
  ZMessageTemplate,
  ZMessageTemplateRequest,
  ZMessagingSettings,
  ZSendMessageRequest,
  ZSentMessage,
  ZSmsBalanceChange,
  ZSmsTopUp,
  ZTwilioStatusCallback,
  ZUpdateMessagingSettings,
} from './messages.schemas';

const tags = ['messages'];

// Mounted under /persons: a person file's messages.
const send = createRoute({
  method: 'post', path: '/{id}/messages', tags,
  description: 'Email or SMS to the person (to: one of their addresses, default the preferred one). 422 missing_email / missing_phone (details.contactsTab), sms_disabled, sms_balance_exhausted; 400 names an unknown {{placeholder}}',
  request: { params: ZIdParam, ...jsonBody(ZSendMessageRequest) },
  responses: { 201: ok(ZSentMessage, 'Recorded and handed over'), 400: errors[400], 401: errors[401], 404: errors[404], 422: errors[422], 503: errors[503] },
});
const list = createRoute({
  method: 'get', path: '/{id}/messages', tags,
  description: 'Every message sent to the person (direct, bulk, referrals, reminders), newest first, with its status changes',
  request: { params: ZIdParam, query: ZPageQuery },
  responses: { 200: ok(page(ZMessage)), 401: errors[401], 404: errors[404] },
});

export const personMessagesRoutes = createRouter()
  .openapi(send, async (c) => c.json(await sendDirectMessage(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(list, async (c) => {
    const { page: p, pageSize } = c.req.valid('query');
    return c.json(await personMessages(c.var.deps.db, currentUser(c), c.req.valid('param').id, p, pageSize), 200);
  });

// Mounted under /messages: bulk sends.
const preview = createRoute({
  method: 'post', path: '/bulk/preview', tags,
  description: 'Who a bulk send would reach, and who not and why (no email, invalid address, no mobile phone); sends nothing',
  request: jsonBody(ZBulkPreviewRequest.and(z.object({ body: z.string().max(5000).optional() }))),
  responses: { 200: ok(ZBulkPreview), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const startBulk = createRoute({
  method: 'post', path: '/bulk', tags,
  description: 'Starts the bulk-message-<id> workflow: each recipient gets their own message, throttled per organisation. 403 when personIds include another organisation’s persons',
  request: jsonBody(ZBulkMessageRequest),
  responses: { 202: ok(ZBulkStarted, 'Started'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422], 503: errors[503] },
});
const getBulk = createRoute({
  method: 'get', path: '/bulk/{id}', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(ZBulkProgress), 401: errors[401], 404: errors[404] },
});
const bulkReport = createRoute({
  method: 'get', path: '/bulk/{id}/recipients', tags,
  description: 'The per-recipient report: sent, failed (with the reason), excluded or not sent after a cancel',
  request: { params: ZIdParam, query: ZPageQuery },
  responses: { 200: ok(page(ZBulkRecipient)), 401: errors[401], 404: errors[404] },
});
const cancel = createRoute({
  method: 'post', path: '/bulk/{id}/cancel', tags,
  description: 'Stops what is not sent yet; says how many went. 409 when it has already finished',
  request: { params: ZIdParam },
  responses: {
    200: ok(z.object({ status: z.enum(['running', 'completed', 'cancelled']), sent: z.number().int(), failed: z.number().int(), notSent: z.number().int(), total: z.number().int() }).openapi('BulkMessageCancelled')),
    401: errors[401], 404: errors[404], 409: errors[409], 503: errors[503],
  },
});

export const messagesRoutes = createRouter()
  .openapi(preview, async (c) => c.json(await previewBulk(c.var.deps.db, currentUser(c), c.req.valid('json')), 200))
  .openapi(startBulk, async (c) => c.json(await startBulkMessage(c.var.deps, currentUser(c), c.req.valid('json')), 202))
  .openapi(getBulk, async (c) => c.json(await bulkProgress(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(bulkReport, async (c) => {
    const { page: p, pageSize } = c.req.valid('query');
    return c.json(await bulkRecipients(c.var.deps.db, currentUser(c), c.req.valid('param').id, p, pageSize), 200);
  })
  .openapi(cancel, async (c) => c.json(await cancelBulkMessage(c.var.deps, currentUser(c), c.req.valid('param').id), 200));

// Mounted under /messaging: the SMS module and throttles (admins change them), contact lists.
const getSettings = createRoute({ method: 'get', path: '/settings', tags, responses: { 200: ok(ZMessagingSettings), 401: errors[401] } });
const putSettings = createRoute({
  method: 'patch', path: '/settings', tags,
  description: 'Switch the SMS module on or off and set the bulk throttles (needs organisation.manage)',
  request: jsonBody(ZUpdateMessagingSettings),
  responses: { 200: ok(ZMessagingSettings), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const topUp = createRoute({
  method: 'post', path: '/sms/balance', tags,
  description: 'Adds (or, negative, removes) SMS segments to the balance (needs organisation.manage)',
  request: jsonBody(ZSmsTopUp),
  responses: { 200: ok(ZMessagingSettings), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const history = createRoute({
  method: 'get', path: '/sms/balance', tags,
  description: 'Balance history, newest first (needs organisation.manage)',
  request: { query: ZPageQuery },
  responses: { 200: ok(page(ZSmsBalanceChange)), 401: errors[401], 403: errors[403] },
});
const lists = createRoute({ method: 'get', path: '/contact-lists', tags, responses: { 200: ok(page(ZContactList)), 401: errors[401] } });
const createList = createRoute({
  method: 'post', path: '/contact-lists', tags,
  request: jsonBody(ZCreateContactList),
  responses: { 201: ok(ZContactList, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const putMembers = createRoute({
  method: 'put', path: '/contact-lists/{id}/members', tags,
  request: { params: ZIdParam, ...jsonBody(ZContactListMembers) },
  responses: { 200: ok(ZContactList), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const removeList = createRoute({
  method: 'delete', path: '/contact-lists/{id}', tags,
  request: { params: ZIdParam },
  responses: { 204: noContent, 401: errors[401], 404: errors[404] },
});

const templates = createRoute({ method: 'get', path: '/templates', tags, description: 'Texts kept for reuse', responses: { 200: ok(page(ZMessageTemplate)), 401: errors[401] } });
const createTemplate = createRoute({
  method: 'post', path: '/templates', tags,
  description: 'Needs organisation.manage; 400 names an unknown {{placeholder}}',
  request: jsonBody(ZMessageTemplateRequest),
  responses: { 201: ok(ZMessageTemplate, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const updateTemplate = createRoute({
  method: 'put', path: '/templates/{id}', tags,
  description: 'Needs organisation.manage',
  request: { params: ZIdParam, ...jsonBody(ZMessageTemplateRequest) },
  responses: { 200: ok(ZMessageTemplate), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const removeTemplate = createRoute({
  method: 'delete', path: '/templates/{id}', tags,
  description: 'Needs organisation.manage',
  request: { params: ZIdParam },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const messagingRoutes = createRouter()
  .openapi(templates, async (c) => c.json(await listTemplates(c.var.deps.db, currentUser(c)), 200))
  .openapi(createTemplate, async (c) => c.json(await saveTemplate(c.var.deps.db, requirePermission(c, 'organisation.manage'), c.req.valid('json')), 201))
  .openapi(updateTemplate, async (c) =>
    c.json(await saveTemplate(c.var.deps.db, requirePermission(c, 'organisation.manage'), c.req.valid('json'), c.req.valid('param').id), 200),
  )
  .openapi(removeTemplate, async (c) => {
    await deleteTemplate(c.var.deps.db, requirePermission(c, 'organisation.manage'), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(getSettings, async (c) => c.json(await messagingSettingsFor(c.var.deps, currentUser(c)), 200))
  .openapi(putSettings, async (c) => c.json(await updateMessagingSettings(c.var.deps, requirePermission(c, 'organisation.manage'), c.req.valid('json')), 200))
  .openapi(topUp, async (c) => c.json(await changeBalance(c.var.deps, requirePermission(c, 'organisation.manage'), c.req.valid('json').delta), 200))
  .openapi(history, async (c) => {
    const user = requirePermission(c, 'organisation.manage');
    const { page: p, pageSize } = c.req.valid('query');
    return c.json(await balanceHistory(c.var.deps.db, user, p, pageSize), 200);
  })
  .openapi(lists, async (c) => c.json(await listContactLists(c.var.deps.db, currentUser(c)), 200))
  .openapi(createList, async (c) => c.json(await createContactList(c.var.deps.db, currentUser(c), c.req.valid('json')), 201))
  .openapi(putMembers, async (c) => c.json(await setContactListMembers(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('json').personIds), 200))
  .openapi(removeList, async (c) => {
    await deleteContactList(c.var.deps.db, currentUser(c), c.req.valid('param').id);
    return c.body(null, 204);
  });

// Mounted under /webhooks, without a session: Twilio signs its callbacks instead.
const twilioStatus = createRoute({
  method: 'post', path: '/twilio/status', tags, security: [],
  description: 'Twilio’s SMS status callback, verified with X-Twilio-Signature (403 and no change without a valid one)',
  request: {
    headers: z.object({ 'x-twilio-signature': z.string().optional() }),
    body: { content: { 'application/x-www-form-urlencoded': { schema: ZTwilioStatusCallback } }, required: true },
  },
  responses: { 204: noContent, 400: errors[400], 403: errors[403] },
});

export const webhooksRoutes = createRouter({ public: true }).openapi(twilioStatus, async (c) => {
  const { deps } = c.var;
  const params = c.req.valid('form') as Record<string, string>;
  const signature = c.req.valid('header')['x-twilio-signature'] ?? '';
  const token = deps.messaging?.twilioAuthToken;
  // The URL Twilio was given (PUBLIC_URL), not the one a proxy passed on: that is what it signed.
  const url = `${deps.config.publicUrl}${TWILIO_STATUS_CALLBACK_PATH}`;
  if (!token || !signature || !twilio.validateRequest(token, signature, url, params)) {
    throw new ApiError(403, 'invalid_signature', 'errors.forbidden');
  }
  await deps.messaging!.service.applySmsStatus(params.MessageSid, params.MessageStatus, params.ErrorCode ?? null);
  return c.body(null, 204);
});
