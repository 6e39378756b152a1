// The CPI Demo's work on the first start, through the services the API uses: a priority list of
// twenty workers, a few verifications (one excluded because employed, one renounced, one eligible)
// and today's appointments, each a running appointment-<id> workflow with its reminder.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps, SessionUser } from '../api/context';
import { createAppointment } from '../api/services/appointments';
import { importPriorityList, recordVerification } from '../api/services/priority-lists';
import { personEmails, persons } from '../db/schema';
import { demoPriorityListCsv } from '../db/seed/demo-priority-list';
import { appointmentWorkflowId } from '../workflows/appointment.definitions';

const HOUR = 3_600_000;

export async function startDemoCpiWork(deps: AppDeps, operatore: SessionUser): Promise<string[]> {
  const list = await importPriorityList(deps.db, operatore, { name: 'Mobilità in deroga 2011/2012 – Puglia', file: { name: 'mobilita-2011-2012.csv', content: Buffer.from(demoPriorityListCsv) } }, 'it');
  const byCf = async (cfs: string[]) =>
    deps.db.select({ id: persons.id, cf: persons.documentId }).from(persons).where(and(eq(persons.organisationId, operatore.organisationId), inArray(persons.documentId, cfs)));
  const workers = await byCf(['RSSMRA68C14L049D', 'DSNNNA72S42L049Z', 'LMBGPP65L21L049Z', 'CPTMRA75A70A662H', 'GRCNTN70E09A662U', 'MRNRSO69P57E506X']);
  const id = (cf: string) => workers.find((w) => w.cf === cf)!.id;
  // Reminders go to the workers' email (captured in development).
  for (const w of workers) await deps.db.insert(personEmails).values({ personId: w.id, organisationId: operatore.organisationId, address: `${w.cf!.toLowerCase()}@example.org`, isPrimary: true });

  await recordVerification(deps.db, operatore, list.id, id('LMBGPP65L21L049Z'), { outcome: 'excluded_employed', note: 'Assunto a tempo indeterminato (comunicazione obbligatoria del mese scorso)' });
  await recordVerification(deps.db, operatore, list.id, id('GRCNTN70E09A662U'), { outcome: 'renounced', note: 'Rinuncia scritta consegnata allo sportello' });
  await recordVerification(deps.db, operatore, list.id, id('RSSMRA68C14L049D'), { outcome: 'eligible', note: 'Verificato al telefono: disponibile' });

  const started: string[] = [];
  const at = (hours: number) => {
    const d = new Date(Date.now() + hours * HOUR);
    d.setMinutes(d.getMinutes() < 30 ? 30 : 0, 0, 0);
    if (d.getMinutes() === 0) d.setHours(d.getHours() + 1);
    return d.toISOString();
  };
  for (const [cf, hours] of [['RSSMRA68C14L049D', 1], ['DSNNNA72S42L049Z', 2], ['CPTMRA75A70A662H', 3], ['MRNRSO69P57E506X', 26]] as const) {
    const booked = await createAppointment(deps, operatore, { personId: id(cf), startsAt: at(hours), durationMinutes: 30 });
    started.push(appointmentWorkflowId(booked.id));
  }
  return started;
}
