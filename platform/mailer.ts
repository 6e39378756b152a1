// Mail leaves through SMTP, always: in development the SMTP server is the local capture server.
// Only the outbox (platform/outbox.ts) calls this; activities enqueue instead of sending.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  organisationId?: string;
  /** Set by the outbox so that every attempt of one message carries the same Message-ID. */
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The server's final reply, e.g. `250 OK: queued as …`. */
  response: string;
}

export interface Mailer {
  /** The From address, e.g. `Cauce <no-reply@cauce.local>`. */
  readonly from: string;
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  /**
   * Connection, greeting and socket inactivity limit. Short, so a stalled server costs an
   * activity seconds, not nodemailer's default minutes; the outbox retries later.
   */
  timeoutMs?: number;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;

export function createMailer(options: MailerOptions): Mailer {
  const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  // Pooled: reminders and notices to a whole unit reuse connections instead of one handshake per mail.
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
  const addresses = (list: unknown) => ((list ?? []) as Array<string | { address: string }>).map((a) => (typeof a === 'string' ? a : a.address));
  return {
    from: options.from,
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments,
        headers: mail.organisationId ? { 'X-Cauce-Organisation': mail.organisationId } : undefined,
      });
      return { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected), response: String(info.response ?? '') };
    },
    close: () => transport.close(),
  };
}

export interface SmtpFailure {
  /** permanent: the server refused this message for good (5xx); temporary: try again later. */
  kind: 'temporary' | 'permanent';
  responseCode: number | null;
  /** The server's reply, or the error's message when no reply came. */
  response: string;
  errorCode: string | null;
}

/** Codes that say our own configuration is wrong: retried, since an admin can fix them in time. */
const CONFIGURATION_ERRORS = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'ETLS', 'EREQUIRETLS']);

/**
 * Sorts a failed send by RFC 5321's reply classes: 5xx is final (nodemailer's `permanent`, which
 * already treats 503 as a session problem), 4xx, timeouts and lost connections are worth retrying.
 */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = err as { code?: string; responseCode?: number; response?: string; permanent?: boolean; message?: string };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const errorCode = typeof e.code === 'string' ? e.code : null;
  const permanent = e.permanent === true && !(errorCode && CONFIGURATION_ERRORS.has(errorCode));
  return {
    kind: permanent ? 'permanent' : 'temporary',
    responseCode,
    response: (e.response ?? e.message ?? String(err)).slice(0, 2000),
    errorCode,
  };
}

/** The three-digit code at the start of an SMTP reply (`250 OK` → 250). */
export function replyCode(response: string): number | null {
  const m = /^(\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}
