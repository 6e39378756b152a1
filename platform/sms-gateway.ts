// The SMS provider behind the message service: Twilio when TWILIO_* is set (TWILIO_API_URL points
// the client at another base URL, e.g. a local fake in tests), otherwise a simulated gateway whose
// messages are labelled `simulated` in the person's file instead of pretending they left.
import twilio from 'twilio';

export interface SmsHandover {
  /** Twilio's SID (SM…), or a local one for simulated messages. */
  sid: string;
  /** Twilio's status at acceptance (queued, sent…), or `simulated`. */
  status: string;
}

/** The provider refused this message for good (Twilio 4xx: invalid number, blocked…). */
export class SmsRefused extends Error {
  constructor(
    message: string,
    readonly code: string | number | null,
  ) {
    super(message);
  }
}

export interface SmsGateway {
  readonly live: boolean;
  send(sms: { to: string; body: string; statusCallback?: string }): Promise<SmsHandover>;
  /** A message with this body sent to `to` since `since`: how a retry after an unknown outcome finds the first try. */
  findSent(sms: { to: string; body: string; since: Date }): Promise<SmsHandover | null>;
}

export interface TwilioGatewayConfig {
  accountSid: string;
  authToken: string;
  from: string;
  /** Base URL of Twilio's REST API (default https://api.twilio.com). */
  apiUrl?: string;
}

export function createSmsGateway(config: TwilioGatewayConfig | null): SmsGateway {
  if (!config) return simulatedSmsGateway();
  const client = twilio(config.accountSid, config.authToken);
  if (config.apiUrl) client.api.baseUrl = config.apiUrl;
  return {
    live: true,
    async send({ to, body, statusCallback }) {
      try {
        const sent = await client.messages.create({ to, from: config.from, body, ...(statusCallback ? { statusCallback } : {}) });
        return { sid: sent.sid, status: sent.status };
      } catch (err) {
        const e = err as { status?: number; code?: number; message?: string };
        // 4xx other than throttling is about this message; 429, 5xx and network errors are worth retrying.
        if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.status !== 429) {
          throw new SmsRefused(e.message ?? String(err), e.code ?? e.status);
        }
        throw err;
      }
    },
    async findSent({ to, body, since }) {
      const found = await client.messages.list({ to, dateSentAfter: since, limit: 50 });
      const match = found.find((m) => m.body === body);
      return match ? { sid: match.sid, status: match.status } : null;
    },
  };
}

export function simulatedSmsGateway(): SmsGateway {
  let n = 0;
  return {
    live: false,
    async send() {
      n++;
      return { sid: `SIM${Date.now().toString(36)}${n.toString(36)}${Math.random().toString(36).slice(2, 8)}`, status: 'simulated' };
    },
    // Simulated sends happen in-process and never fail halfway: nothing to find.
    async findSent() {
      return null;
    },
  };
}
