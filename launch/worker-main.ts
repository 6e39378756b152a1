// `npm run worker`: the production worker process, configured by the environment.
import { certificateFolder } from '../platform/certificates';
import { loadEnv, twilioGatewayConfig } from '../platform/env';
import { createOutbox, startOutboxDispatcher } from '../platform/outbox';
import { cauceDataConverter } from '../platform/payload-codec';
import { createMessageService } from '../platform/messages';
import { createServices } from '../platform/services';
import { createSmsGateway } from '../platform/sms-gateway';
import { connectWorkerConnection } from '../platform/temporal';
import { createCauceWorker } from './worker';

const env = loadEnv();
if (!env.DATABASE_URL) {
  console.error('[cauce] DATABASE_URL is required for the worker (npm start sets it for you).');
  process.exit(1);
}
const services = createServices(env, env.DATABASE_URL);
const outbox = createOutbox({
  db: services.database.db,
  mailer: services.mailer,
  policy: {
    retryFirstMs: env.OUTBOX_RETRY_FIRST_SECONDS * 1000,
    retryMaxMs: env.OUTBOX_RETRY_MAX_SECONDS * 1000,
    expireAfterMs: env.OUTBOX_EXPIRE_AFTER_HOURS * 3_600_000,
  },
});
const connection = await connectWorkerConnection(env);
const worker = await createCauceWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  bundlePath: env.WORKFLOW_BUNDLE_PATH,
  maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  dataConverter: cauceDataConverter(env.PAYLOAD_ENCRYPTION_KEYS),
  deps: {
    db: services.database.db,
    outbox,
    sms: services.sms,
    messages: createMessageService({ db: services.database.db, outbox, sms: createSmsGateway(twilioGatewayConfig(env)), publicUrl: env.PUBLIC_URL }),
    certificates: certificateFolder(env.SIGNING_CERTIFICATES_DIR),
    publicUrl: env.PUBLIC_URL,
  },
});
// Emails whose first attempt failed, or whose sender died, leave from here.
const dispatcher = await startOutboxDispatcher(outbox, { sql: services.database.sql });
console.log(`[cauce] worker polling task queue "${env.TEMPORAL_TASK_QUEUE}" on ${env.TEMPORAL_ADDRESS}`);
if (!env.PAYLOAD_ENCRYPTION_KEYS) console.warn('[cauce] PAYLOAD_ENCRYPTION_KEYS is not set: workflow payloads reach Temporal unencrypted');
try {
  await worker.run();
} finally {
  await dispatcher.stop();
}
await connection.close();
await services.close();
