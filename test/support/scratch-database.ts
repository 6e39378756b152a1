// A database of a test's own on the test run's server, migrated like a first start: for what only
// happens on an empty database (the demo seed runs only when there is no organisation yet), which
// the shared test database, filled by every other file, can never be.
import postgres from 'postgres';
import { inject } from 'vitest';
import { connectDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { uniqueSuffix } from './fixtures';

export async function scratchDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const sharedUrl = new URL(inject('databaseUrl'));
  const name = `cauce_scratch_${uniqueSuffix().replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const admin = postgres(sharedUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  const database = connectDatabase(url.toString(), { max: 5 });
  await migrateDatabase(database);
  return Object.assign(database, {
    /** After the test system closed its connections: FORCE ends any left over. */
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  });
}
