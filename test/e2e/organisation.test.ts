import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisations } from '../../db/schema';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

describe('[organización] calendar and zone', () => {
  it('[organización] el admin rellena los festivos de su comunidad, elige la zona horaria de una lista y guarda', async () => {
    const admin = await web.newPage();
    await signIn(admin, org.users.admin.email, TEST_PASSWORD);
    await admin.goto('/admin/organizacion');
    await admin.getByTestId('public-holidays-state').click();
    await admin.locator('.n-base-select-option', { hasText: 'Andalucía' }).click();
    await admin.locator('[data-testid="public-holidays"] input[role="spinbutton"], [data-testid="public-holidays"] .n-input-number input').fill('2027');
    await admin.getByTestId('public-holidays-add').click();
    await admin.locator('[data-testid="holiday"][data-date="2027-02-28"]').waitFor();
    await admin.getByTestId('organisation-timezone').click();
    await admin.keyboard.type('Atlantic/Canary');
    await admin.locator('.n-base-select-option', { hasText: 'Atlantic/Canary' }).click();
    await admin.getByTestId('organisation-save').click();
    await expect.poll(async () => {
      const [row] = await web.sys.database.db.select().from(organisations).where(eq(organisations.id, org.id));
      return { timezone: row.timezone, andalucia: (row.settings.holidays ?? []).includes('2027-02-28') };
    }).toEqual({ timezone: 'Atlantic/Canary', andalucia: true });
  });
});
