// A skills assessment (bilancio delle competenze), SPEC §3.3 and issue 13: four phases strictly in
// order (preliminary → investigative → repositioning → enrolment). Each phase's panels are saved as
// drafts (savePanels) and the phase is completed explicitly (completePhase): its validator checks
// the order, the required panels, the signed contract (preliminary) and the chosen course
// (enrolment). Completing investigative, repositioning and enrolment sends the worker that
// phase's PDF. No panel saved for N working days → the operator is reminded; each save restarts it.
import {
  allHandlersFinished,
  condition,
  log,
  makeContinueAsNewFunc,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createSkillsAssessmentActivities, SkillsAssessmentProjection } from '../activities/skills-assessment.activities';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import {
  canWorkOnAssessment,
  missingPanels,
  phaseIndex,
  skillsAssessmentPhases,
  unknownPanels,
  type SkillsAssessmentPhase,
} from '../domain/skills-assessments';
import { addWorkingDays } from '../domain/working-days';
import { serialProjections, tolerateInvalidData } from './projection-order';
import { statusKey } from './search-attributes';
import { msUntil, now, refuse, setUpdateHandler } from './shared';
import {
  chooseEnrolmentUpdate,
  completePhaseUpdate,
  savePanelsUpdate,
  SKILLS_ASSESSMENT_HISTORY_KEPT_IN_WORKFLOW,
  skillsAssessmentErrors as E,
  skillsAssessmentStateQuery,
  uploadContractUpdate,
  type SkillsAssessmentActor,
  type SkillsAssessmentHistoryAction,
  type SkillsAssessmentInput,
  type SkillsAssessmentState,
} from './skills-assessment.definitions';

type Activities = ReturnType<typeof createSkillsAssessmentActivities>;
const { projectSkillsAssessment } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});
// A PDF and one message through the message service (the outbox retries the SMTP part).
const { sendSkillsAssessmentDocument, sendSkillsAssessmentNotice } = proxyActivities<Activities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invalid_data'] },
});

function initialState(input: SkillsAssessmentInput): SkillsAssessmentState {
  const at = now().toISOString();
  return {
    assessmentId: input.assessmentId,
    organisationId: input.organisationId,
    personId: input.personId,
    appointmentId: input.appointmentId,
    operatorId: input.operatorId,
    status: 'in_progress',
    phase: 'preliminary',
    phases: skillsAssessmentPhases.map((phase, i) => ({ phase, status: i === 0 ? 'in_progress' : 'pending', panels: {}, savedAt: null, completedAt: null, completedBy: null })),
    contract: null,
    enrolment: null,
    lastSavedAt: at,
    nextReminderAt: null,
    reminders: 0,
    completedAt: null,
    history: [],
    historySeq: 0,
    calendar: input.calendar,
    policy: input.policy,
    version: 0,
  };
}

export async function skillsAssessmentWorkflow(input: SkillsAssessmentInput): Promise<SkillsAssessmentState> {
  const state: SkillsAssessmentState = input.carried ?? initialState(input);
  let dirtyPhases = new Set<SkillsAssessmentPhase>(input.carried ? [] : skillsAssessmentPhases);
  let shownStatus = input.carried ? '' : 'preliminary';

  const record = (action: SkillsAssessmentHistoryAction, by: string | null, details: Record<string, unknown> = {}) => {
    state.history.push({ seq: ++state.historySeq, at: now().toISOString(), by, action, details });
    if (state.history.length > SKILLS_ASSESSMENT_HISTORY_KEPT_IN_WORKFLOW) state.history.splice(0, state.history.length - SKILLS_ASSESSMENT_HISTORY_KEPT_IN_WORKFLOW);
    state.version++;
  };
  const answer = () => ({ assessmentId: state.assessmentId, status: state.status, phase: state.phase, version: state.version });
  const phaseState = (phase: SkillsAssessmentPhase) => state.phases[phaseIndex(phase)];
  /** The inactivity reminder: N working days after the last save (or the last reminder). */
  const planReminder = (from: Date) => {
    state.nextReminderAt = state.status === 'complete' ? null : addWorkingDays(from, state.policy.inactivityWorkingDays, state.calendar).toISOString();
  };

  const runProjection = serialProjections();
  const project = () => runProjection(projectChanges);
  const projectChanges = async () => {
    const phases = state.phases.filter((p) => dirtyPhases.has(p.phase));
    dirtyPhases = new Set();
    const payload: SkillsAssessmentProjection = {
      assessmentId: state.assessmentId,
      organisationId: state.organisationId,
      version: state.version,
      summary: {
        status: state.status,
        phase: state.phase,
        contractFileId: state.contract?.fileId ?? null,
        enrolment: state.enrolment ? { courseId: state.enrolment.courseId, courseTitle: state.enrolment.courseTitle, providerId: state.enrolment.providerId, providerName: state.enrolment.providerName, chosenAt: state.enrolment.chosenAt } : null,
        lastSavedAt: state.lastSavedAt,
        nextReminderAt: state.nextReminderAt,
        reminders: state.reminders,
        completedAt: state.completedAt,
      },
      phases,
    };
    const shown = state.status === 'complete' ? 'complete' : state.phase;
    if (shownStatus !== shown) {
      upsertSearchAttributes([{ key: statusKey, value: shown }]);
      shownStatus = shown;
    }
    setCurrentDetails(
      t(TEMPORAL_UI_LOCALE, 'temporal.skills_assessment.details', { phase: `@skills_assessment.phase.${state.phase}`, status: `@skills_assessment.status.${state.status}`, nextAt: state.nextReminderAt ?? '—' }),
    );
    await tolerateInvalidData(projectSkillsAssessment(payload), `skills assessment ${state.assessmentId}`);
  };

  // ---- validators: they read state only ---------------------------------------------------------
  const mayAct = (actor: SkillsAssessmentActor) => {
    const verdict = canWorkOnAssessment({ userId: actor.by, organisationId: actor.organisationId, roles: actor.roles }, state);
    if (verdict === 'other_organisation') refuse(E.otherOrganisation, 'The assessment belongs to another organisation');
    if (verdict === 'not_operator') refuse(E.notOperator, 'Only the assessment’s operator, a supervisor or an admin may work on it', { operatorId: state.operatorId });
  };
  const notComplete = () => {
    if (state.status === 'complete') refuse(E.assessmentComplete, 'The assessment is complete');
  };
  /** The phase must be the one being worked on: an earlier incomplete phase comes first. */
  const isCurrent = (phase: SkillsAssessmentPhase) => {
    notComplete();
    const p = phaseState(phase);
    if (p.status === 'complete') refuse(E.alreadyComplete, `The ${phase} phase is already complete`, { phase, phaseLabel: `@skills_assessment.phase.${phase}` });
    if (phase !== state.phase) {
      refuse(E.outOfOrder, `The ${state.phase} phase must be completed first`, {
        phase,
        required: state.phase,
        phaseLabel: `@skills_assessment.phase.${phase}`,
        requiredLabel: `@skills_assessment.phase.${state.phase}`,
      });
    }
  };

  if (!input.carried) {
    record('created', input.createdBy, { appointmentId: input.appointmentId });
    planReminder(new Date(state.lastSavedAt));
  }

  // ---- handlers ---------------------------------------------------------------------------------
  setHandler(skillsAssessmentStateQuery, () => state);

  setUpdateHandler(
    savePanelsUpdate,
    async ({ by, phase, panels }) => {
      const p = phaseState(phase);
      p.panels = { ...p.panels, ...panels };
      p.savedAt = now().toISOString();
      state.lastSavedAt = p.savedAt;
      planReminder(new Date(state.lastSavedAt));
      dirtyPhases.add(phase);
      record('panels_saved', by, { phase, panels: Object.keys(panels) });
      await project();
      return answer();
    },
    {
      validator: (args) => {
        mayAct(args);
        isCurrent(args.phase);
        const unknown = unknownPanels(args.phase, args.panels);
        if (unknown.length) refuse(E.unknownPanel, `Unknown panels for ${args.phase}: ${unknown.join(', ')}`, { phase: args.phase, panels: unknown.join(', ') });
      },
    },
  );

  setUpdateHandler(
    uploadContractUpdate,
    async ({ by, fileId, name, mediaType, size }) => {
      state.contract = { fileId, name, mediaType, size, uploadedBy: by, uploadedAt: now().toISOString() };
      state.lastSavedAt = state.contract.uploadedAt;
      planReminder(new Date(state.lastSavedAt));
      record('contract_uploaded', by, { fileId, name, mediaType, size });
      await project();
      return answer();
    },
    {
      validator: (args) => {
        mayAct(args);
        isCurrent('preliminary');
      },
    },
  );

  setUpdateHandler(
    chooseEnrolmentUpdate,
    async ({ by, courseId, courseTitle, providerId, providerName }) => {
      state.enrolment = { courseId, courseTitle, providerId, providerName, chosenBy: by, chosenAt: now().toISOString() };
      state.lastSavedAt = state.enrolment.chosenAt;
      planReminder(new Date(state.lastSavedAt));
      record('enrolment_chosen', by, { courseId, providerId });
      await project();
      return answer();
    },
    {
      validator: (args) => {
        mayAct(args);
        isCurrent('enrolment');
      },
    },
  );

  setUpdateHandler(
    completePhaseUpdate,
    async ({ by, phase }) => {
      const p = phaseState(phase);
      p.status = 'complete';
      p.completedAt = now().toISOString();
      p.completedBy = by;
      dirtyPhases.add(phase);
      record('phase_completed', by, { phase });
      const next = skillsAssessmentPhases[phaseIndex(phase) + 1];
      if (next) {
        state.phase = next;
        phaseState(next).status = 'in_progress';
        dirtyPhases.add(next);
        state.lastSavedAt = p.completedAt;
        planReminder(new Date(state.lastSavedAt));
      } else {
        state.status = 'complete';
        state.completedAt = p.completedAt;
        state.nextReminderAt = null;
        record('completed', by);
      }
      await project();
      // The worker gets the phase's document (the contract was printed and signed in person).
      if (phase !== 'preliminary') {
        await sendSkillsAssessmentDocument({ assessmentId: state.assessmentId, organisationId: state.organisationId, document: phase, by });
      }
      return answer();
    },
    {
      validator: (args) => {
        mayAct(args);
        isCurrent(args.phase);
        const missing = missingPanels(args.phase, phaseState(args.phase).panels);
        if (missing.length) {
          refuse(E.notReady, `Fill in ${missing.join(', ')} before completing the ${args.phase} phase`, {
            phase: args.phase,
            phaseLabel: `@skills_assessment.phase.${args.phase}`,
            missing: missing.map((m) => `@skills_assessment.panel.${m}`).join(', '),
            panels: missing.join(','),
          });
        }
        if (args.phase === 'preliminary' && !state.contract) refuse(E.contractMissing, 'Upload the signed contract before completing the preliminary phase');
        if (args.phase === 'enrolment' && !state.enrolment) refuse(E.enrolmentMissing, 'Choose the course and the provider before completing the enrolment');
      },
    },
  );

  const remind = async () => {
    state.reminders++;
    record('inactivity_reminder', null, { since: state.lastSavedAt, days: state.policy.inactivityWorkingDays, phase: state.phase });
    planReminder(now());
    await project();
    await sendSkillsAssessmentNotice({
      assessmentId: state.assessmentId,
      organisationId: state.organisationId,
      operatorId: state.operatorId,
      phase: state.phase,
      since: state.lastSavedAt,
      days: state.policy.inactivityWorkingDays,
      dedupe: `${state.historySeq}`,
    });
  };

  // ---- the assessment's life --------------------------------------------------------------------
  await project();
  for (;;) {
    if (state.status === 'complete') break;
    if (workflowInfo().continueAsNewSuggested) break;
    const seen = state.version;
    const wake = () => state.version !== seen || workflowInfo().continueAsNewSuggested;
    if (!state.nextReminderAt) {
      await condition(wake);
      continue;
    }
    if (await condition(wake, msUntil(new Date(state.nextReminderAt)))) continue;
    await remind();
  }

  await condition(allHandlersFinished);
  if (state.status === 'complete') return state;
  log.info('continuing as new', { historyLength: workflowInfo().historyLength });
  const continueAsNew = makeContinueAsNewFunc<typeof skillsAssessmentWorkflow>({ typedSearchAttributes: workflowInfo().typedSearchAttributes });
  return continueAsNew({ ...input, carried: state });
}
