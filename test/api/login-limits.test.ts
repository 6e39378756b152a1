// Login limits under parallel attack: attempts are counted before the password is checked, so a
// burst cannot slip past them, and an attacker's failures never lock the owner out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { FREE_FAILURES_PER_ACCOUNT, MAX_ACCOUNT_DELAY_MS, MAX_FAILURES_PER_ACCOUNT_AND_IP, MAX_FAILURES_PER_IP } from '../../api/services/login-throttle';
import { startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => sys?.stop());

/** A client at its own address (the test system trusts X-Forwarded-For, as behind our proxy). */
const address = () => `2001:db8:${uniqueSuffix().slice(0, 4)}::${uniqueSuffix().slice(0, 4)}`;
const login = (ip: string, email: string, password: string) =>
  sys.client().request('POST', '/api/auth/login', { email, password }, { 'x-forwarded-for': ip });

const failuresAudited = async (email: string) =>
  (await sys.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.subjectId, email)))).length;

describe('[auth] login limits', () => {
  it('20 parallel wrong passwords from one address: only the limit is checked, the rest get 429', async () => {
    const attacker = address();
    const email = org.users.professional.email;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(attacker, email, `wrong-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - MAX_FAILURES_PER_ACCOUNT_AND_IP);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await failuresAudited(email)).toBe(MAX_FAILURES_PER_ACCOUNT_AND_IP);

    // From that address even the right password waits; the owner elsewhere logs in at once.
    expect((await login(attacker, email, TEST_PASSWORD)).status).toBe(429);
    expect((await login(address(), email, TEST_PASSWORD)).status).toBe(200);
  });

  it('an attack from many addresses only delays the owner, briefly, and says for how long', async () => {
    const email = org.users.supervisor.email;
    const attackers = Array.from({ length: 4 }, address);
    const burst = await Promise.all(attackers.flatMap((ip) => Array.from({ length: 5 }, (_, i) => login(ip, email, `wrong-${i}`))));
    const checked = burst.filter((a) => a.status === 401).length;
    // Past the free failures each attempt waits for the one before: a burst gets one more through.
    expect(checked).toBe(FREE_FAILURES_PER_ACCOUNT + 1);
    for (const delayed of burst.filter((a) => a.status === 429)) {
      expect(Number(delayed.headers.get('retry-after'))).toBeLessThanOrEqual(MAX_ACCOUNT_DELAY_MS / 1000);
    }

    const owner = address();
    const started = performance.now();
    let res = await login(owner, email, TEST_PASSWORD);
    let waits = 0;
    while (res.status === 429 && waits++ < 5) {
      const seconds = Number(res.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(MAX_ACCOUNT_DELAY_MS / 1000);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      res = await login(owner, email, TEST_PASSWORD);
    }
    const waitedMs = performance.now() - started;
    console.log(`[login limits] owner logged in after ${Math.round(waitedMs)} ms (${waits} wait(s)) under a 4-address attack`);
    expect(res.status).toBe(200);
    expect(waitedMs).toBeLessThan(MAX_ACCOUNT_DELAY_MS);
  });

  it('the limit per address holds across accounts, in parallel too', async () => {
    const attacker = address();
    const accounts = Array.from({ length: 8 }, () => `ghost-${uniqueSuffix()}@test.cauce.local`);
    // 5 per account: within each (account, address) limit; 40 in all, past the address's 30.
    const answers = await Promise.all(accounts.flatMap((email) => Array.from({ length: 5 }, (_, i) => login(attacker, email, `wrong-${i}`))));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(MAX_FAILURES_PER_IP);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(40 - MAX_FAILURES_PER_IP);
    // A real account from that address now waits too, right password or not.
    expect((await login(attacker, org.users.admin.email, TEST_PASSWORD)).status).toBe(429);
    expect((await login(address(), org.users.admin.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('successful logins do not count: an office behind one address keeps logging in', async () => {
    const office = address();
    for (let i = 0; i < MAX_FAILURES_PER_IP + 2; i++) expect((await login(office, org.users.signer.email, TEST_PASSWORD)).status).toBe(200);
  });
});
