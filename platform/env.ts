// Configuration comes from the environment only, validated once at start-up: a bad variable
// names itself and the process exits, instead of failing later in a request.
import { z } from 'zod';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS } from '../db/client';
import { parsePayloadKeys } from './payload-codec';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** `VAR=` (empty, as docker-compose's `${VAR:-}` gives) means not set. */
const withoutEmpty = (source: unknown) =>
  Object.fromEntries(Object.entries(source as Record<string, unknown>).filter(([, v]) => v !== ''));

export const EnvSchema = z
  .preprocess(withoutEmpty, z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z.url().optional(),
    PG_PORT: z.coerce.number().int().default(54329),
    /** PostgreSQL's statement_timeout, and past it (+1 s) the client stops waiting: 503. */
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_STATEMENT_TIMEOUT_MS),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_CONNECT_TIMEOUT_MS),

    TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
    /** How long a request may wait on Temporal before it answers 503. */
    TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TASK_QUEUE: z.string().default('cauce'),
    TEMPORAL_API_KEY: z.string().optional(),
    TEMPORAL_TLS: bool.optional(),
    TEMPORAL_TLS_CERT_PATH: z.string().optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().optional(),
    TEMPORAL_TLS_CA_PATH: z.string().optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
    TEMPORAL_UI_URL: z.url().optional(),
    TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
    /** `npm start` runs its own dev server unless TEMPORAL_ADDRESS is set; this forces either way. */
    TEMPORAL_DEV_SERVER: bool.optional(),
    /** The API sits behind one reverse proxy that appends the client to X-Forwarded-For. */
    TRUST_PROXY: bool.optional(),
    /** `id:base64,…` (32-byte keys, the first encrypts): workflow payloads are encrypted with it. */
    PAYLOAD_ENCRYPTION_KEYS: z
      .string()
      .optional()
      .superRefine((spec, ctx) => {
        if (spec === undefined) return;
        try {
          parsePayloadKeys(spec);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),

    /** A folder with `<organisationId>.p12` and `<organisationId>.pass`: signed PDFs get a PAdES signature. */
    SIGNING_CERTIFICATES_DIR: z.string().optional(),

    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').default('smtp://127.0.0.1:1025'),
    SMTP_CAPTURE_PORT: z.coerce.number().int().default(1025),
    MAIL_FROM: z.string().default('Cauce <no-reply@cauce.local>'),
    /** Connection, greeting and socket timeout: a stalled server holds a sender this long at most. */
    SMTP_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
    /** Outbox retries after a temporary failure: first delay, doubling up to the maximum, until expiry. */
    OUTBOX_RETRY_FIRST_SECONDS: z.coerce.number().positive().default(15),
    OUTBOX_RETRY_MAX_SECONDS: z.coerce.number().positive().default(1800),
    OUTBOX_EXPIRE_AFTER_HOURS: z.coerce.number().positive().default(72),

    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().optional(),
    TWILIO_FROM: z.string().optional(),
    /** Twilio's REST base URL (default https://api.twilio.com): a local fake in tests, a regional edge. */
    TWILIO_API_URL: z.url().optional(),

    DEMO_SEED: bool.optional(),
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    /** Workflows kept in the worker's memory (~250 KB each, measured); others replay when needed. */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(2000),
  }))
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production' });
    if (!env.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production' });
    if (env.DEMO_SEED) ctx.addIssue({ code: 'custom', path: ['DEMO_SEED'], message: 'production refuses to seed demo data' });
    if (!env.PAYLOAD_ENCRYPTION_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['PAYLOAD_ENCRYPTION_KEYS'], message: 'is required in production (case notes must not reach Temporal in clear): k1:$(openssl rand -base64 32)' });
    }
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    TEMPORAL_UI_URL: env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`,
    DEMO_SEED: env.DEMO_SEED ?? env.NODE_ENV !== 'production',
    smsLive: Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM),
  }));

/** Twilio's settings for people's SMS (platform/sms-gateway.ts), or null: simulated. */
export function twilioGatewayConfig(env: Env) {
  return env.smsLive ? { accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, from: env.TWILIO_FROM!, apiUrl: env.TWILIO_API_URL } : null;
}

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  console.error(`[cauce] invalid environment:\n${lines.join('\n')}`);
  process.exit(1);
}
