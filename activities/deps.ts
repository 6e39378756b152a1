import type { Db } from '../db/client';
import type { Mailer } from '../platform/mailer';
import type { SmsSender } from '../platform/sms';

/** What activities may touch. Tests pass real ones (Postgres, SMTP) and fakes only at the edge. */
export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  sms: SmsSender;
  /** Base URL of the web app, for links in emails and SMS. */
  publicUrl: string;
}
