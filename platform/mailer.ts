// Mail leaves through SMTP, always: in development the SMTP server is the local capture server.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  organisationId?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; accepted: string[]; rejected: string[] }>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  // Pooled: reminders and notices to a whole unit reuse connections instead of one handshake per mail.
  const transport = nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 5 });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments,
        headers: mail.organisationId ? { 'X-Cauce-Organisation': mail.organisationId } : undefined,
      });
      return {
        messageId: info.messageId,
        accepted: (info.accepted as Array<string | { address: string }>).map((a) => (typeof a === 'string' ? a : a.address)),
        rejected: (info.rejected as Array<string | { address: string }>).map((a) => (typeof a === 'string' ? a : a.address)),
      };
    },
    close: () => transport.close(),
  };
}
