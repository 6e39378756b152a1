// SMTP servers that misbehave on purpose (greylisting, refusing, stalling), for outbox tests:
// the fake is the outside world's mail server, as real SMTP on a local port.
import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

export interface TestSmtp {
  url: string;
  /** Every mail the server accepted, in order. */
  received: ReceivedMail[];
  /** How many times each recipient was offered (RCPT TO), accepted or not. */
  offers: Map<string, number>;
  stop(): Promise<void>;
}

/** Answer for a recipient: nothing to accept it, or an SMTP reply code and text to refuse it. */
export type RcptAnswer = undefined | { code: number; message: string };

export async function startTestSmtp(answer: (to: string, offer: number) => RcptAnswer = () => undefined): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const offers = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const offer = (offers.get(address.address) ?? 0) + 1;
      offers.set(address.address, offer);
      const refusal = answer(address.address, offer);
      if (!refusal) return callback();
      const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(err);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    offers,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A server that accepts connections and never says a word: what a hung SMTP relay looks like. */
export async function startSilentSmtp(): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
