import { index, jsonb, pgTable, text, integer } from 'drizzle-orm/pg-core';
import { id, createdAt } from './common';

/**
 * Mail received by the local capture SMTP server (development and demo mode): what Cauce
 * really sent over SMTP, so admins and tests can read it. organisation_id comes from the
 * X-Cauce-Organisation header our mailer sets.
 */
export const capturedMails = pgTable(
  'captured_mails',
  {
    id: id(),
    organisationId: text('organisation_id'),
    messageId: text('message_id'),
    from: text('from_address').notNull(),
    to: text('to_addresses').array().notNull(),
    subject: text('subject').notNull().default(''),
    text: text('text_body'),
    html: text('html_body'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    size: integer('size').notNull().default(0),
    /** What files the mail carried (names, types, sizes): enough to check a PDF was attached. */
    attachments: jsonb('attachments').$type<Array<{ filename: string; contentType: string; size: number }>>().notNull().default([]),
    receivedAt: createdAt(),
  },
  (t) => [index('captured_mails_org_idx').on(t.organisationId, t.receivedAt)],
);

export type SmsStatus = 'simulated' | 'queued' | 'sent' | 'delivered' | 'failed';

/** Every SMS the platform sends; `simulated` when no Twilio account is configured. */
export const smsLog = pgTable(
  'sms_log',
  {
    id: id(),
    organisationId: text('organisation_id'),
    to: text('to_number').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<SmsStatus>().notNull(),
    providerId: text('provider_id'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('sms_log_org_idx').on(t.organisationId, t.createdAt)],
);
