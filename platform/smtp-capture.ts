// A real SMTP server on localhost that keeps every mail it receives in Postgres, so the mail
// Cauce sends in development and demo mode can be read by admins (and by tests).
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { capturedMails } from '../db/schema';
import type { Db } from '../db/client';

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

export interface SmtpCapture {
  port: number;
  stop(): Promise<void>;
}

export async function startSmtpCapture(db: Db, port: number, host = '127.0.0.1'): Promise<SmtpCapture> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    // RFC 2606's `.invalid` never exists: refusing it like a real server makes the 5xx path real in development.
    onRcptTo(address, _session, callback) {
      if (/\.invalid$/i.test(address.address)) {
        return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: domain does not exist`), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const headers: Record<string, string> = {};
          for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.key.length + 1).trim();
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          await db.insert(capturedMails).values({
            organisationId: (mail.headers.get('x-cauce-organisation') as string | undefined) ?? null,
            messageId: mail.messageId ?? null,
            from: addresses(mail.from)[0] ?? String(session.envelope.mailFrom && session.envelope.mailFrom.address),
            to: envelopeTo.length ? envelopeTo : addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? null,
            html: typeof mail.html === 'string' ? mail.html : null,
            headers,
            size: mail.text?.length ?? 0,
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size })),
          });
          callback();
        })
        .catch((err: Error) => {
          console.error('[smtp-capture] could not store a mail:', err.message);
          callback(new Error('mail could not be stored, try again'));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
