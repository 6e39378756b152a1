// A worker killed in the middle of a workflow task may already have projected that task's
// history entries; when the task runs again, the Updates that were waiting can come in another
// order and take each other's positions. The history people see must follow the retry (found by
// the fault suite: one note's entry twice, another's missing).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createActivities } from '../../activities';
import type { InterventionProjection } from '../../activities/intervention.activities';
import { connectDatabase, type Database } from '../../db/client';
import { interventionEvents, interventions, persons } from '../../db/schema';
import { createMailer } from '../../platform/mailer';
import { createOutbox } from '../../platform/outbox';
import { createSmsSender } from '../../platform/sms';
import { createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let database: Database;
let org: TestOrganisation;
let activities: ReturnType<typeof createActivities>;
const mailer = createMailer({ smtpUrl: inject('smtpUrl'), from: 'Cauce <no-reply@test.cauce.local>' });

beforeAll(async () => {
  database = connectDatabase(inject('databaseUrl'), { max: 2 });
  org = await createOrganisation(database.db);
  activities = createActivities({ db: database.db, outbox: createOutbox({ db: database.db, mailer, queue: `events-${uniqueSuffix()}` }), sms: createSmsSender(database.db, null), publicUrl: 'http://cauce.test' });
});
afterAll(async () => {
  mailer.close();
  await database?.close();
});

describe('[historial] projecting history entries', () => {
  it('a retried task that numbers its entries in another order replaces what the lost task wrote', async () => {
    const db = database.db;
    const [person] = await db.insert(persons).values({ organisationId: org.id, code: `EXP-${uniqueSuffix()}`, firstName: 'Lucía', lastName: 'Muñoz' }).returning();
    const id = randomUUID();
    const by = org.users.professional.id;
    await db.insert(interventions).values({ id, organisationId: org.id, personId: person.id, code: `INT-${uniqueSuffix()}`, needCode: '0301', groupCode: '03', assigneeId: by, openedBy: by, workflowId: `intervention-${id}` });
    const at = new Date().toISOString();
    const noteAdded = (seq: number, noteId: string) => ({ seq, at, by, action: 'note_added' as const, note: null, details: { noteId } });
    const projection = (version: number, events: InterventionProjection['events']): InterventionProjection => ({
      interventionId: id,
      organisationId: org.id,
      version,
      summary: { status: 'in_progress', assigneeId: by, closureReason: null, closureNote: null, closedAt: null, lastActivityAt: at, needsTotal: 1, needsCovered: 0, openFlags: 0, pendingFollowUps: 0, overdueFollowUps: 0, nextFollowUpAt: null },
      needs: [], actions: [], notes: [], flags: [], attributes: [], collaborators: [], related: [], followUps: [],
      events,
    });

    // The task a killed worker never completed: note A at position 2.
    await activities.projectIntervention(projection(2, [noteAdded(2, 'note-a')]));
    // Its retry: note B's Update came first this time.
    await activities.projectIntervention(projection(2, [noteAdded(2, 'note-b')]));
    await activities.projectIntervention(projection(3, [noteAdded(3, 'note-a')]));

    const rows = await db.select().from(interventionEvents).where(eq(interventionEvents.interventionId, id)).orderBy(asc(interventionEvents.seq));
    expect(rows.map((r) => [r.seq, (r.details as { noteId: string }).noteId])).toEqual([
      [2, 'note-b'],
      [3, 'note-a'],
    ]);
  });
});
