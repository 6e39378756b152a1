import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { connectDatabase, type Database } from './client';

// Beside this file, so the database layer needs nothing from platform/.
export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

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
