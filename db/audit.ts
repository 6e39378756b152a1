// The audit log's one writer, shared by the API (what people did) and the activities (what the
// system did on its own). It lives beside the database so the API never loads activity code.
import type { DbLike } from './client';
import { auditLog } from './schema';

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

/** Who did it, as every entry written for a signed-in user records it. */
export type AuditActor = Pick<AuditEntry, 'organisationId' | 'actorId' | 'actorName'>;

/** The actor of a signed-in user (the request's `c.var.user`, or the user a service was given). */
export function auditActor(user: { id: string; name: string; organisationId: string }): AuditActor {
  return { organisationId: user.organisationId, actorId: user.id, actorName: user.name };
}

export async function writeAudit(db: DbLike, entry: AuditEntry & { ip?: string | null }): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
