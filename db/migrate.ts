import { join } from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { projectRoot } from '../platform/paths';
import type { Database } from './client';

export const migrationsFolder = join(projectRoot, 'db', 'migrations');

/** Applies the committed migrations; safe to call at every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder });
}
