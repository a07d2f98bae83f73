/** `escalateTo` (settings, gate, checkpoint block, step): roles of the plan, refused with the path otherwise. */
import { validatePlan } from '../../plan';
import { basePlan, type RawPlan } from './fixtures/base-plan';

const checkpoints = { every: '4h', count: 1, metrics: [{ id: 'm', source: { kind: 'static', value: 1 } }] };

function withEscalations(roles: { settings?: string[]; gate?: string[]; checkpoints?: string[]; step?: string[]; rollbackStep?: string[] }): RawPlan {
  const plan = basePlan();
  if (roles.settings) plan.settings = { escalateTo: roles.settings };
  plan.phases[1].gate = { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] }, timeout: '2h', onTimeout: 'escalate', ...(roles.gate ? { escalateTo: roles.gate } : {}) };
  plan.phases.push({ id: 'hypercare', steps: [], checkpoints: { ...checkpoints, decideTimeout: '30m', ...(roles.checkpoints ? { escalateTo: roles.checkpoints } : {}) } });
  plan.phases[0].steps.push({ id: 'verify', kind: 'manual', owner: 'network', timeout: '15m', with: { instructions: 'Test call' }, ...(roles.step ? { escalateTo: roles.step } : {}) });
  if (roles.rollbackStep) plan.rollback = { steps: [{ id: 'revert', kind: 'manual', with: { instructions: 'Revert DNIS' }, escalateTo: roles.rollbackStep }] };
  return plan;
}

test('escalateTo on settings, gates, checkpoint blocks and steps is part of the plan', () => {
  const result = validatePlan(withEscalations({ settings: ['cutover-lead'], gate: ['network'], checkpoints: ['cutover-lead', 'network'], step: ['cutover-lead'] }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.plan.settings.escalateTo).toEqual(['cutover-lead']);
  expect(result.plan.phases[1].gate?.escalateTo).toEqual(['network']);
  expect(result.plan.phases[2].checkpoints?.escalateTo).toEqual(['cutover-lead', 'network']);
  expect(result.plan.phases[0].steps[2].escalateTo).toEqual(['cutover-lead']);
});

test('without escalateTo nothing changes: it stays absent', () => {
  const result = validatePlan(withEscalations({}));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.plan.settings.escalateTo).toBeUndefined();
  expect(result.plan.phases[1].gate?.escalateTo).toBeUndefined();
});

test.each([
  ['settings', { settings: ['cutover-lead', 'duty-manager'] }, 'settings.escalateTo[1]'],
  ['a gate', { gate: ['duty-manager'] }, 'phases[1].gate.escalateTo[0]'],
  ['a checkpoint block', { checkpoints: ['network', 'netwrok'] }, 'phases[2].checkpoints.escalateTo[1]'],
  ['a step', { step: ['duty-manager'] }, 'phases[0].steps[2].escalateTo[0]'],
  ['a rollback step', { rollbackStep: ['duty-manager'] }, 'rollback.steps[0].escalateTo[0]'],
])('an escalateTo role that is not a role of the plan is refused (%s)', (_, roles, path) => {
  const result = validatePlan(withEscalations(roles));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors).toEqual([expect.objectContaining({ code: 'unknown-role', path })]);
  expect(result.errors[0].message).toMatch(/is not a role of this plan/);
});

test('an empty escalateTo is refused (leave it out to keep the default)', () => {
  const result = validatePlan(withEscalations({ gate: [] }));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors).toEqual([expect.objectContaining({ code: 'out-of-range', path: 'phases[1].gate.escalateTo' })]);
});
