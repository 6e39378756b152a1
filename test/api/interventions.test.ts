// Interventions through the real API, real Postgres and the Temporal dev server with a worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, interventionEvents, interventions } from '../../db/schema';
import { assigneeKey, businessKeyKey, kindKey, needKey, organisationKey, personKey, statusKey } from '../../workflows/search-attributes';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { addUserOutsideTeams, createOrganisation, TEST_PASSWORD, waitForMail, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let ana: ApiClient; // professional
let sara: ApiClient; // supervisor
let admin: ApiClient;
let outsider: ApiClient; // another organisation's admin

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  other = await createOrganisation(sys.database.db);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  sara = sys.client();
  await sara.login(org.users.supervisor.email, TEST_PASSWORD);
  admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  outsider = sys.client();
  await outsider.login(other.users.admin.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

async function newPerson(client = ana, firstName = 'Lucía', lastName = 'Muñoz Pérez') {
  const res = await client.post('/api/persons', { firstName, lastName });
  expect(res.status).toBe(201);
  return res.body as { id: string; code: string };
}

async function assess(personId: string, needs: string[], client = ana) {
  const res = await client.post(`/api/persons/${personId}/assessments`, { summary: 'Valoración inicial: busca su primer empleo.', needs });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; interventions: Array<{ id: string; code: string; needCode: string; created: boolean }> };
}

const soon = () => new Date(Date.now() + 3 * 86_400_000).toISOString();

describe('[intervenciones] needs catalogue', () => {
  it('serves the three levels; admins add, rename, deactivate and import specific needs', async () => {
    const tree = await ana.get('/api/needs');
    expect(tree.status).toBe(200);
    expect(tree.body).toHaveLength(4);
    expect(tree.body.flatMap((g: { children: unknown[] }) => g.children)).toHaveLength(13);
    const labour = tree.body[2].children[0];
    expect(labour).toMatchObject({ code: '0301', name: 'DIFICULTADES PARA LA INSERCIÓN LABORAL' });
    expect(labour.children[0]).toEqual({ code: '030101', name: 'BÚSQUEDA DEL PRIMER EMPLEO', active: true });

    expect((await ana.post('/api/needs', { parentCode: '0301', name: 'Nueva' })).status).toBe(403);
    const added = await admin.post('/api/needs', { parentCode: '0301', name: 'BRECHA DIGITAL' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ code: '030105', name: 'BRECHA DIGITAL', active: true });
    expect((await admin.patch('/api/needs/030105', { name: 'BRECHA DIGITAL Y ALFABETIZACIÓN' })).body.name).toBe('BRECHA DIGITAL Y ALFABETIZACIÓN');
    expect((await admin.patch('/api/needs/0301', { name: 'X' })).status).toBe(409);
    expect((await admin.patch('/api/needs/030105', { active: false })).body.active).toBe(false);
    const visible = (await ana.get('/api/needs')).body[2].children[0].children.map((n: { code: string }) => n.code);
    expect(visible).not.toContain('030105');
    const all = (await admin.get('/api/needs?includeInactive=true')).body[2].children[0].children;
    expect(all.find((n: { code: string }) => n.code === '030105')).toMatchObject({ active: false });

    // Another organisation's catalogue is its own.
    expect((await outsider.get('/api/needs')).body[2].children[0].children.map((n: { code: string }) => n.code)).not.toContain('030105');

    const bad = await admin.post('/api/needs/import', { csv: 'parent_code,code,name\n0301,,CARNÉ DE CONDUCIR\n9999,,X\n0302,030101,Y\n0401,,' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.lines.map((l: { line: number }) => l.line)).toEqual([3, 4, 5]);
    // Each line's problem in the admin's language, so they can fix the file line by line.
    expect(bad.body.error.details.lines.map((l: { message: string }) => l.message)).toEqual([
      '«9999» no es una necesidad de segundo nivel.',
      'El código «030101» debe empezar por 0302 y tener de 6 a 8 cifras.',
      'Falta el nombre.',
    ]);
    expect(bad.body.error.message).toBe('El fichero tiene 3 líneas con errores; no se ha importado nada.');
    expect((await admin.get('/api/needs')).body[2].children[0].children.map((n: { name: string }) => n.name)).not.toContain('CARNÉ DE CONDUCIR');

    const good = await admin.post('/api/needs/import', { csv: '0301,,"CARNÉ DE CONDUCIR, TIPO B"\n0301,030105,BRECHA DIGITAL,true\n0205,020501,SOLEDAD NO DESEADA' });
    expect(good.body).toEqual({ created: 2, updated: 1 });
    const labourNow = (await admin.get('/api/needs')).body[2].children[0].children;
    expect(labourNow.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['CARNÉ DE CONDUCIR, TIPO B', 'BRECHA DIGITAL']));
  });
});

describe('[intervenciones] old cases keep what the catalogue no longer offers', () => {
  it('a deactivated specific need stays readable on the case that has it; admins get the Temporal UI link', async () => {
    await admin.post('/api/needs', { parentCode: '0303', name: 'SIN RED DE APOYO', code: '030301' });
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030301']);
    await admin.patch('/api/needs/030301', { active: false });
    const seen = await admin.get(`/api/interventions/${c.id}`);
    expect(seen.body.needs).toEqual([expect.objectContaining({ code: '030301', name: 'SIN RED DE APOYO', active: false, covered: false })]);
    expect(seen.body.temporalUrl).toBe(`http://localhost:8233/namespaces/default/workflows/intervention-${c.id}`);
    expect((await ana.get(`/api/interventions/${c.id}`)).body.temporalUrl).toBeNull();
    // Still coverable: the case's needs are the case's, whatever the catalogue offers now.
    expect((await ana.post(`/api/interventions/${c.id}/needs/030301/cover`, { note: 'Grupo de apoyo' })).status).toBe(200);
    const refused = await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'x', needs: ['030301'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.inactive).toEqual(['030301']);
  });
});

describe('[intervenciones] assessment opens one case per second-level need', () => {
  it('two needs of different groups open two cases; a later assessment extends the open one', async () => {
    const person = await newPerson();
    const first = await assess(person.id, ['030101', '030102', '020499']);
    expect(first.interventions).toHaveLength(2);
    expect(first.interventions.every((i) => i.created)).toBe(true);
    expect(first.interventions.map((i) => i.needCode).sort()).toEqual(['0204', '0301']);
    const labour = first.interventions.find((i) => i.needCode === '0301')!;

    const list = await ana.get(`/api/interventions?personId=${person.id}`);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({ personName: 'Lucía Muñoz Pérez', status: 'open', assigneeId: org.users.professional.id });

    const detail = await ana.get(`/api/interventions/${labour.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: labour.id,
      personId: person.id,
      needCode: '0301',
      needName: 'DIFICULTADES PARA LA INSERCIÓN LABORAL',
      status: 'open',
      assigneeId: org.users.professional.id,
      workflowId: `intervention-${labour.id}`,
      referrals: [],
      temporalUrl: null,
    });
    expect(detail.body.needs.map((n: { code: string; covered: boolean }) => [n.code, n.covered])).toEqual([
      ['030101', false],
      ['030102', false],
    ]);

    const preview = await ana.post(`/api/persons/${person.id}/assessments/preview`, { needs: ['030102', '030104', '040199'] });
    expect(preview.body.interventions).toEqual([
      expect.objectContaining({ needCode: '0301', created: false, interventionId: labour.id, needs: [expect.objectContaining({ code: '030102', alreadyPresent: true }), expect.objectContaining({ code: '030104', alreadyPresent: false })] }),
      expect.objectContaining({ needCode: '0401', created: true, interventionId: null }),
    ]);

    const second = await assess(person.id, ['030104', '040199']);
    expect(second.interventions).toEqual([
      { id: labour.id, code: labour.code, needCode: '0301', created: false },
      expect.objectContaining({ needCode: '0401', created: true }),
    ]);
    const extended = await ana.get(`/api/interventions/${labour.id}`);
    expect(extended.body.needs.map((n: { code: string }) => n.code)).toEqual(['030101', '030102', '030104']);
    expect(extended.body.history.map((h: { action: string }) => h.action)).toContain('needs_added');

    const assessments = await ana.get(`/api/persons/${person.id}/assessments`);
    expect(assessments.body.items).toHaveLength(2);
    expect(assessments.body.items[1].needs.map((n: { code: string }) => n.code)).toEqual(['030101', '030102', '020499']);

    // Search attributes and summary carry codes, never the person's name.
    const description = await sys.temporal.workflow.getHandle(`intervention-${labour.id}`).describe();
    const sa = description.typedSearchAttributes;
    expect([sa.get(kindKey), sa.get(organisationKey), sa.get(personKey), sa.get(needKey), sa.get(businessKeyKey), sa.get(assigneeKey)]).toEqual([
      'intervention', org.id, person.id, '0301', labour.code, org.users.professional.id,
    ]);
    expect(sa.get(statusKey)).toBe('open');
    const summary = await description.staticSummary();
    expect(summary).toBe(`Intervención ${labour.code} · necesidad 0301 · expediente ${person.code}`);
    expect(summary).not.toMatch(/Luc[ií]a|Muñoz/);

    const activity = await ana.get(`/api/persons/${person.id}/activity`);
    expect(activity.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['assessment.created']));
  });

  it('unknown or inactive codes are a 400 naming them; nothing is created', async () => {
    const person = await newPerson();
    await admin.post('/api/needs', { parentCode: '0102', name: 'EN DESUSO', code: '010201' });
    await admin.patch('/api/needs/010201', { active: false });
    const res = await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'x', needs: ['030101', '999999', '0301', '010201'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('999999');
    expect(res.body.error.details.unknown).toEqual(['999999', '0301']);
    expect(res.body.error.details.inactive).toEqual(['010201']);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['needs.1', 'needs.2', 'needs.3']);
    const missing = await ana.post(`/api/persons/${person.id}/assessments`, { needs: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['needs', 'summary']);
    expect((await ana.get(`/api/interventions?personId=${person.id}`)).body.total).toBe(0);
  });

  it('another organisation’s person and cases are 404', async () => {
    const person = await newPerson();
    const { interventions: [i] } = await assess(person.id, ['030101']);
    expect((await outsider.post(`/api/persons/${person.id}/assessments`, { summary: 'x', needs: ['030101'] })).status).toBe(404);
    expect((await outsider.get(`/api/interventions/${i.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/interventions/${i.id}/actions`, { date: '2026-11-20', kind: 'interview', description: 'x' })).status).toBe(404);
    expect((await outsider.post(`/api/interventions/${i.id}/status`, { status: 'pending' })).status).toBe(404);
    expect((await outsider.get(`/api/interventions?personId=${person.id}`)).body.total).toBe(0);
  });
});

describe('[intervenciones] abrir valoración y cerrar caso', () => {
  it('follow-up blocks closing; completing it allows closing with a reason; only a supervisor reopens', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    const action = await ana.post(`/api/interventions/${c.id}/actions`, { date: '2026-11-20', kind: 'interview', description: 'Primera entrevista.' });
    expect(action.status).toBe(201);
    expect(action.body.id).toEqual(expect.any(String));

    const dueAt = soon();
    const fu = await ana.post(`/api/interventions/${c.id}/follow-ups`, { dueAt, note: 'Llamar para ver cómo va la búsqueda' });
    expect(fu.status).toBe(201);

    const refused = await ana.post(`/api/interventions/${c.id}/status`, { status: 'closed', reason: 'objectives_met' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('close_blocked');
    // The follow-up's date as a Spanish reader writes it, in the organisation's time zone.
    const due = new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeZone: 'Europe/Madrid' }).format(new Date(dueAt));
    expect(refused.body.error.message).toBe(`No se puede cerrar la intervención: hay 1 seguimiento pendiente: ${due} · Llamar para ver cómo va la búsqueda.`);
    expect(refused.body.error.details.blockers).toEqual([expect.objectContaining({ type: 'follow_up', id: fu.body.id })]);

    const noReason = await ana.post(`/api/interventions/${c.id}/status`, { status: 'closed' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].path).toBe('reason');

    const done = await ana.post(`/api/interventions/${c.id}/follow-ups/${fu.body.id}/complete`, { outcome: 'Ha encontrado trabajo', notes: 'Contrato de 6 meses' });
    expect(done.status).toBe(200);
    expect(done.body.pendingFollowUps).toBe(0);
    const again = await ana.post(`/api/interventions/${c.id}/follow-ups/${fu.body.id}/complete`, { outcome: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('follow_up_finished');

    const closed = await ana.post(`/api/interventions/${c.id}/status`, { status: 'closed', reason: 'objectives_met', note: 'Inserción laboral conseguida' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const changeClosed = await ana.post(`/api/interventions/${c.id}/actions`, { date: '2026-11-21', kind: 'phone_call', description: 'x' });
    expect(changeClosed.status).toBe(409);
    expect(changeClosed.body.error).toMatchObject({ code: 'intervention_closed', message: `La intervención ${c.code} está cerrada; reábrela para hacer cambios.` });

    const byProfessional = await ana.post(`/api/interventions/${c.id}/reopen`, { note: 'Vuelve' });
    expect(byProfessional.status).toBe(403);
    expect((await ana.post(`/api/interventions/${c.id}/status`, { status: 'in_progress' })).status).toBe(403);

    const reopened = await sara.post(`/api/interventions/${c.id}/reopen`, { note: 'Ha perdido el empleo' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('in_progress');
    const notClosed = await sara.post(`/api/interventions/${c.id}/reopen`, {});
    expect(notClosed.status).toBe(409);
    expect(notClosed.body.error).toMatchObject({ code: 'intervention_not_closed', message: 'Solo se puede reabrir una intervención cerrada; esta está en curso.' });

    const detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.history.map((h: { action: string }) => h.action).reverse()).toEqual([
      'opened', 'status_changed', 'action_recorded', 'follow_up_scheduled', 'follow_up_completed', 'closed', 'reopened',
    ]);
    expect(detail.history[0]).toMatchObject({ action: 'reopened', actorId: org.users.supervisor.id, actorName: org.users.supervisor.name, note: 'Ha perdido el empleo', label: 'Intervención reabierta' });
    expect(detail.followUps[0]).toMatchObject({ status: 'completed', outcome: 'Ha encontrado trabajo', notes: 'Contrato de 6 meses', finishedBy: org.users.professional.id });
    expect(detail.actions[0]).toMatchObject({ kind: 'interview', kindLabel: 'Entrevista', description: 'Primera entrevista.', authorName: org.users.professional.name });
    const [row] = await sys.database.db.select().from(interventions).where(eq(interventions.id, c.id));
    expect(row.closureReason).toBeNull();
    expect((await sys.temporal.workflow.getHandle(row.workflowId).describe()).typedSearchAttributes.get(statusKey)).toBe('in_progress');
  });

  it('needs are covered with a note; when all are, the assignee is prompted to close', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101', '030102']);
    const first = await ana.post(`/api/interventions/${c.id}/needs/030101/cover`, { note: 'Inscrita en el SEPE' });
    expect(first.status).toBe(200);
    expect(first.body.needsCovered).toBe(1);
    expect((await ana.post(`/api/interventions/${c.id}/needs/030101/cover`, {})).body.error.code).toBe('need_already_covered');
    expect((await ana.post(`/api/interventions/${c.id}/needs/040199/cover`, {})).status).toBe(404);
    await ana.post(`/api/interventions/${c.id}/needs/030102/cover`, {});
    const detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.needs[0]).toMatchObject({ code: '030101', covered: true, note: 'Inscrita en el SEPE', coveredBy: org.users.professional.id });
    expect(detail.history.map((h: { action: string }) => h.action)).toContain('all_needs_covered');
    await expect.poll(async () => (await ana.get('/api/notifications')).body.items.map((n: { message: string }) => n.message)).toContain(
      `Todas las necesidades de la intervención ${c.code} están cubiertas: puedes cerrarla.`,
    );
  });

  it('status moves open → in_progress ⇄ pending; refused transitions are 409 with the reason', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    expect((await ana.post(`/api/interventions/${c.id}/status`, { status: 'in_progress' })).body.status).toBe('in_progress');
    const same = await ana.post(`/api/interventions/${c.id}/status`, { status: 'in_progress' });
    expect(same.status).toBe(409);
    expect(same.body.error).toMatchObject({ code: 'status_unchanged', message: 'La intervención ya está en curso.' });
    expect((await ana.post(`/api/interventions/${c.id}/status`, { status: 'pending', note: 'Esperando documentación' })).body.status).toBe('pending');
    const open = await ana.post(`/api/interventions/${c.id}/status`, { status: 'open' });
    expect(open.status).toBe(400);
    const other = await ana.post(`/api/interventions/${c.id}/status`, { status: 'closed', reason: 'other' });
    expect(other.status).toBe(400);
    expect(other.body.error.details.fields[0].path).toBe('note');
    const it = sys.client('it');
    await it.login(org.users.professional.email, TEST_PASSWORD);
    expect((await it.post(`/api/interventions/${c.id}/status`, { status: 'pending' })).body.error.message).toBe('L’intervento è già in attesa.');
  });
});

describe('[intervenciones] assignment, notes, flags, attributes, collaborators, related cases', () => {
  it('assigns to me freely, to a colleague of my unit by default, to others with permission (403 otherwise); the new assignee is notified', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    // A professional hands a case within their team (the unit they share), not to anyone.
    const apart = await addUserOutsideTeams(sys.database.db, org);
    const detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.can.assignTo).toEqual(expect.arrayContaining([org.users.professional.id, org.users.supervisor.id]));
    expect(detail.can.assignTo).not.toContain(apart.id);
    expect((await ana.post(`/api/interventions/${c.id}/assign`, { userId: apart.id })).status).toBe(403);
    expect((await ana.post(`/api/interventions/${c.id}/assign`, { userId: org.users.supervisor.id })).body.assigneeId).toBe(org.users.supervisor.id);
    expect((await sara.get(`/api/interventions/${c.id}`)).body.can.assignTo).toBeNull();
    expect((await ana.post(`/api/interventions/${c.id}/assign`, { userId: null })).status).toBe(403);
    expect((await sara.post(`/api/interventions/${c.id}/assign`, { userId: org.users.professional.id })).status).toBe(200);
    expect((await ana.post(`/api/interventions/${c.id}/assign`, { userId: null })).body.assigneeId).toBeNull();
    expect((await ana.get('/api/interventions?assignee=unassigned')).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await ana.get(`/api/interventions?assignee=assigned&personId=${person.id}`)).body.total).toBe(0);
    expect((await ana.post(`/api/interventions/${c.id}/assign`, { userId: org.users.professional.id })).body.assigneeId).toBe(org.users.professional.id);
    expect((await ana.get('/api/interventions?assignee=me')).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await ana.get(`/api/interventions?assignee=assigned&personId=${person.id}`)).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const bad = await sara.post(`/api/interventions/${c.id}/assign`, { userId: other.users.professional.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('userId');
    const toSigner = await sara.post(`/api/interventions/${c.id}/assign`, { userId: org.users.signer.id });
    expect(toSigner.body).toMatchObject({ assigneeId: org.users.signer.id, assigneeName: org.users.signer.name });
    const signer = sys.client();
    await signer.login(org.users.signer.email, TEST_PASSWORD);
    await expect.poll(async () => (await signer.get('/api/notifications')).body.items.map((n: { message: string }) => n.message)).toContain(`Se te ha asignado la intervención ${c.code}.`);
  });

  it('notes keep author and time; only the author edits or deletes (403)', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    const note = await ana.post(`/api/interventions/${c.id}/notes`, { body: 'Llamada con la familia.' });
    expect(note.status).toBe(201);
    expect((await sara.patch(`/api/interventions/${c.id}/notes/${note.body.id}`, { body: 'otra cosa' })).status).toBe(403);
    const refusal = await sara.delete(`/api/interventions/${c.id}/notes/${note.body.id}`);
    expect(refusal.status).toBe(403);
    expect(refusal.body.error.code).toBe('forbidden_not_note_author');
    expect((await ana.patch(`/api/interventions/${c.id}/notes/${note.body.id}`, { body: 'Llamada con la hija.' })).status).toBe(200);
    let detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.notes).toEqual([expect.objectContaining({ body: 'Llamada con la hija.', authorId: org.users.professional.id, mine: true, editedAt: expect.any(String) })]);
    expect((await ana.delete(`/api/interventions/${c.id}/notes/${note.body.id}`)).status).toBe(204);
    expect((await ana.delete(`/api/interventions/${c.id}/notes/${note.body.id}`)).status).toBe(404);
    detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.notes).toEqual([]);
    expect(detail.history.map((h: { action: string }) => h.action).slice(0, 3)).toEqual(['note_deleted', 'note_edited', 'note_added']);
    expect((await ana.post(`/api/interventions/${c.id}/notes`, { body: '' })).status).toBe(400);
  });

  it('flags are raised and resolved with messages; attributes are set and removed', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    const flag = await ana.post(`/api/interventions/${c.id}/flags`, { message: 'Riesgo de desahucio' });
    expect(flag.status).toBe(201);
    expect((await ana.get('/api/interventions?flagged=true')).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await ana.post(`/api/interventions/${c.id}/flags/${flag.body.id}/resolve`, { message: 'Alquiler social concedido' })).body.openFlags).toBe(0);
    expect((await ana.post(`/api/interventions/${c.id}/flags/${flag.body.id}/resolve`, { message: 'x' })).body.error.code).toBe('flag_already_resolved');
    expect((await ana.put(`/api/interventions/${c.id}/attributes/sepe_id`, { value: 'A-123' })).status).toBe(200);
    expect((await ana.put(`/api/interventions/${c.id}/attributes/bad key`, { value: 'x' })).status).toBe(400);
    let detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.flags[0]).toMatchObject({ message: 'Riesgo de desahucio', resolution: 'Alquiler social concedido', resolvedBy: org.users.professional.id });
    expect(detail.attributes).toEqual([expect.objectContaining({ key: 'sepe_id', value: 'A-123' })]);
    expect((await ana.delete(`/api/interventions/${c.id}/attributes/sepe_id`)).status).toBe(204);
    expect((await ana.delete(`/api/interventions/${c.id}/attributes/sepe_id`)).status).toBe(404);
    detail = (await ana.get(`/api/interventions/${c.id}`)).body;
    expect(detail.attributes).toEqual([]);
  });

  it('a collaborator from a partner organisation sees and works on that case only; what they do is logged', async () => {
    const partner = await createOrganisation(sys.database.db);
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    const { interventions: [notShared] } = await assess((await newPerson()).id, ['030101']);
    const helper = sys.client();
    await helper.login(partner.users.professional.email, TEST_PASSWORD);

    const notPartner = await ana.post(`/api/interventions/${c.id}/collaborators`, { userId: partner.users.professional.id });
    expect(notPartner.status).toBe(400);
    expect((await ana.post('/api/partners', { organisationId: partner.id })).status).toBe(403);
    expect((await admin.post('/api/partners', { organisationId: partner.id })).status).toBe(201);
    expect((await ana.get('/api/partners/users')).body.items.map((u: { id: string }) => u.id)).toContain(partner.users.professional.id);
    expect((await helper.get(`/api/interventions/${c.id}`)).status).toBe(404);

    expect((await ana.post(`/api/interventions/${c.id}/collaborators`, { userId: partner.users.professional.id })).status).toBe(200);
    expect((await ana.post(`/api/interventions/${c.id}/collaborators`, { userId: partner.users.professional.id })).body.error.code).toBe('collaborator_exists');
    const seen = await helper.get(`/api/interventions/${c.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.collaborators).toEqual([expect.objectContaining({ userId: partner.users.professional.id, partner: true, organisationId: partner.id })]);
    expect(seen.body.can).toMatchObject({ edit: true, manage: false });
    expect((await helper.get('/api/interventions')).body.items.map((i: { id: string; collaborating: boolean }) => [i.id, i.collaborating])).toEqual([[c.id, true]]);
    expect((await helper.get(`/api/interventions/${notShared.id}`)).status).toBe(404);
    expect((await helper.get(`/api/persons/${person.id}`)).status).toBe(404);

    expect((await helper.post(`/api/interventions/${c.id}/actions`, { date: '2026-11-22', kind: 'coordination', description: 'Plaza en taller de empleo' })).status).toBe(201);
    expect((await helper.post(`/api/interventions/${c.id}/status`, { status: 'pending' })).status).toBe(403);
    expect((await helper.post(`/api/interventions/${c.id}/assign`, { userId: partner.users.professional.id })).status).toBe(403);

    const entries = await sys.database.db.select().from(auditLog).where(eq(auditLog.subjectId, c.id));
    expect(entries.find((e) => e.action === 'intervention.action_recorded')).toMatchObject({
      organisationId: org.id,
      personId: person.id,
      actorId: partner.users.professional.id,
      details: expect.objectContaining({ actorOrganisationId: partner.id }),
    });
    expect((await ana.get(`/api/interventions/${c.id}`)).body.history[0]).toMatchObject({ action: 'action_recorded', actorId: partner.users.professional.id });

    expect((await ana.delete(`/api/interventions/${c.id}/collaborators/${partner.users.professional.id}`)).status).toBe(204);
    expect((await helper.get(`/api/interventions/${c.id}`)).status).toBe(404);
  });

  it('relates another person’s case (both sides see it); unknown or self links are refused', async () => {
    const mother = await newPerson(ana, 'Carmen', 'Sánchez Ruiz');
    const son = await newPerson(ana, 'Pablo', 'Sánchez');
    const { interventions: [a] } = await assess(mother.id, ['020199']);
    const { interventions: [b] } = await assess(son.id, ['030299']);
    const linked = await ana.post(`/api/interventions/${a.id}/related`, { interventionId: b.id, note: 'Hijo; absentismo escolar' });
    expect(linked.status).toBe(200);
    expect((await ana.post(`/api/interventions/${a.id}/related`, { interventionId: b.id })).body.error.code).toBe('related_exists');
    expect((await ana.post(`/api/interventions/${a.id}/related`, { interventionId: a.id })).body.error.code).toBe('related_self');
    const { interventions: [foreign] } = await assess((await newPerson(outsider)).id, ['030101'], outsider);
    expect((await ana.post(`/api/interventions/${a.id}/related`, { interventionId: foreign.id })).status).toBe(400);
    expect((await ana.get(`/api/interventions/${a.id}`)).body.related).toEqual([
      expect.objectContaining({ interventionId: b.id, personName: 'Pablo Sánchez', direction: 'outgoing', note: 'Hijo; absentismo escolar' }),
    ]);
    expect((await ana.get(`/api/interventions/${b.id}`)).body.related).toEqual([expect.objectContaining({ interventionId: a.id, personName: 'Carmen Sánchez Ruiz', direction: 'incoming' })]);
    expect((await ana.delete(`/api/interventions/${a.id}/related/${b.id}`)).status).toBe(204);
    expect((await ana.get(`/api/interventions/${b.id}`)).body.related).toEqual([]);
  });
});

describe('[intervenciones] lists, dashboard, calendar, bulk', () => {
  it('filters by status, need, dates and searches by case code or person name without accents', async () => {
    const tag = `Zq${Date.now().toString(36)}`;
    const person = await newPerson(ana, `Íñigo${tag}`, 'Ibáñez');
    const { interventions: [c, d] } = await assess(person.id, ['030101', '040199']);
    const byName = await ana.get(`/api/interventions?q=${encodeURIComponent(`inigo${tag.toLowerCase()} IBANEZ`)}`);
    expect(byName.body.items.map((i: { id: string }) => i.id).sort()).toEqual([c.id, d.id].sort());
    expect((await ana.get(`/api/interventions?q=${c.code.toLowerCase()}`)).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    // As people say it: INT-18 for INT-000018, the leading zeros left out.
    const short = c.code.replace(/^INT-0+/, 'INT-');
    expect((await ana.get(`/api/interventions?q=${short}`)).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await ana.get(`/api/interventions?personId=${person.id}&needCode=04`)).body.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect((await ana.get(`/api/interventions?personId=${person.id}&needCode=0301`)).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    await ana.post(`/api/interventions/${d.id}/status`, { status: 'pending' });
    expect((await ana.get(`/api/interventions?personId=${person.id}&status=pending`)).body.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect((await ana.get(`/api/interventions?personId=${person.id}&status=open,pending`)).body.total).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ana.get(`/api/interventions?personId=${person.id}&from=${today}&to=${today}`)).body.total).toBe(2);
    expect((await ana.get(`/api/interventions?personId=${person.id}&to=2020-01-01`)).body.total).toBe(0);
    const paged = await ana.get(`/api/interventions?personId=${person.id}&pageSize=1&page=2&sort=code`);
    expect(paged.body).toMatchObject({ total: 2, items: [expect.objectContaining({ code: [c.code, d.code].sort()[1] })] });
    const bad = await ana.get('/api/interventions?status=done&pageSize=500&from=ayer');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['from', 'pageSize', 'status']);
  });

  it('bulk: one Update per case; partial failures are reported per case', async () => {
    const person = await newPerson();
    const { interventions: [a, b] } = await assess(person.id, ['030101', '040199']);
    const foreign = (await assess((await newPerson(outsider)).id, ['030101'], outsider)).interventions[0];
    await ana.post(`/api/interventions/${b.id}/follow-ups`, { dueAt: soon(), note: 'Revisar' });

    expect((await ana.post('/api/interventions/bulk', { ids: [a.id], status: 'pending' })).status).toBe(403);
    const closing = await sara.post('/api/interventions/bulk', { ids: [a.id, b.id, foreign.id], status: 'closed', reason: 'objectives_met' });
    expect(closing.status).toBe(200);
    expect(closing.body).toMatchObject({ total: 3, succeeded: 1, failed: 2 });
    expect(closing.body.results).toEqual([
      { id: a.id, code: a.code, ok: true, status: 200 },
      { id: b.id, code: b.code, ok: false, status: 409, error: expect.objectContaining({ code: 'close_blocked' }) },
      { id: foreign.id, code: null, ok: false, status: 404, error: expect.objectContaining({ code: 'not_found' }) },
    ]);
    const assigning = await sara.post('/api/interventions/bulk', { ids: [a.id, b.id], assigneeId: org.users.supervisor.id, flag: 'Revisión trimestral' });
    expect(assigning.body.results.map((r: { ok: boolean; error?: { code: string } }) => r.ok || r.error!.code)).toEqual(['intervention_closed', true]);
    const bDetail = (await sara.get(`/api/interventions/${b.id}`)).body;
    expect(bDetail).toMatchObject({ assigneeId: org.users.supervisor.id, openFlags: 1 });
    expect((await sara.post('/api/interventions/bulk', { ids: [a.id] })).status).toBe(400);
  });

  it('dashboard counts, recent cases and calendar of my follow-ups', async () => {
    const fresh = await createOrganisation(sys.database.db);
    const me = sys.client();
    await me.login(fresh.users.professional.email, TEST_PASSWORD);
    const boss = sys.client();
    await boss.login(fresh.users.supervisor.email, TEST_PASSWORD);
    const person = await newPerson(me);
    const { interventions: [a, b, c] } = await assess(person.id, ['030101', '040199', '020199'], me);
    await me.post(`/api/interventions/${b.id}/assign`, { userId: null });
    await boss.post(`/api/interventions/${c.id}/status`, { status: 'closed', reason: 'opened_in_error' });
    const due = new Date(Date.now() + 2 * 86_400_000);
    const fu = await me.post(`/api/interventions/${a.id}/follow-ups`, { dueAt: due.toISOString(), note: 'Revisar CV' });
    const dateOnly = await me.post(`/api/interventions/${a.id}/follow-ups`, { dueAt: '2031-03-03', note: 'Dentro de años' });
    const summary = await me.get('/api/interventions/summary');
    expect(summary.body.counts).toEqual({ total: 3, unassigned: 1, assigned: 1, closed: 1, open: 2, inProgress: 0, pending: 0, mine: 1 });
    expect(summary.body.recent.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(summary.body.overdueFollowUps).toEqual([]);

    const from = new Date().toISOString().slice(0, 10);
    const cal = await me.get(`/api/calendar?from=${from}`);
    expect(cal.body.items).toEqual([
      {
        type: 'follow_up', id: fu.body.id, dueAt: due.toISOString(), status: 'scheduled', overdue: false, interventionId: a.id, code: a.code, personName: 'Lucía Muñoz Pérez', note: 'Revisar CV',
        // Added with follow-up owners (issue 9): the owning case, whatever its kind.
        owner: { type: 'intervention', id: a.id, code: a.code, title: 'DIFICULTADES PARA LA INSERCIÓN LABORAL' },
      },
    ]);
    const march = await me.get('/api/calendar?from=2031-03-01&to=2031-03-31');
    expect(march.body.items).toEqual([expect.objectContaining({ id: dateOnly.body.id, dueAt: '2031-03-03T08:00:00.000Z' })]);
    // Full ISO 8601 date-times, as the contract says, bound the instant exactly.
    const q = (from: string, to: string) => me.get(`/api/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect((await q('2031-03-03T09:00:00+01:00', '2031-03-03T08:00:00.000Z')).body.items.map((i: { id: string }) => i.id)).toEqual([dateOnly.body.id]);
    expect((await q('2031-03-03T08:00:01Z', '2031-03-31T00:00:00Z')).body.items).toEqual([]);
    expect((await q('2031-03-01T00:00:00Z', '2031-03-03')).body.items.map((i: { id: string }) => i.id)).toEqual([dateOnly.body.id]);
    expect((await me.get('/api/calendar?from=0003-12-31')).status).toBe(400);
    expect((await me.get('/api/calendar?from=2031-03-03T08:00:00')).status).toBe(400); // no offset: whose 8 o'clock?
    expect((await boss.get(`/api/calendar?from=${from}`)).body.items).toEqual([]);
    expect((await me.get('/api/calendar?from=mañana')).status).toBe(400);
  });
});

describe('[intervenciones] deleting a person', () => {
  it('is refused while a case is open; then removes the cases and ends their workflows', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    const impact = await admin.get(`/api/persons/${person.id}/deletion-impact`);
    expect(impact.body.removes).toMatchObject({ interventions: 1, assessments: 1 });
    // The dialog says what it is: one open case (not "closed"), which stops the deletion.
    expect(impact.body.breakdown.interventions).toMatchObject({ open: 1, closed: 0 });
    expect(impact.body.blockedBy).toEqual({ interventions: [c.code] });
    const refused = await admin.delete(`/api/persons/${person.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'person_has_open_interventions', details: { codes: [c.code] } });
    await admin.post(`/api/interventions/${c.id}/status`, { status: 'closed', reason: 'moved' });
    const afterClosing = await admin.get(`/api/persons/${person.id}/deletion-impact`);
    expect(afterClosing.body.breakdown.interventions).toMatchObject({ open: 0, closed: 1 });
    expect(afterClosing.body.blockedBy).toEqual({});
    expect((await admin.delete(`/api/persons/${person.id}`)).status).toBe(204);
    expect(await sys.database.db.select().from(interventions).where(eq(interventions.id, c.id))).toEqual([]);
    expect(await sys.database.db.select().from(interventionEvents).where(eq(interventionEvents.interventionId, c.id))).toEqual([]);
    const description = await sys.temporal.workflow.getHandle(`intervention-${c.id}`).describe();
    expect(description.status.name).toBe('TERMINATED');
  });
});

describe('[intervenciones] reminders by email', () => {
  it('a follow-up scheduled for a time already past reminds the assignee at once, in-app and by email', async () => {
    const person = await newPerson();
    const { interventions: [c] } = await assess(person.id, ['030101']);
    const fu = await ana.post(`/api/interventions/${c.id}/follow-ups`, { dueAt: new Date(Date.now() - 60_000).toISOString(), note: 'Ya vencido' });
    const mail = await waitForMail(sys.database.db, org.users.professional.email, (s) => s.includes(c.code));
    expect(mail.subject).toContain('Tienes un seguimiento que vence el');
    expect(mail.text).toContain(`/intervenciones/${c.id}`);
    // The email says what is due, not the note: case content stays in the app.
    expect(mail.text).not.toContain('Ya vencido');
    await expect.poll(async () => (await ana.get(`/api/interventions/${c.id}`)).body.followUps[0].status).toBe('due');
    expect((await ana.get(`/api/interventions/${c.id}`)).body.followUps[0].id).toBe(fu.body.id);
  });
});
