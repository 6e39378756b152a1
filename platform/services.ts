// Builds the long-lived dependencies from the environment: one place, used by the API process,
// the worker process and the all-in-one dev launcher.
import { connectDatabase, type Database } from '../db/client';
import type { Env } from './env';
import { createMailer, type Mailer } from './mailer';
import { createSmsSender, type SmsSender } from './sms';

export interface Services {
  database: Database;
  mailer: Mailer;
  sms: SmsSender;
  close(): Promise<void>;
}

export function createServices(env: Env, databaseUrl: string): Services {
  const database = connectDatabase(databaseUrl, { statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, timeoutMs: env.SMTP_TIMEOUT_SECONDS * 1000 });
  const sms = createSmsSender(
    database.db,
    env.smsLive ? { accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, from: env.TWILIO_FROM! } : null,
  );
  return {
    database,
    mailer,
    sms,
    async close() {
      mailer.close();
      await database.close();
    },
  };
}
