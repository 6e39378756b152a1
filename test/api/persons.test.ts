import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let ana: ApiClient;
let admin: ApiClient;
let outsider: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db);
  other = await createOrganisation(sys.database.db);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  outsider = sys.client();
  await outsider.login(other.users.admin.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

const newPerson = (overrides: Record<string, unknown> = {}) => ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz Pérez', ...overrides });

describe('[personas] person files', () => {
  it('creates a person with contacts; phones become E.164 and emails lower-case', async () => {
    const res = await newPerson({ documentId: '12345678z', birthDate: '1980-04-23', email: 'Lucia@Example.org', phone: '600 111 222' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: 'Lucía',
      lastName: 'Muñoz Pérez',
      displayName: 'Lucía Muñoz Pérez',
      documentId: '12345678Z',
      birthDate: '1980-04-23',
      email: 'lucia@example.org',
      phone: '+34600111222',
      anonymous: false,
      favorite: false,
    });
    expect(res.body.code).toMatch(/^EXP-\d{6}$/);
    expect(typeof res.body.id).toBe('string');
    expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/);
  });

  it('keeps several emails and phones, one primary of each', async () => {
    const { body: p } = await newPerson({
      emails: [{ address: 'home@example.org', label: 'casa' }, { address: 'work@example.org', label: 'trabajo', isPrimary: true }],
      phones: [{ number: '+34 611 222 333', label: 'móvil' }, { number: '912 345 678', label: 'fijo' }],
    });
    expect(p.email).toBe('work@example.org');
    expect(p.emails).toHaveLength(2);
    expect(p.phones.map((x: { number: string }) => x.number)).toEqual(['+34611222333', '+34912345678']);
    const updated = await ana.patch(`/api/persons/${p.id}`, { phones: [{ number: '+39 347 123 4567', label: 'Italia' }] });
    expect(updated.status).toBe(200);
    expect(updated.body.phones).toEqual([expect.objectContaining({ number: '+393471234567', label: 'Italia', isPrimary: true })]);
    expect(updated.body.emails).toHaveLength(2);
  });

  it('400 names each invalid field', async () => {
    const missing = await ana.post('/api/persons', { documentId: 'X' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['firstName', 'lastName']);

    const badEmail = await newPerson({ email: 'not-an-email', birthDate: '23/04/1980' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['birthDate', 'email']);

    const badPhone = await newPerson({ phones: [{ number: '+34 600 111 222' }, { number: '12' }] });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details.fields).toEqual([expect.objectContaining({ path: 'phones.1.number' })]);
  });

  it('field messages are in the reader’s language, not zod’s English', async () => {
    const body = { firstName: '', lastName: 'Muñoz', email: 'no-es-un-correo', birthDate: '1980-13-45' };
    const es = await ana.post('/api/persons', body);
    expect(es.status).toBe(400);
    const byPath = (res: { body: any }) => Object.fromEntries(res.body.error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(byPath(es)).toMatchObject({
      firstName: 'Este campo es obligatorio.',
      email: 'No es una dirección de correo electrónico válida.',
      birthDate: 'No es una fecha válida (AAAA-MM-DD).',
    });
    const italian = sys.client('it');
    await italian.login(org.users.professional.email, TEST_PASSWORD);
    expect(byPath(await italian.post('/api/persons', body))).toMatchObject({ firstName: 'Questo campo è obbligatorio.', email: 'Non è un indirizzo email valido.' });
    const long = await ana.post('/api/persons', { firstName: 'x'.repeat(121), lastName: 'Y' });
    expect(byPath(long).firstName).toBe('Escribe como mucho 120 caracteres.');
    expect(JSON.stringify(es.body)).not.toMatch(/Invalid|Too (big|small)|Required unless/);
  });

  it('allows anonymous profiles, named by their code', async () => {
    const res = await ana.post('/api/persons', { anonymous: true });
    expect(res.status).toBe(201);
    expect(res.body.firstName).toBeNull();
    expect(res.body.displayName).toBe(res.body.code);
    const search = await ana.get(`/api/persons?q=${res.body.code}`);
    expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
  });

  it('search ignores accents and case and matches name, surname, document, email and phone', async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const { body: p } = await newPerson({ firstName: `Íñigo${tag}`, lastName: 'Ibáñez Núñez', documentId: `Y${tag}`, email: `inigo.${tag}@example.org`, phone: '+34699887766' });
    for (const q of [`inigo${tag}`, `INIGO${tag} ibanez`, `nunez inigo${tag}`, `y${tag}`, `inigo.${tag}@example`]) {
      const res = await ana.get(`/api/persons?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: string }) => i.id), q).toEqual([p.id]);
      expect(res.body.total).toBe(1);
    }
    const byPhone = await ana.get(`/api/persons?q=${encodeURIComponent('699 887 766')}`);
    expect(byPhone.body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await ana.get(`/api/persons?q=inigo${tag}+zzz`)).body.total).toBe(0);
  });

  it('sorts names by the language’s collation: Sánchez before Sincorreo, ñ after n in Spanish', async () => {
    const tag = `Orden${Date.now().toString(36)}`;
    for (const lastName of ['Sincorreo', 'Sánchez', 'Nuño', 'Nunziata', 'álvarez', 'Zapata']) {
      expect((await newPerson({ firstName: tag, lastName })).status).toBe(201);
    }
    const res = await ana.get(`/api/persons?q=${tag}&sort=name&pageSize=50`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['álvarez', 'Nunziata', 'Nuño', 'Sánchez', 'Sincorreo', 'Zapata']);
  });

  it('paginates with page and pageSize (max 200)', async () => {
    const tag = `pg${Date.now().toString(36)}`;
    for (let i = 0; i < 5; i++) await newPerson({ firstName: `Persona${tag}`, lastName: `Apellido ${i}` });
    const first = await ana.get(`/api/persons?q=${tag}&page=1&pageSize=2`);
    expect(first.body.total).toBe(5);
    expect(first.body.items).toHaveLength(2);
    const third = await ana.get(`/api/persons?q=${tag}&page=3&pageSize=2`);
    expect(third.body.items).toHaveLength(1);
    expect((await ana.get('/api/persons?pageSize=201')).status).toBe(400);
  });

  it('favourites are per user', async () => {
    const { body: p } = await newPerson({ firstName: 'Favorita' });
    expect((await ana.put(`/api/persons/${p.id}/favorite`)).status).toBe(204);
    expect((await ana.get(`/api/persons/${p.id}`)).body.favorite).toBe(true);
    expect((await ana.get('/api/persons?favorite=true')).body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await admin.get(`/api/persons/${p.id}`)).body.favorite).toBe(false);
    expect((await admin.get('/api/persons?favorite=true')).body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    expect((await ana.delete(`/api/persons/${p.id}/favorite`)).status).toBe(204);
    expect((await ana.get(`/api/persons/${p.id}`)).body.favorite).toBe(false);
  });

  it('another organisation’s person is 404 for every route', async () => {
    const { body: p } = await newPerson();
    expect((await outsider.get(`/api/persons/${p.id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/persons/${p.id}`, { firstName: 'X' })).status).toBe(404);
    expect((await outsider.delete(`/api/persons/${p.id}`)).status).toBe(404);
    expect((await outsider.put(`/api/persons/${p.id}/favorite`)).status).toBe(404);
    expect((await outsider.get(`/api/persons/${p.id}/activity`)).status).toBe(404);
    expect((await outsider.get(`/api/persons?q=${p.code}`)).body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });

  it('deleting needs the rule: 403 for a professional, allowed once the admin switches it on', async () => {
    const { body: p } = await newPerson({ email: 'borrar@example.org', phone: '+34600000001' });
    const refused = await ana.delete(`/api/persons/${p.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    const impact = await admin.get(`/api/persons/${p.id}/deletion-impact`);
    expect(impact.body.removes).toMatchObject({ emails: 1, phones: 1, favorites: 0 });

    const rule = await admin.put('/api/permission-rules', { rules: [{ role: 'professional', permission: 'persons.delete', allowed: true }] });
    expect(rule.status).toBe(200);
    expect((await ana.delete(`/api/persons/${p.id}`)).status).toBe(204);
    expect((await ana.get(`/api/persons/${p.id}`)).status).toBe(404);

    const log = await admin.get(`/api/persons/${p.id}/activity`);
    expect(log.status).toBe(404); // the file is gone; its audit entry stays in the organisation's log
    await admin.put('/api/permission-rules', { rules: [{ role: 'professional', permission: 'persons.delete', allowed: false }] });
  });

  it('keeps an activity log per person: created, updated with the fields', async () => {
    const { body: p } = await newPerson();
    await ana.patch(`/api/persons/${p.id}`, { notes: 'Primera entrevista', address: 'C/ Mayor 1' });
    const log = await ana.get(`/api/persons/${p.id}/activity`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['person.updated', 'person.created']);
    expect(log.body.items[0]).toMatchObject({ actorId: org.users.professional.id, actorName: org.users.professional.name });
    expect(log.body.items[0].details.fields.sort()).toEqual(['address', 'notes']);
  });
});

describe('[personas] identity documents and possible duplicates', () => {
  it('refuses a DNI, NIE or codice fiscale whose control character is wrong, saying so in the reader’s language', async () => {
    const bad = await newPerson({ documentId: '12345678A' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([expect.objectContaining({ path: 'documentId', code: 'invalid_dni', message: 'La letra de control del DNI no corresponde al número.' })]);
    expect((await newPerson({ documentId: 'X1234567A' })).body.error.details.fields[0].code).toBe('invalid_nie');
    expect((await newPerson({ documentId: 'RSSMRA85T10A562T' })).body.error.details.fields[0].code).toBe('invalid_codice_fiscale');

    const dni = await newPerson({ documentId: '12.345.678-z' });
    expect(dni.status).toBe(201);
    expect(dni.body).toMatchObject({ documentId: '12345678Z', documentType: 'dni' });
    const cf = await newPerson({ documentId: 'rssmra85t10a562s' });
    expect(cf.body).toMatchObject({ documentId: 'RSSMRA85T10A562S', documentType: 'codice_fiscale' });
    // Other papers are free text with their type, even when they look like a DNI.
    const passport = await newPerson({ documentId: '12345678A', documentType: 'passport' });
    expect(passport.status).toBe(201);
    expect(passport.body).toMatchObject({ documentId: '12345678A', documentType: 'passport' });

    // Editing checks too, and keeps the number when only other fields change.
    expect((await ana.patch(`/api/persons/${dni.body.id}`, { documentId: '87654321A' })).body.error.details.fields[0].code).toBe('invalid_dni');
    expect((await ana.patch(`/api/persons/${dni.body.id}`, { documentType: 'nie' })).status).toBe(400);
    const edited = await ana.patch(`/api/persons/${passport.body.id}`, { notes: 'Pasaporte marroquí' });
    expect(edited.body).toMatchObject({ documentId: '12345678A', documentType: 'passport' });
  });

  it('warns of files with the same document, or the same name and birth date, in the caller’s organisation only', async () => {
    const first = await newPerson({ firstName: 'Íñigo', lastName: 'Sáez Gómez', documentId: 'Y1234567X', birthDate: '1975-02-11' });
    expect(first.status).toBe(201);
    await outsider.post('/api/persons', { firstName: 'Íñigo', lastName: 'Sáez Gómez', documentId: 'Y1234567X', birthDate: '1975-02-11' });

    const byDocument = await ana.get('/api/persons/duplicates?documentId=y-1234567-x');
    expect(byDocument.status).toBe(200);
    expect(byDocument.body.items).toEqual([expect.objectContaining({ id: first.body.id, code: first.body.code, reasons: ['same_document'] })]);

    const byName = await ana.get(`/api/persons/duplicates?firstName=inigo&lastName=${encodeURIComponent('SAEZ gomez')}&birthDate=1975-02-11`);
    expect(byName.body.items.map((d: { id: string; reasons: string[] }) => [d.id, d.reasons])).toEqual([[first.body.id, ['same_name_and_birth_date']]]);

    const both = await ana.get(`/api/persons/duplicates?documentId=Y1234567X&firstName=${encodeURIComponent('Íñigo')}&lastName=${encodeURIComponent('Sáez Gómez')}&birthDate=1975-02-11`);
    expect(both.body.items[0].reasons).toEqual(['same_document', 'same_name_and_birth_date']);
    expect((await ana.get(`/api/persons/duplicates?documentId=Y1234567X&excludeId=${first.body.id}`)).body.items).toEqual([]);
    expect((await ana.get('/api/persons/duplicates?firstName=Otro&lastName=Nombre&birthDate=1975-02-11')).body.items).toEqual([]);
    expect((await ana.get('/api/persons/duplicates?birthDate=3-02-11')).status).toBe(400);
    expect((await sys.client().get('/api/persons/duplicates?documentId=Y1234567X')).status).toBe(401);
  });
});
