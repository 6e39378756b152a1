import type { DbLike } from '../db/client';
import { auditLog } from '../db/schema';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';

export interface AuditEntry {
  organisationId: string | null;
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  personId?: string | null;
  details?: Record<string, unknown>;
}

/** Shared by API and activities: one way to write the audit log. */
export async function writeAudit(db: DbLike, entry: AuditEntry & { ip?: string | null }): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

export function createAuditActivities({ db }: Pick<ActivityDeps, 'db'>) {
  return nonRetryableDataErrors({
    /** What the system did on its own (a reminder sent, an expiry), in the audit log. */
    async recordAudit(entry: AuditEntry): Promise<void> {
      await writeAudit(db, entry);
    },
  });
}
