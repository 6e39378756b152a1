// Workflow IDs are named in one place; a new module's prefix must never collide with one in use.
import { describe, expect, it } from 'vitest';
import * as workflows from '../../workflows';
import { workflowIdOf, workflowKinds } from '../../workflows/workflow-kinds';

describe('workflow kinds', () => {
  it('name each workflow type, ID prefix and kind once, the skills assessment included', () => {
    const all = Object.values(workflowKinds);
    for (const field of ['type', 'idPrefix', 'kind'] as const) expect(new Set(all.map((k) => k[field])).size).toBe(all.length);
    // No prefix reads as another's ID (`followup-x` must not be an `follow-…` ID, and so on).
    for (const a of all) for (const b of all) if (a !== b) expect(`${a.idPrefix}-`.startsWith(`${b.idPrefix}-`)).toBe(false);
    expect(workflowIdOf('skillsAssessment', 'abc')).toBe('skills-assessment-abc');
    expect(workflowKinds.skillsAssessment.type).toBe('skillsAssessmentWorkflow');
    expect(workflowIdOf('intervention', 'x')).toBe('intervention-x');
    expect(workflowIdOf('followUp', 'x')).toBe('followup-x');
  });

  it('match the workflow functions the bundle exports', () => {
    const exported = Object.keys(workflows).filter((name) => name.endsWith('Workflow'));
    const named = Object.values(workflowKinds).map((k) => k.type);
    expect(named.sort()).toEqual(exported.sort());
  });
});
