import { join } from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { projectRoot } from '../platform/paths';
import { connectDatabase, type Database } from './client';

export const migrationsFolder = join(projectRoot, 'db', 'migrations');

/**
 * Applies the committed migrations; safe to call at every start. On a connection of its own
 * without the statement timeout: building an index on a large table may take minutes.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const own = connectDatabase(database.url, { max: 1, statementTimeoutMs: 0 });
  try {
    await migrate(own.db, { migrationsFolder });
  } finally {
    await own.close();
  }
}
