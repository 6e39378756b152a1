// A follow-up as every case's detail shows it (an intervention, a referral, a job offer): one
// shape, so the generic follow-ups card reads them all alike.
import type { followUps } from '../../db/schema';
import { iso } from '../schemas';

export function followUpView(f: typeof followUps.$inferSelect) {
  return {
    id: f.id,
    dueAt: iso(f.dueAt)!,
    overdueAt: iso(f.overdueAt),
    note: f.note,
    status: f.status,
    overdue: f.status === 'overdue',
    chases: f.chases,
    outcome: f.outcome,
    notes: f.outcomeNotes,
    createdBy: f.createdBy,
    finishedBy: f.finishedBy,
    finishedAt: iso(f.finishedAt),
  };
}
