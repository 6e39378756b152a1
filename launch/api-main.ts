// `npm run api`: the API process serving the built Vue app, configured by the environment.
import { serve } from '@hono/node-server';
import { connectDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { loadEnv, twilioGatewayConfig } from '../platform/env';
import { createMailer } from '../platform/mailer';
import { createMessageService } from '../platform/messages';
import { createOutbox } from '../platform/outbox';
import { createSmsGateway } from '../platform/sms-gateway';
import { cauceDataConverter } from '../platform/payload-codec';
import { uiDistDir } from '../platform/paths';
import { connectTemporalClient, registerSearchAttributes } from '../platform/temporal';
import { createApp } from '../api/app';

const env = loadEnv();
if (!env.DATABASE_URL) {
  console.error('[cauce] DATABASE_URL is required for the API (npm start sets it for you).');
  process.exit(1);
}
const database = connectDatabase(env.DATABASE_URL, { statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
await migrateDatabase(database);
const temporal = await connectTemporalClient(env);
await registerSearchAttributes(temporal, env.TEMPORAL_NAMESPACE);

// Direct messages and password-reset links leave from here; the worker's outbox dispatcher retries what failed.
const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, timeoutMs: env.SMTP_TIMEOUT_SECONDS * 1000 });
const outbox = createOutbox({
  db: database.db,
  mailer,
  policy: { retryFirstMs: env.OUTBOX_RETRY_FIRST_SECONDS * 1000, retryMaxMs: env.OUTBOX_RETRY_MAX_SECONDS * 1000, expireAfterMs: env.OUTBOX_EXPIRE_AFTER_HOURS * 3_600_000 },
});
const messaging = {
  service: createMessageService({ db: database.db, outbox, sms: createSmsGateway(twilioGatewayConfig(env)), publicUrl: env.PUBLIC_URL }),
  twilioAuthToken: env.TWILIO_AUTH_TOKEN,
};

const app = createApp(
  {
    db: database.db,
    temporal,
    messaging,
    outbox,
    payloadCodec: cauceDataConverter(env.PAYLOAD_ENCRYPTION_KEYS)?.payloadCodecs?.[0],
    config: {
      publicUrl: env.PUBLIC_URL,
      temporalUiUrl: env.TEMPORAL_UI_URL,
      temporalNamespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      production: env.NODE_ENV === 'production',
      smsLive: env.smsLive,
      mailCapture: env.NODE_ENV !== 'production',
      trustProxy: env.TRUST_PROXY ?? false,
      temporalCallTimeoutMs: env.TEMPORAL_CALL_TIMEOUT_MS,
    },
  },
  { uiDir: uiDistDir },
);

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: '0.0.0.0' }, (info) => {
  console.log(`[cauce] API on http://localhost:${info.port}`);
});

const stop = async () => {
  server.close();
  mailer.close();
  await temporal.connection.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
