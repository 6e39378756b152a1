// History entries are projected by position (seq). A workflow task that never completed (its
// worker was killed) may already have written its entries; when the task runs again, Updates
// that were waiting can come in another order and take other positions. So a later projection
// of a position replaces what is there, and rewrites it only when it differs.
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

type EventTable = PgTable & { at: PgColumn; action: PgColumn; actorId: PgColumn; note: PgColumn; details: PgColumn };

export function replacedEventColumns(table: EventTable): Record<string, SQL> {
  const columns: Array<keyof EventTable & string> = ['at', 'action', 'actorId', 'note', 'details'];
  const extra = 'actorName' in table ? ['actorName'] : [];
  return Object.fromEntries([...columns, ...extra].map((k) => [k, sql.raw(`excluded."${(table as unknown as Record<string, PgColumn>)[k].name}"`)]));
}

export function eventChanged(table: EventTable): SQL {
  return sql`(${table.at}, ${table.action}, ${table.actorId}, ${table.note}, ${table.details}) IS DISTINCT FROM (excluded."at", excluded."action", excluded."actor_id", excluded."note", excluded."details")`;
}
