import { describe, expect, it } from 'vitest';
import { canChangeStatus, closeBlockers, closureReasons, actionKinds, policyFromSettings } from '../../domain/interventions';
import { t } from '../../domain/i18n';

describe('intervention rules', () => {
  it('status moves open → in_progress ⇄ pending → closed; never back to open; closed only by reopening', () => {
    expect(canChangeStatus('open', 'in_progress')).toBe(true);
    expect(canChangeStatus('in_progress', 'pending')).toBe(true);
    expect(canChangeStatus('pending', 'in_progress')).toBe(true);
    expect(canChangeStatus('pending', 'closed')).toBe(true);
    expect(canChangeStatus('in_progress', 'open')).toBe(false);
    expect(canChangeStatus('closed', 'in_progress')).toBe(false);
    expect(canChangeStatus('pending', 'pending')).toBe(false);
  });

  it('pending follow-ups block closing, each listed; finished ones do not', () => {
    const blockers = closeBlockers({
      followUps: [
        { id: 'a', status: 'overdue', dueAt: '2026-11-20T09:00:00.000Z', note: 'Llamar' },
        { id: 'b', status: 'completed', dueAt: '2026-11-21T09:00:00.000Z', note: 'Hecho' },
        { id: 'c', status: 'scheduled', dueAt: '2026-12-01T09:00:00.000Z', note: 'Visita' },
        { id: 'd', status: 'cancelled', dueAt: '2026-12-02T09:00:00.000Z', note: 'No' },
      ],
    });
    expect(blockers).toEqual([
      { type: 'follow_up', id: 'a', dueAt: '2026-11-20T09:00:00.000Z', label: '2026-11-20 · Llamar' },
      { type: 'follow_up', id: 'c', dueAt: '2026-12-01T09:00:00.000Z', label: '2026-12-01 · Visita' },
    ]);
  });

  it('the organisation’s settings override the defaults (2 working days of grace, 30 days of inactivity)', () => {
    expect(policyFromSettings({})).toMatchObject({ followUpGraceWorkingDays: 2, inactivityReviewDays: 30, maxChases: 3 });
    expect(policyFromSettings({ followUpGraceWorkingDays: 0, inactivityReviewDays: 15 })).toMatchObject({ followUpGraceWorkingDays: 0, inactivityReviewDays: 15 });
  });

  it('every closure reason and action kind has a label in es, it and en', () => {
    for (const locale of ['es', 'it', 'en'] as const) {
      for (const r of closureReasons) expect(t(locale, `intervention.closure.${r}`)).not.toMatch(/^intervention\./);
      for (const k of actionKinds) expect(t(locale, `intervention.action_kind.${k}`)).not.toMatch(/^intervention\./);
    }
    expect(t('it', 'intervention.closure.objectives_met')).toBe('Obiettivi raggiunti');
  });
});
