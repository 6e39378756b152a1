// The demo's running processes, made on the first start through the very services the API uses,
// so the Temporal UI, the dashboard and the signature tray show real work from the first minute:
// a pending invitation, an assessment that opened two cases (one with a follow-up), and a
// communication waiting in the director's tray. Never in production (the demo seed is refused).
import { and, eq } from 'drizzle-orm';
import type { AppDeps, SessionUser } from '../api/context';
import { userProfile } from '../api/middleware/session';
import { createAssessment } from '../api/services/assessments';
import { scheduleFollowUp } from '../api/services/follow-ups';
import { createReferral, sendReferral } from '../api/services/referrals';
import { inviteUser } from '../api/services/invitations';
import { act, createCommunication, findVisibleCommunication, resolveSigners, viewerOf } from '../api/services/ventanilla';
import { organisations, persons, resources, units, users } from '../db/schema';
import { interventionWorkflowId } from '../workflows/intervention.definitions';
import { referralWorkflowId } from '../workflows/referral.definitions';
import { submitCommunicationUpdate } from '../workflows/ventanilla.definitions';
import { startDemoCpiWork } from './demo-cpi';
import { startDemoJobOffers } from './demo-job-offers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPerson } from '../api/services/persons';
import { chooseEnrolment, completePhase, createSkillsAssessment, listCourses, savePanels, uploadContract } from '../api/services/skills-assessments';
import { importCatalogue, type CatalogueKind } from '../db/training-catalogue';
import { readSpreadsheet } from '../documents/spreadsheets';
import { codiceFiscaleCheckCharacter } from '../domain/identity-documents';
import { loadSkillsAssessmentContext, renderSkillsAssessmentDocument } from '../documents/skills-assessment';
import { projectRoot } from '../platform/paths';
import { skillsAssessmentWorkflowId } from '../workflows/skills-assessment.definitions';
import { trainingCourses } from '../db/schema';
import { demoCvs } from '../db/seed/demo-cv';
import { listProfessionalCards, saveCv } from '../api/services/cv';
import { professionalCardWorkflowId } from '../workflows/professional-card.definitions';

const DAY = 24 * 60 * 60 * 1000;

async function demoUser(deps: AppDeps, email: string): Promise<SessionUser> {
  const [row] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const profile = row && (await userProfile(deps.db, row.id));
  if (!profile) throw new Error(`demo user ${email} is missing`);
  return { ...profile, sessionId: 'demo-seed' };
}

export async function startDemoWorkflows(deps: AppDeps): Promise<string[]> {
  const admin = await demoUser(deps, 'admin@cauce.local');
  const ana = await demoUser(deps, 'ana@cauce.local');
  const director = await demoUser(deps, 'director@cauce.local');
  const started: string[] = [];

  const invitation = await inviteUser(deps, admin, { email: 'luis@cauce.local', name: 'Luis Ortega', roles: ['professional'], locale: 'es' });
  started.push(invitation.workflowId);

  const [lucia] = await deps.db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.organisationId, ana.organisationId), eq(persons.documentId, '12345678Z')));
  const assessment = await createAssessment(deps, ana, lucia.id, {
    summary: 'Entrevista inicial. Lleva 14 meses en paro y tiene dificultades para pagar el alquiler.',
    needs: ['030102', '030104', '040199'],
  });
  const labour = assessment.interventions.find((i) => i.needCode === '0301')!;
  await scheduleFollowUp(deps, ana, labour.id, {
    dueAt: new Date(Date.now() + 2 * DAY).toISOString(),
    note: 'Llamar para saber cómo va la inscripción en el curso de formación',
  });
  started.push(...assessment.interventions.map((i) => interventionWorkflowId(i.id)));

  // Referrals of the labour case: one sent to the employment service (awaiting its answer, its
  // email in the captured mail), one drafted to the partner CPI.
  const directory = await deps.db.select({ id: resources.id, name: resources.name }).from(resources).where(eq(resources.organisationId, ana.organisationId));
  const byName = (name: string) => directory.find((r) => r.name === name)!;
  const sent = await createReferral(deps, ana, labour.id, { resourceId: byName('Centro de Empleo Norte').id, note: 'Necesita orientación para inscribirse en un curso de formación.' });
  await sendReferral(deps, ana, sent.id, { channels: ['email'], consent: { given: true, method: 'verbal' } });
  const drafted = await createReferral(deps, ana, labour.id, { resourceId: byName('CPI Demo (Italia)').id, note: 'Valorar un bilancio delle competenze.' });
  started.push(referralWorkflowId(sent.id), referralWorkflowId(drafted.id));

  const [cpi] = await deps.db
    .select({ id: units.id })
    .from(units)
    .innerJoin(organisations, eq(organisations.id, units.organisationId))
    .where(eq(organisations.kind, 'cpi'));
  const viewer = await viewerOf(deps.db, ana);
  const communication = await createCommunication(deps, viewer, {
    recipientUnitId: cpi.id,
    subject: 'Solicitud de información sobre itinerario de empleo',
    body: 'Solicitamos información sobre el itinerario de empleo de la persona atendida para coordinar la intervención.',
  });
  const { senderUnitId } = await findVisibleCommunication(deps.db, viewer, communication.id);
  const signers = await resolveSigners(deps.db, viewer, senderUnitId, [director.id]);
  await act(deps, viewer, communication.id, submitCommunicationUpdate, (actor) => ({ actor, signers, mode: 'sequential' as const }), 'communication.submitted', {
    signerIds: [director.id],
    mode: 'sequential',
  });
  started.push(communication.workflowId);

  // The placement agency's job offers, one of them filled by a placement.
  started.push(...(await startDemoJobOffers(deps, ana)));

  // The CPI Demo: a priority list with verifications and today's appointments.
  started.push(...(await startDemoCpiWork(deps, await demoUser(deps, 'operatore@cauce.local'))));
  started.push(...(await startDemoSkillsAssessments(deps)));
  started.push(...(await seedDemoCvs(deps, ana)));
  return started;
}

/**
 * The CPI Demo's repertoire and training catalogue, imported from the sample files through the
 * real import, and two bilanci of the operatore: one in the investigative phase, one complete.
 */
async function startDemoSkillsAssessments(deps: AppDeps): Promise<string[]> {
  const operatore = await demoUser(deps, 'operatore@cauce.local');
  for (const [kind, file] of [['competences', 'competenze.csv'], ['courses', 'corsi.csv'], ['providers', 'enti.csv']] as Array<[CatalogueKind, string]>) {
    const rows = await readSpreadsheet(readFileSync(join(projectRoot, 'db', 'seed', 'cpi', file)));
    const { problems } = await importCatalogue(deps.db, operatore.organisationId, kind, Array.isArray(rows) ? rows : []);
    if (problems.length) throw new Error(`demo ${file}: ${JSON.stringify(problems)}`);
  }
  const cf = (first15: string) => first15 + codiceFiscaleCheckCharacter(first15);
  const marco = await createPerson(deps.db, operatore, { firstName: 'Marco', lastName: 'Rossi', email: 'marco.rossi@example.org', documentId: cf('RSSMRC80A01A662') } as never);
  const anna = await createPerson(deps.db, operatore, { firstName: 'Anna', lastName: 'Esposito', email: 'anna.esposito@example.org', documentId: cf('SPSNNA88C45A662') } as never);
  const it = 'it' as const;
  const signAndStart = async (personId: string) => {
    const { id } = await createSkillsAssessment(deps, operatore, { personId });
    await savePanels(deps, operatore, id, 'preliminary', { needs: { text: 'Disoccupato da un anno, vuole riqualificarsi.' }, agreement: { text: 'Sei colloqui in due mesi.' } }, it);
    // The "scan" is the contract itself, as the printer would give it back.
    const ctx = (await loadSkillsAssessmentContext(deps.db, id))!;
    const { pdf } = await renderSkillsAssessmentDocument(deps.db, ctx, 'contract');
    await uploadContract(deps, operatore, id, { name: 'contratto-firmato.pdf', content: Buffer.from(pdf) }, it);
    await completePhase(deps, operatore, id, 'preliminary', it);
    return id;
  };
  const inProgress = await signAndStart(marco.id);
  await savePanels(deps, operatore, inProgress, 'investigative', { education: { text: 'Diploma di perito meccanico (1999)' }, experience: { text: 'Operaio metalmeccanico, 2000-2023' } }, it);

  const complete = await signAndStart(anna.id);
  await savePanels(
    deps,
    operatore,
    complete,
    'investigative',
    {
      education: { text: 'Diploma di ragioneria (2007)' },
      experience: { text: 'Magazziniera presso un centro di distribuzione, 2012-2024' },
      competences: { codes: ['LOG01', 'LOG03', 'ICT01'] },
      interests: { sectors: ['Logistica'] },
      constraints: { text: 'Disponibile solo in provincia di Bari' },
    },
    it,
  );
  await completePhase(deps, operatore, complete, 'investigative', it);
  await savePanels(
    deps,
    operatore,
    complete,
    'repositioning',
    {
      project: { text: 'Addetta alla logistica di magazzino', sector: 'Logistica', province: 'BA' },
      plan: { text: 'Corso di 150 ore, poi candidature presso i centri logistici della provincia.' },
      feedback: { text: 'Progetto condiviso: buona corrispondenza con le esperienze precedenti.' },
    },
    it,
  );
  await completePhase(deps, operatore, complete, 'repositioning', it);
  const [course] = await deps.db.select({ id: trainingCourses.id }).from(trainingCourses).where(and(eq(trainingCourses.organisationId, operatore.organisationId), eq(trainingCourses.code, 'FOR-LOG-01')));
  const provider = (await listCourses(deps.db, operatore)).items.find((c) => c.id === course.id)!.providers.find((p) => p.province === 'BA')!;
  await chooseEnrolment(deps, operatore, complete, { courseId: course.id, providerId: provider.providerId }, it);
  await completePhase(deps, operatore, complete, 'enrolment', it);
  return [skillsAssessmentWorkflowId(inProgress), skillsAssessmentWorkflowId(complete)];
}

/** The demo persons' CVs (db/seed/demo-cv.ts), saved as the tab saves them: their cards' reminders start. */
async function seedDemoCvs(deps: AppDeps, professional: SessionUser): Promise<string[]> {
  const catalogue = (await listProfessionalCards(deps.db, professional, { all: true })).items;
  const started: string[] = [];
  for (const { documentId, cards, ...cv } of demoCvs) {
    const [person] = await deps.db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.organisationId, professional.organisationId), eq(persons.documentId, documentId)));
    if (!person) continue;
    const saved = await saveCv(deps, professional, person.id, {
      ...cv,
      documentId,
      cards: cards.map((c) => ({
        cardId: catalogue.find((k) => k.code === c.code)!.id,
        expiresOn: c.expiresInDays === null ? null : new Date(Date.now() + c.expiresInDays * DAY).toISOString().slice(0, 10),
      })),
    });
    started.push(...saved.cards.filter((c) => c.expiresOn).map((c) => professionalCardWorkflowId(c.id)));
  }
  return started;
}
