import { writeAudit, type AuditEntry } from '../db/audit';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';

export function createAuditActivities({ db }: Pick<ActivityDeps, 'db'>) {
  return nonRetryableDataErrors({
    /** What the system did on its own (a reminder sent, an expiry), in the audit log. */
    async recordAudit(entry: AuditEntry): Promise<void> {
      await writeAudit(db, entry);
    },
  });
}
