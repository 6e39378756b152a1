// What deleting a person removes, counted per kind. Each module that links records to persons
// (interventions, messages...) exports its dependents; api/app.ts lists them in one place.
import type { Client } from '@temporalio/client';
import type { DbLike } from '../../db/client';

export interface PersonDependent {
  name: string;
  count(db: DbLike, personId: string): Promise<number>;
  /** How the count splits (e.g. open and closed cases, their follow-ups), for the deletion dialog. */
  breakdown?(db: DbLike, personId: string): Promise<Record<string, number>>;
  /** Codes of records that make `remove` refuse (open cases): the dialog names them. */
  blocking?(db: DbLike, personId: string): Promise<string[]>;
  /** May refuse (throw an ApiError) to stop the whole deletion; `ctx` reaches outside the database. */
  remove(db: DbLike, personId: string, ctx?: PersonDeletionContext): Promise<void>;
}

/** What a dependent may need besides the database, e.g. to end the person's workflows. */
export interface PersonDeletionContext {
  temporal?: Client;
}
