// Values PostgreSQL refuses (SQLSTATE class 22) are the caller's fault: a 400 from the API, and a
// non-retryable `invalid_data` failure from an activity, never a 500 or retries without end.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { inject } from 'vitest';
import { createActivities } from '../../activities';
import type { InterventionProjection } from '../../activities/intervention.activities';
import { toErrorResponse } from '../../api/errors';
import { createMailer } from '../../platform/mailer';
import { createOutbox } from '../../platform/outbox';
import { createSmsSender } from '../../platform/sms';
import { startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let mailer: ReturnType<typeof createMailer>;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db);
  mailer = createMailer({ smtpUrl: inject('smtpUrl'), from: 'Cauce <no-reply@test.cauce.local>' });
  activities = createActivities({ db: sys.database.db, outbox: createOutbox({ db: sys.database.db, mailer, queue: `data-errors-${uniqueSuffix()}` }), sms: createSmsSender(sys.database.db, null), publicUrl: 'http://cauce.test' });
});
afterAll(async () => {
  mailer?.close();
  await sys?.stop();
});

/** What PostgreSQL itself throws for a value (through drizzle, as the services see it). */
async function refusal(query: ReturnType<typeof sql>): Promise<unknown> {
  return sys.database.db.execute(query).then(
    () => {
      throw new Error('PostgreSQL accepted it');
    },
    (err: unknown) => err,
  );
}

async function invalidData(run: Promise<unknown>, sqlState: string) {
  const err = await run.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type: 'invalid_data', nonRetryable: true, details: [{ sqlState }] });
  // The refused value may be personal data: failure messages are not encrypted.
  expect((err as Error).message).not.toMatch(/Lucía|0000/);
}

const projection = (overrides: Partial<InterventionProjection['summary']>): InterventionProjection => ({
  interventionId: randomUUID(),
  organisationId: org.id,
  version: 1,
  summary: {
    status: 'closed',
    assigneeId: null,
    closureReason: 'other',
    closureNote: null,
    closedAt: null,
    lastActivityAt: new Date().toISOString(),
    needsTotal: 1,
    needsCovered: 1,
    openFlags: 0,
    pendingFollowUps: 0,
    overdueFollowUps: 0,
    nextFollowUpAt: null,
    ...overrides,
  },
  needs: [],
  actions: [],
  notes: [],
  flags: [],
  attributes: [],
  collaborators: [],
  related: [],
  followUps: [],
  events: [],
});

describe('[entrada] data exceptions from PostgreSQL', () => {
  it('the API answers them 400 invalid_input, not 500 (a safety net behind the edge checks)', async () => {
    const cases: Array<[ReturnType<typeof sql>, string]> = [
      [sql`select ${'Lucía\u0000'}::text`, '22021'],
      [sql`select ${'0000-01-01'}::date`, '22008'],
      [sql`select ${'not-a-uuid'}::uuid`, '22P02'],
    ];
    for (const [query, sqlState] of cases) {
      const err = await refusal(query);
      const app = new Hono();
      app.onError((e, c) => toErrorResponse(e, c));
      app.get('/', () => {
        throw err;
      });
      const res = await app.request('/');
      expect(res.status, sqlState).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_input', message: 'Los datos enviados no son válidos.', details: { fields: [], sqlState } } });
    }
  });

  it('a workflow validator refusing the same input (a client other than this API) is the same 400, fields named', async () => {
    const app = new Hono();
    app.onError((e, c) => toErrorResponse(e, c));
    app.get('/', () => {
      const refusal = ApplicationFailure.create({ type: 'invalid_input', nonRetryable: true, details: [{ fields: [{ path: 'body', code: 'control_character' }] }] });
      throw new WorkflowUpdateFailedError('Workflow Update failed', refusal);
    });
    const res = await app.request('/');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details.fields).toEqual([{ path: 'body', code: 'control_character', message: expect.not.stringMatching(/^control_character$/) }]);
  });

  it('projection activities fail for good with invalid_data instead of retrying forever', async () => {
    await invalidData(activities.projectIntervention(projection({ closureNote: 'Lucía\u0000' })), '22021');
    await invalidData(activities.projectIntervention(projection({ closedAt: '0000-01-01T00:00:00Z' })), '22008');
  });

  it('notice activities too', async () => {
    const notice = activities.notify({ organisationId: org.id, userIds: [org.users.admin.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'Lucía\u0000' } });
    await invalidData(notice, '22P05');
    await invalidData(activities.recordAudit({ organisationId: org.id, action: 'test', subjectType: 'person', subjectId: 'Lucía\u0000' }), '22021');
  });

  it('other failures keep their own type and retry policy', async () => {
    const err = await activities.sendInvitationMail({ invitationId: randomUUID(), kind: 'invitation' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'invitation_gone', nonRetryable: true });
  });
});
