// SMS goes through Twilio when TWILIO_* is configured; otherwise it is recorded as simulated,
// and the UI labels it so, instead of pretending it was delivered.
import twilio from 'twilio';
import { smsLog, type SmsStatus } from '../db/schema';
import type { Db } from '../db/client';

export interface SmsSender {
  readonly live: boolean;
  send(message: { to: string; body: string; organisationId?: string }): Promise<{ id: string; status: SmsStatus }>;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from: string;
}

export function createSmsSender(db: Db, config: TwilioConfig | null): SmsSender {
  const client = config ? twilio(config.accountSid, config.authToken) : null;
  return {
    live: Boolean(client),
    async send({ to, body, organisationId }) {
      if (!client || !config) {
        const [row] = await db.insert(smsLog).values({ to, body, organisationId, status: 'simulated' }).returning();
        return { id: row.id, status: 'simulated' };
      }
      try {
        const sent = await client.messages.create({ to, from: config.from, body });
        const status: SmsStatus = sent.status === 'failed' || sent.status === 'undelivered' ? 'failed' : 'queued';
        const [row] = await db
          .insert(smsLog)
          .values({ to, body, organisationId, status, providerId: sent.sid })
          .returning();
        return { id: row.id, status };
      } catch (err) {
        await db.insert(smsLog).values({ to, body, organisationId, status: 'failed', error: String(err) });
        throw err;
      }
    },
  };
}
