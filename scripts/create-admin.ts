// Bootstraps an organisation and its first admin on a production database (where demo data
// is refused):  npm run create-admin -- --organisation "Servicios Sociales X" --email a@x.org --name "Ana"
// The password comes from ADMIN_PASSWORD, or is generated and printed once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { connectDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { organisations, users } from '../db/schema';
import { ensureDefaultUnit } from '../db/units';

const { values } = parseArgs({
  options: {
    organisation: { type: 'string' },
    kind: { type: 'string', default: 'social_services' },
    email: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string', default: 'es' },
    timezone: { type: 'string', default: 'Europe/Madrid' },
  },
});
const input = z
  .object({
    organisation: z.string().min(1),
    kind: z.enum(['social_services', 'cpi', 'other']),
    email: z.email(),
    name: z.string().min(1),
    locale: z.enum(['es', 'it', 'en']),
    timezone: z.string(),
    databaseUrl: z.url(),
  })
  .parse({ ...values, databaseUrl: process.env.DATABASE_URL });

const password = process.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
const database = connectDatabase(input.databaseUrl, { max: 1 });
await migrateDatabase(database);
await database.db.transaction(async (tx) => {
  const [org] = await tx
    .insert(organisations)
    .values({ name: input.organisation, kind: input.kind, locale: input.locale, timezone: input.timezone })
    .returning();
  const [admin] = await tx.insert(users).values({
    organisationId: org.id,
    email: input.email.toLowerCase(),
    name: input.name,
    roles: ['admin'],
    status: 'active',
    locale: input.locale,
    passwordHash: await hash(password),
  }).returning();
  // The organisation is also a unit of the electronic window from the start.
  await ensureDefaultUnit(tx, org.id, [admin.id]);
});
console.log(`Organisation "${input.organisation}" created with admin ${input.email}.`);
if (!process.env.ADMIN_PASSWORD) console.log(`Password (shown once): ${password}`);
await database.close();
