// The calendar reads follow-ups of every kind of case, not only interventions: a module that
// adds follow-ups of its own (referrals next) shows in everyone's calendar without calendar code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUps } from '../../db/schema';
import type { FollowUpOwnerType } from '../../domain/follow-ups';
import { startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => sys?.stop());

describe('[calendario] follow-ups of every kind of case', () => {
  it('shows a follow-up owned by another kind of case with its owner, and no intervention', async () => {
    const me = sys.client();
    const user = await me.login(org.users.professional.email, TEST_PASSWORD);
    const id = `fu-${uniqueSuffix()}`;
    const referralId = `ref-${uniqueSuffix()}`;
    await sys.database.db.insert(followUps).values({
      id,
      organisationId: org.id,
      // Not a kind the code knows yet: the calendar must still show it.
      ownerType: 'referral' as FollowUpOwnerType,
      ownerId: referralId,
      assigneeId: user.id,
      dueAt: new Date('2032-05-04T08:00:00Z'),
      note: 'Llamar al centro',
      status: 'scheduled',
      createdBy: user.id,
      createdAt: new Date(),
      workflowId: `followup-${id}`,
    });

    const may = await me.get('/api/calendar?from=2032-05-01&to=2032-05-31');
    expect(may.status).toBe(200);
    expect(may.body.items).toEqual([
      {
        type: 'follow_up', id, dueAt: '2032-05-04T08:00:00.000Z', status: 'scheduled', overdue: false,
        interventionId: null, code: '', personName: '', note: 'Llamar al centro',
        owner: { type: 'referral', id: referralId },
      },
    ]);
    const colleague = sys.client();
    await colleague.login(org.users.supervisor.email, TEST_PASSWORD);
    expect((await colleague.get('/api/calendar?from=2032-05-01&to=2032-05-31')).body.items).toEqual([]);
  });
});
