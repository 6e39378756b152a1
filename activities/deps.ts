import type { Db } from '../db/client';
import type { Outbox } from '../platform/outbox';
import type { SmsSender } from '../platform/sms';
import type { MessageService } from '../platform/messages';
import type { CertificateStore } from '../platform/certificates';

/** What activities may touch. Tests pass real ones (Postgres, SMTP) and fakes only at the edge. */
export interface ActivityDeps {
  db: Db;
  /** Every email goes through the outbox: enqueued once per key, sent at least once. */
  outbox: Outbox;
  sms: SmsSender;
  /** Email and SMS to people (platform/messages.ts): what bulk sends hand their recipients to. */
  messages?: MessageService;
  /** Organisations' signing certificates: a signed PDF also carries a PAdES signature when there is one. */
  certificates?: CertificateStore;
  /** Base URL of the web app, for links in emails and SMS. */
  publicUrl: string;
}
