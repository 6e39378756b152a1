import { sql } from 'drizzle-orm';
import type { DbLike } from './client';
import { counters } from './schema';

/** Next value of an organisation's named sequence; atomic under concurrency. */
export async function nextCounter(db: DbLike, organisationId: string, name: string): Promise<number> {
  const [row] = await db
    .insert(counters)
    .values({ organisationId, name, value: 1 })
    .onConflictDoUpdate({ target: [counters.organisationId, counters.name], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return row.value;
}

/** Digits of a case or file code (INT-000042): below a million they are zero-padded. */
export const CODE_WIDTH = 6;
export const formatCode = (prefix: string, n: number, width = CODE_WIDTH) => `${prefix}-${String(n).padStart(width, '0')}`;
