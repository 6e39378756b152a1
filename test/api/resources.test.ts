import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let partner: TestOrganisation;
let admin: ApiClient;
let adminIt: ApiClient;
let ana: ApiClient;
let outsider: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  [org, other, partner] = await Promise.all([createOrganisation(sys.database.db), createOrganisation(sys.database.db), createOrganisation(sys.database.db)]);
  admin = sys.client();
  adminIt = sys.client('it');
  ana = sys.client();
  outsider = sys.client();
  await Promise.all([
    admin.login(org.users.admin.email, TEST_PASSWORD),
    adminIt.login(org.users.admin.email, TEST_PASSWORD),
    ana.login(org.users.professional.email, TEST_PASSWORD),
    outsider.login(other.users.admin.email, TEST_PASSWORD),
  ]);
});
afterAll(async () => sys?.stop());

/** A word no other test uses, so each test searches only its own resources. */
const tag = () => `t${uniqueSuffix()}`;
const add = async (body: Record<string, unknown>) => {
  const res = await admin.post('/api/resources', body);
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string };
};
const names = (res: { body: { items: Array<{ name: string }> } }) => res.body.items.map((r) => r.name);

describe('[derivaciones] resource directory', () => {
  it('an admin adds a resource: phone in E.164, email lower-case; professionals find it', async () => {
    const w = tag();
    const res = await admin.post('/api/resources', {
      name: `Cáritas Parroquial ${w}`,
      description: 'Acogida, ropero y ayudas para alimentación',
      needCodes: ['0401', '0402'],
      email: 'Acogida@Caritas.example.org',
      phone: '915 555 123',
      address: 'Calle Mayor 1, Madrid',
      openingHours: 'L-V 9:00-13:00',
      languages: ['es', 'AR'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: `Cáritas Parroquial ${w}`,
      email: 'acogida@caritas.example.org',
      phone: '+34915555123',
      needCodes: ['0401', '0402'],
      languages: ['es', 'ar'],
      active: true,
      organisationId: null,
      partnerOrganisationId: null,
    });
    const found = await ana.get(`/api/resources?q=${w}`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({ id: res.body.id, email: 'acogida@caritas.example.org' });
    expect((await ana.get(`/api/resources/${res.body.id}`)).body.name).toBe(`Cáritas Parroquial ${w}`);
  });

  it('every word must match, accents and case ignored both ways', async () => {
    const w = tag();
    await add({ name: `Centro de Salud Mental Ñandú ${w}`, description: 'Atención psicológica y psiquiátrica', address: 'Avenida de Andalucía 7' });
    await add({ name: `Albergue Municipal ${w}`, description: 'Alojamiento de urgencia', address: 'Calle Ávila 3' });
    expect(names(await ana.get(`/api/resources?q=${encodeURIComponent(`SALUD nandu ${w}`)}`))).toEqual([`Centro de Salud Mental Ñandú ${w}`]);
    expect(names(await ana.get(`/api/resources?q=${encodeURIComponent(`psicologica ${w}`)}`))).toEqual([`Centro de Salud Mental Ñandú ${w}`]);
    // The address is searched too, and an accent typed where the text has none still matches.
    expect(names(await ana.get(`/api/resources?q=${encodeURIComponent(`ávila ${w}`)}`))).toEqual([`Albergue Municipal ${w}`]);
    expect(names(await ana.get(`/api/resources?q=${encodeURIComponent(`albergue salud ${w}`)}`))).toEqual([]);
    expect((await ana.get(`/api/resources?q=${w}`)).body.total).toBe(2);
  });

  it('search text follows an edit', async () => {
    const w = tag();
    const r = await add({ name: `Banco de Alimentos ${w}` });
    expect((await admin.patch(`/api/resources/${r.id}`, { name: `Banco de Alimentos Solidario ${w}` })).status).toBe(200);
    expect(names(await ana.get(`/api/resources?q=${encodeURIComponent(`solidario ${w}`)}`))).toEqual([`Banco de Alimentos Solidario ${w}`]);
  });

  it('resources serving the case’s need come first, then by name', async () => {
    const w = tag();
    await add({ name: `A Servicio de Empleo ${w}`, needCodes: ['0301'] });
    await add({ name: `B Banco de Alimentos ${w}`, needCodes: ['0401'] });
    await add({ name: `C Cruz Roja ${w}`, needCodes: ['0402', '0401'] });
    await add({ name: `D Asociación Vecinal ${w}` });
    const ranked = await ana.get(`/api/resources?q=${w}&needCode=0401`);
    expect(names(ranked)).toEqual([`B Banco de Alimentos ${w}`, `C Cruz Roja ${w}`, `A Servicio de Empleo ${w}`, `D Asociación Vecinal ${w}`]);
    expect(ranked.body.items.map((r: { servesNeed: boolean }) => r.servesNeed)).toEqual([true, true, false, false]);
    expect(names(await ana.get(`/api/resources?q=${w}`))).toEqual([`A Servicio de Empleo ${w}`, `B Banco de Alimentos ${w}`, `C Cruz Roja ${w}`, `D Asociación Vecinal ${w}`]);
    const paged = await ana.get(`/api/resources?q=${w}&needCode=0401&page=2&pageSize=3`);
    expect(paged.body).toMatchObject({ total: 4, items: [expect.objectContaining({ name: `D Asociación Vecinal ${w}` })] });
  });

  it('a deactivated resource is hidden from searches unless an admin asks for it', async () => {
    const w = tag();
    const r = await add({ name: `Comedor Social ${w}` });
    await add({ name: `Ropero ${w}` });
    const off = await admin.patch(`/api/resources/${r.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(names(await ana.get(`/api/resources?q=${w}`))).toEqual([`Ropero ${w}`]);
    // A professional cannot ask for inactive ones: the filter is for those who manage the directory.
    expect(names(await ana.get(`/api/resources?q=${w}&active=all`))).toEqual([`Ropero ${w}`]);
    expect(names(await admin.get(`/api/resources?q=${w}&active=all`))).toEqual([`Comedor Social ${w}`, `Ropero ${w}`]);
    expect(names(await admin.get(`/api/resources?q=${w}&active=false`))).toEqual([`Comedor Social ${w}`]);
    // Still readable by id: old referrals point at it.
    expect((await ana.get(`/api/resources/${r.id}`)).body.active).toBe(false);
  });

  it('a partner organisation can be the resource; any other organisation cannot', async () => {
    expect((await admin.post('/api/partners', { organisationId: partner.id })).status).toBe(201);
    const r = await admin.post('/api/resources', { name: `Entidad ${tag()}`, partnerOrganisationId: partner.id });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ partnerOrganisationId: partner.id, organisationId: partner.id });
    const refused = await admin.post('/api/resources', { name: `Entidad ${tag()}`, partnerOrganisationId: other.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([expect.objectContaining({ path: 'partnerOrganisationId', code: 'not_a_partner' })]);
    const cleared = await admin.patch(`/api/resources/${r.body.id}`, { partnerOrganisationId: null });
    expect(cleared.body.partnerOrganisationId).toBeNull();
  });

  it('400 names each bad field: email, phone, needs that are not second-level ones', async () => {
    const res = await admin.post('/api/resources', { name: 'X', email: 'no-es-correo', phone: '12', needCodes: ['0401', '9999', '040101'] });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.fields.map((f: { path: string }) => f.path).sort();
    // The schema's checks come first; the catalogue and the phone's real shape after.
    expect(fields).toEqual(['email', 'needCodes.2', 'phone']);
    const second = await admin.post('/api/resources', { name: 'X', phone: '123456', needCodes: ['0401', '9999'] });
    expect(second.status).toBe(400);
    expect(second.body.error.details.fields).toEqual([
      expect.objectContaining({ path: 'needCodes.1', code: 'not_a_need', message: '«9999» no es una necesidad de segundo nivel de la organización.' }),
      expect.objectContaining({ path: 'phone', code: 'invalid_phone', message: 'No es un número de teléfono válido.' }),
    ]);
    expect((await admin.post('/api/resources', { name: '  ' })).status).toBe(400);
    expect((await admin.patch(`/api/resources/${(await add({ name: `Vacío ${tag()}` })).id}`, {})).status).toBe(400);
    expect((await ana.get('/api/resources?needCode=abc')).status).toBe(400);
    expect((await ana.get('/api/resources?active=maybe')).status).toBe(400);
    expect((await ana.get('/api/resources/not-a-uuid')).status).toBe(400);
  });

  it('403 for professionals on every write; 404 for another organisation’s resource, whoever asks', async () => {
    const r = await add({ name: `Servicio ${tag()}` });
    expect((await ana.post('/api/resources', { name: 'Intento' })).status).toBe(403);
    expect((await ana.patch(`/api/resources/${r.id}`, { active: false })).status).toBe(403);
    expect((await ana.post('/api/resources/import', { csv: 'nombre\nIntento' })).status).toBe(403);
    expect((await outsider.get(`/api/resources/${r.id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/resources/${r.id}`, { active: false })).status).toBe(404);
    expect((await admin.patch(`/api/resources/${randomUUID()}`, { active: false })).status).toBe(404);
    expect((await outsider.get(`/api/resources?q=${encodeURIComponent(r.name)}`)).body.total).toBe(0);
    expect((await ana.get(`/api/resources/${r.id}`)).body.active).toBe(true);
  });
});

describe('[derivaciones] CSV import, all or nothing', () => {
  const header = 'nombre,descripcion,necesidades,email,telefono,direccion,horario,idiomas,activo';

  it('a file with bad lines imports nothing and names each problem by line, in Spanish and in Italian', async () => {
    const w = tag();
    const csv = [
      header,
      `Cruz Roja ${w},"Ayuda humanitaria, empleo",0401 0301,info@cruzroja.example.org,913 000 000,"Calle Juan Montalvo 3, Madrid",L-V 9-14,es en,sí`,
      `Banco de Alimentos ${w},,0401,banco@example.org,,,,,`,
      `Albergue ${w},,0402,no-es-un-correo,,,,,`,
      `,,9999,,12,,,,quizá`,
    ].join('\n');
    const es = await admin.post('/api/resources/import', { csv });
    expect(es.status).toBe(400);
    expect(es.body.error.message).toBe('El fichero tiene 2 líneas con errores; no se ha importado nada.');
    expect(es.body.error.details.lines).toEqual([
      { line: 4, message: 'Línea 4: email no válido' },
      { line: 5, message: 'Línea 5: falta el nombre' },
      { line: 5, message: 'Línea 5: teléfono no válido' },
      { line: 5, message: 'Línea 5: «9999» no es una necesidad de segundo nivel' },
      { line: 5, message: 'Línea 5: «quizá» no es sí/no' },
    ]);
    expect((await admin.get(`/api/resources?q=${w}&active=all`)).body.total).toBe(0);

    const it = await adminIt.post('/api/resources/import', { csv });
    expect(it.status).toBe(400);
    expect(it.body.error.details.lines.slice(0, 2)).toEqual([
      { line: 4, message: 'Riga 4: email non valida' },
      { line: 5, message: 'Riga 5: manca il nome' },
    ]);
  });

  it('a good file adds every line; a row with an id updates that resource', async () => {
    const w = tag();
    const existing = await add({ name: `Servicio Público de Empleo ${w}` });
    const csv = [
      'id;name;description;need_codes;email;phone;address;opening_hours;languages;active',
      `;Cruz Roja ${w};"Ayuda humanitaria; empleo";0401|0402;info@cruzroja.example.org;913 000 000;"Calle Juan Montalvo 3,\nMadrid";L-V 9-14;es|en;si`,
      `;Banco de Alimentos ${w};;0401;;;;;;`,
      `${existing.id};Oficina de Empleo ${w};;0301;;;;;;no`,
    ].join('\r\n');
    const res = await admin.post('/api/resources/import', { csv });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 1 });
    const all = await admin.get(`/api/resources?q=${w}&active=all`);
    expect(names(all)).toEqual([`Banco de Alimentos ${w}`, `Cruz Roja ${w}`, `Oficina de Empleo ${w}`]);
    expect(all.body.items[1]).toMatchObject({ phone: '+34913000000', needCodes: ['0401', '0402'], languages: ['es', 'en'], address: 'Calle Juan Montalvo 3,\nMadrid', description: 'Ayuda humanitaria; empleo' });
    expect(all.body.items[2]).toMatchObject({ id: existing.id, active: false, needCodes: ['0301'] });
  });

  it('a line number counts the lines of a quoted field that spans several', async () => {
    const csv = `${header}\n"Uno ${tag()}","dos\nlíneas",,,,,,,\nDos,,,mal,,,,,`;
    const res = await admin.post('/api/resources/import', { csv });
    expect(res.body.error.details.lines).toEqual([{ line: 4, message: 'Línea 4: email no válido' }]);
  });

  it('a file without a header, with an unknown column or not CSV at all is refused with its line', async () => {
    const noHeader = await admin.post('/api/resources/import', { csv: 'Cruz Roja,algo' });
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.details.lines[0].message).toMatch(/^Línea 1: falta la cabecera/);
    const unknown = await admin.post('/api/resources/import', { csv: 'nombre,color\nCruz Roja,rojo' });
    expect(unknown.body.error.details.lines).toEqual([{ line: 1, message: 'Línea 1: columna desconocida «color»' }]);
    const broken = await admin.post('/api/resources/import', { csv: 'nombre,descripcion\nUno,"sin cerrar' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.lines).toEqual([{ line: 2, message: 'Línea 2: el formato CSV no es válido: unas comillas se abren y no se cierran' }]);
    expect((await admin.post('/api/resources/import', { csv: 'nombre\n' })).status).toBe(400);
    expect((await admin.post('/api/resources/import', { csv: '' })).status).toBe(400);
  });
});
