/** Plan language the engine cannot run yet is refused with `not-yet-supported`, at its path. */
import path from 'node:path';
import { SUPPORTED_STEP_KINDS, validatePlan } from '../../plan';
import { loadPlanFile } from '../../plan/load';
import { basePlan } from './fixtures/base-plan';

const brief = (input: unknown) => {
  const result = validatePlan(input);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

describe('not-yet-supported', () => {
  it('supports noop, wait and http steps', () => {
    expect(SUPPORTED_STEP_KINDS).toEqual(['noop', 'wait', 'http']);
    expect(validatePlan(basePlan()).ok).toBe(true);
  });

  it('flags a manual step kind and a gate', async () => {
    const parsed = await loadPlanFile(path.join(__dirname, 'fixtures/unsupported.yaml'));
    if (!parsed.ok) throw new Error('fixture should parse');
    const result = validatePlan(parsed.value);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toEqual([
      { code: 'not-yet-supported', path: 'phases[0].steps[0].kind', message: 'kind "manual" is not supported by the engine yet; supported kinds: noop, wait, http' },
      { code: 'not-yet-supported', path: 'phases[1].gate', message: 'gate: the engine does not support go/no-go gates yet' },
    ]);
    expect(validatePlan(parsed.value, { capabilities: false }).ok).toBe(true);
  });

  it('flags checkpoints, compensations, rollback and rollback criteria, but not onFailure', () => {
    const plan = basePlan();
    plan.phases[0].steps[0].compensate = { kind: 'noop' };
    plan.phases[0].steps[0].onFailure = 'rollback';
    plan.phases.push({ id: 'hypercare', steps: [], checkpoints: { every: '4h', metrics: [{ id: 'aht', source: { kind: 'static', value: 1 }, max: 2 }] } });
    plan.rollback = { steps: [{ id: 'undo', kind: 'manual', with: { instructions: 'undo it' } }] };
    plan.rollbackCriteria = { unresolvedIssue: { severity: 'critical', olderThan: '4h' } };
    expect(brief(plan)).toEqual([
      { code: 'not-yet-supported', path: 'rollback' },
      { code: 'not-yet-supported', path: 'rollbackCriteria' },
      { code: 'not-yet-supported', path: 'phases[0].steps[0].compensate' },
      { code: 'not-yet-supported', path: 'phases[2].checkpoints' },
    ]);
  });

  it('leaves unknown kinds to the schema', () => {
    const plan = basePlan();
    plan.phases[0].steps[0].kind = 'teleport';
    expect(brief(plan)).toEqual([{ code: 'unknown-kind', path: 'phases[0].steps[0].kind' }]);
  });
});
