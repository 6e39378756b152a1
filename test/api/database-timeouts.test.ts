// PostgreSQL stalls (a paused server: connections open, no answers). Requests must answer 503
// in the contract's shape within the configured timeouts, and work again once it resumes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { connectDatabase } from '../../db/client';
import { startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';
import { startStallProxy, type StallProxy } from '../support/stall-proxy';

const STATEMENT_TIMEOUT_MS = 1_000;
/** The statement timeout, the client's 1 s margin past it, and room for a busy 2-core machine. */
const ANSWER_WITHIN_MS = STATEMENT_TIMEOUT_MS + 1_000 + 1_500;

let proxy: StallProxy;
let sys: TestSystem;
let org: TestOrganisation;
beforeAll(async () => {
  proxy = await startStallProxy(inject('databaseUrl'));
  const database = connectDatabase(proxy.url, { max: 5, statementTimeoutMs: STATEMENT_TIMEOUT_MS, connectTimeoutMs: 1_000 });
  sys = await startTestSystem({ withWorker: false, database });
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => {
  proxy?.resume();
  await sys?.stop();
  await proxy?.close();
});

/** The answer and how long it took; a hung request fails the test instead of hanging it. */
async function timed<T>(request: Promise<T>): Promise<{ res: T; ms: number }> {
  const started = performance.now();
  const hung = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 15 s')), 15_000).unref());
  const res = await Promise.race([request, hung]);
  return { res, ms: performance.now() - started };
}

describe('[faults] PostgreSQL stalls', () => {
  it('answers 503 to a login and a list within the timeout, and recovers when it resumes', async () => {
    const staff = sys.client();
    await staff.login(org.users.professional.email, TEST_PASSWORD);

    proxy.stall();
    const [login, list, health] = await Promise.all([
      timed(sys.client().post('/api/auth/login', { email: org.users.admin.email, password: TEST_PASSWORD })),
      timed(staff.get('/api/persons')),
      timed(sys.client().get('/api/health')),
    ]);
    for (const { res, ms } of [login, list]) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('service_unavailable');
      expect(typeof res.body.error.message).toBe('string');
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    console.log(`[db stall] 503 after: login ${Math.round(login.ms)} ms, list ${Math.round(list.ms)} ms, health ${Math.round(health.ms)} ms (statement timeout ${STATEMENT_TIMEOUT_MS} ms)`);
    expect(health.res.status).toBe(503);
    expect(health.res.body).toMatchObject({ status: 'degraded', db: 'down' });
    expect(health.ms).toBeLessThan(2_500);

    proxy.resume();
    await expect.poll(async () => (await sys.client().post('/api/auth/login', { email: org.users.admin.email, password: TEST_PASSWORD })).status, { timeout: 10_000 }).toBe(200);
    const after = await staff.get('/api/persons');
    expect(after.status).toBe(200);
  });

  it('a transaction given up on while the server stalls never runs its body later', async () => {
    const marker = `stall-probe-${Date.now()}`;
    const probes = () => sys.database.db.select().from(auditLog).where(eq(auditLog.subjectId, marker));
    proxy.stall();
    const attempt = sys.database.db.transaction(async (tx) => {
      await tx.insert(auditLog).values({ organisationId: org.id, action: 'test.stall_probe', subjectType: 'test', subjectId: marker });
    });
    await expect(timed(attempt)).rejects.toMatchObject({ code: 'QUERY_DEADLINE' });
    proxy.resume();
    // Once the server answers its BEGIN, the body would insert and commit; it must not.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await probes()).toEqual([]);
  });

  it('a query the live server runs past the statement timeout is cancelled by the server (503)', async () => {
    const { res, ms } = await timed(sys.database.db.execute(sql`SELECT pg_sleep(5)`).then(() => 'finished', (err) => err));
    expect((res as { cause?: { code?: string } }).cause?.code).toBe('57014');
    expect(ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_000);
  });
});
