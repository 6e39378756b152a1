// Twilio's Messages REST API as a local HTTP server: the outer edge of SMS, faked like the SMTP
// servers are. It keeps what it was asked to send, and can sign status callbacks as Twilio does.
import { createServer, type IncomingMessage } from 'node:http';
import twilio from 'twilio';

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
  dateCreated: Date;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  sent: FakeTwilioMessage[];
  /** Answers the next sends with this HTTP status and Twilio error (e.g. 400 / 21211 invalid number). */
  refuseNext(status: number, code: number, message: string): void;
  /** The X-Twilio-Signature Twilio would send for a callback to `url` with `params`. */
  sign(url: string, params: Record<string, string>): string;
  stop(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const json = (m: FakeTwilioMessage, accountSid: string) => ({
  sid: m.sid,
  account_sid: accountSid,
  to: m.to,
  from: m.from,
  body: m.body,
  status: 'queued',
  num_segments: '1',
  date_created: m.dateCreated.toUTCString(),
  date_sent: m.dateCreated.toUTCString(),
  date_updated: m.dateCreated.toUTCString(),
  uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
});

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${'0'.repeat(24)}${Math.random().toString(16).slice(2, 10)}`;
  const authToken = 'fake-twilio-auth-token';
  const sent: FakeTwilioMessage[] = [];
  let refusal: { status: number; code: number; message: string } | null = null;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && path === `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      const form = await readForm(req);
      if (refusal) {
        const r = refusal;
        refusal = null;
        res.statusCode = r.status;
        return res.end(JSON.stringify({ code: r.code, message: r.message, status: r.status, more_info: '' }));
      }
      const message: FakeTwilioMessage = {
        sid: `SM${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`,
        to: form.get('To') ?? '',
        from: form.get('From') ?? '',
        body: form.get('Body') ?? '',
        statusCallback: form.get('StatusCallback') ?? undefined,
        dateCreated: new Date(),
      };
      sent.push(message);
      res.statusCode = 201;
      return res.end(JSON.stringify(json(message, accountSid)));
    }
    if (req.method === 'GET' && path === `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const to = query.get('To');
      const items = sent.filter((m) => !to || m.to === to).map((m) => json(m, accountSid));
      return res.end(JSON.stringify({ messages: items, next_page_uri: null, page: 0, page_size: 50, uri: path }));
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    from: '+34910000000',
    sent,
    refuseNext: (status, code, message) => (refusal = { status, code, message }),
    sign: (url, params) => twilio.getExpectedTwilioSignature(authToken, url, params),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
