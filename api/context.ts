import { OpenAPIHono } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Db } from '../db/client';
import type { MessageService } from '../platform/messages';
import type { Outbox } from '../platform/outbox';
import type { Locale } from '../domain/i18n';
import type { Permission } from '../domain/permissions';
import { unauthenticated, validationFailed } from './errors';
import type { PersonDependent } from './services/person-dependents';

export interface AppConfig {
  publicUrl: string;
  temporalUiUrl: string;
  temporalNamespace: string;
  taskQueue: string;
  production: boolean;
  smsLive: boolean;
  /** Whether the local SMTP capture is in use (its mails are viewable by admins). */
  mailCapture: boolean;
  /** Behind one reverse proxy: the client is the address it appended to X-Forwarded-For. */
  trustProxy?: boolean;
  /** How long a request may wait on Temporal before answering 503 (api/middleware/temporal-deadline.ts). */
  temporalCallTimeoutMs?: number;
}

export interface AppDeps {
  db: Db;
  temporal: Client;
  config: AppConfig;
  /** The codec the Temporal client encrypts payloads with; the Temporal UI decodes through it. */
  payloadCodec?: PayloadCodec;
  /** Email and SMS to people (platform/messages.ts); without it the message routes answer 503. */
  messaging?: { service: MessageService; twilioAuthToken?: string };
  /** Emails the API itself sends to staff (password-reset links); the worker's dispatcher delivers them. */
  outbox?: Outbox;
  /** Per request: the caller's Idempotency-Key, from which the change's ids and Update IDs derive. */
  requestKey?: RequestKey;
}

export interface RequestKey {
  /** Whose key it is (the user): two users' keys never meet. */
  scope: string;
  key: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organisationId: string;
  organisationName: string;
  /** The organisation's IANA time zone: dates in messages are its local dates. */
  organisationTimezone: string;
  /** The organisation's language: the UI's choice when the user's own is not one it speaks. */
  organisationLocale: string;
  locale: string;
  /** Whether `locale` was chosen (profile, switcher, invitation); until then the UI keeps the browser's pick. */
  localeChosen: boolean;
  permissions: Permission[];
  sessionId: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    locale: Locale;
    user: SessionUser | null;
    /** What deleting a person removes, listed where the app is built (api/app.ts). */
    personDependents: readonly PersonDependent[];
  };
}

/**
 * Every sub-app is made here, so validation errors take the contract's shape everywhere.
 * Routes need a session unless the router is made `public` (login, health, invitation links).
 */
export function createRouter(options: { public?: boolean } = {}) {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(result.error);
    },
  });
  if (!options.public) {
    router.use('*', async (c, next) => {
      if (!c.var.user) throw unauthenticated();
      await next();
    });
  }
  return router;
}
