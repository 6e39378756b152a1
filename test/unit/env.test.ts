import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../platform/env';
import { TEST_PAYLOAD_KEYS } from '../support/payload-keys';

describe('environment', () => {
  it('runs on embedded defaults with no configuration', () => {
    const env = EnvSchema.parse({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DEMO_SEED).toBe(true);
    expect(env.smsLive).toBe(false);
    expect(env.TEMPORAL_UI_URL).toBe('http://localhost:8233');
  });

  it('production needs a database and a public URL, and refuses demo data', () => {
    const result = EnvSchema.safeParse({ NODE_ENV: 'production', DEMO_SEED: '1' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['DATABASE_URL', 'PUBLIC_URL', 'DEMO_SEED', 'PAYLOAD_ENCRYPTION_KEYS']));
    const ok = EnvSchema.parse({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@db/cauce',
      PUBLIC_URL: 'https://cauce.example.org',
      PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS,
    });
    expect(ok.DEMO_SEED).toBe(false);
  });

  it('refuses a payload key that is not 32 bytes, naming the variable', () => {
    const result = EnvSchema.safeParse({ PAYLOAD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` });
    expect(result.error!.issues.map((i) => [i.path[0], i.message])).toEqual([['PAYLOAD_ENCRYPTION_KEYS', 'payload key "k1" must be 32 bytes (base64), it is 16']]);
  });

  it('names a bad variable', () => {
    const result = EnvSchema.safeParse({ PORT: 'many', SMTP_URL: 'http://x' });
    expect(result.error!.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['PORT', 'SMTP_URL']));
  });

  it('turns Twilio on only with all three variables', () => {
    expect(EnvSchema.parse({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }).smsLive).toBe(false);
    expect(EnvSchema.parse({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+34900000000' }).smsLive).toBe(true);
  });
});
