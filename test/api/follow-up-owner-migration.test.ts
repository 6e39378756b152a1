// Migration 0008 gives follow-ups an owner: every row written before it keeps working, owned by
// its intervention, and a worker still on the previous release (writing intervention_id only)
// gets the owner filled in. Run on a scratch schema migrated to 0007 first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationsFolder } from '../../db/migrate';
import { uniqueSuffix } from '../support/fixtures';

const schema = `mig_${uniqueSuffix()}`;
let sql: postgres.Sql;

const statements = (file: string) =>
  readFileSync(join(migrationsFolder, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
const migrations = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();

// drizzle-kit names the schema of every referenced table ("public"."users"): left as is, the scratch
// tables' foreign keys would lock the real tables, and dropping the schema deadlocked with requests
// of the test files running beside this one. Here they point at the scratch schema's own tables.
async function apply(file: string) {
  for (const statement of statements(file)) await sql.unsafe(statement.replaceAll('"public".', `"${schema}".`));
}

const followUp = (id: string, interventionId: string) => ({
  id,
  organisation_id: 'org',
  intervention_id: interventionId,
  due_at: new Date('2030-01-02T08:00:00Z'),
  note: 'Revisar',
  status: 'scheduled',
  created_by: 'user',
  created_at: new Date(),
  workflow_id: `followup-${id}`,
});

beforeAll(async () => {
  sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE SCHEMA ${schema}`);
  await sql.unsafe(`SET search_path TO ${schema}, public`);
  // Rows are inserted alone: the cases they point to are not the subject here.
  await sql.unsafe(`SET session_replication_role = replica`);
  for (const file of migrations.filter((f) => f < '0008')) await apply(file);
});

afterAll(async () => {
  await sql?.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await sql?.end();
});

describe('[seguimientos] migration to follow-ups with an owner', () => {
  it('keeps every existing row, owned by its intervention, and fills the owner of rows written the old way', async () => {
    await sql`INSERT INTO follow_ups ${sql([followUp('fu-1', 'int-1'), followUp('fu-2', 'int-2')])}`;
    await apply(migrations.find((f) => f.startsWith('0008'))!);
    // Replica mode (no foreign keys checked) skips ordinary triggers too; this one must run.
    await sql.unsafe(`ALTER TABLE follow_ups ENABLE ALWAYS TRIGGER follow_ups_owner_from_intervention`);

    const rows = await sql`SELECT id, owner_type, owner_id, intervention_id FROM follow_ups ORDER BY id`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { id: 'fu-1', owner_type: 'intervention', owner_id: 'int-1', intervention_id: 'int-1' },
      { id: 'fu-2', owner_type: 'intervention', owner_id: 'int-2', intervention_id: 'int-2' },
    ]);

    // A projection from a worker of the previous release names the intervention only.
    await sql`INSERT INTO follow_ups ${sql(followUp('fu-3', 'int-3'))}`;
    const [late] = await sql`SELECT owner_type, owner_id FROM follow_ups WHERE id = 'fu-3'`;
    expect({ ...late }).toEqual({ owner_type: 'intervention', owner_id: 'int-3' });

    // Another kind of case owns follow-ups without any intervention.
    await sql`INSERT INTO follow_ups ${sql({ ...followUp('fu-4', 'x'), intervention_id: null, owner_type: 'referral', owner_id: 'ref-1' })}`;
    const [other] = await sql`SELECT owner_type, owner_id, intervention_id FROM follow_ups WHERE id = 'fu-4'`;
    expect({ ...other }).toEqual({ owner_type: 'referral', owner_id: 'ref-1', intervention_id: null });
  });
});
