/** Contingency and rollback sections in plans: valid shapes, and each defect refused with its code and path. */
import { renderMermaid, sectionSteps, validatePlan, type PlanError } from '../../plan';
import { basePlan, type RawPlan } from './fixtures/base-plan';

const noop = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'noop', ...extra });

/** The base plan with a contingency and both rollback sections. */
function withProcedures(): RawPlan {
  return {
    ...basePlan(),
    contingency: { steps: [noop('tell-agents'), noop('rebook', { dependsOn: ['tell-agents'], when: { stepsSucceeded: ['a'] } })] },
    rollback: { first: [noop('numbers-to-legacy')], then: [noop('agents-to-legacy', { when: { stepsSucceeded: ['c', 'd'] } })] },
  };
}

const brief = (errors: PlanError[]) => errors.map(({ code, path }) => ({ code, path }));

function errorsOf(plan: RawPlan): { code: string; path: string }[] {
  const result = validatePlan(plan);
  return result.ok ? [] : brief(result.errors);
}

test('a plan with a contingency, rollback.first and rollback.then is valid; the sections read back in order', () => {
  const result = validatePlan(withProcedures());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(sectionSteps(result.plan, 'contingency').map((s) => s.id)).toEqual(['tell-agents', 'rebook']);
  expect(sectionSteps(result.plan, 'rollback-first').map((s) => s.id)).toEqual(['numbers-to-legacy']);
  expect(sectionSteps(result.plan, 'rollback-then')[0]).toMatchObject({ id: 'agents-to-legacy', when: { stepsSucceeded: ['c', 'd'] } });
  expect(renderMermaid(result.plan)).toMatch(/subgraph contingency.*subgraph rollback_first.*subgraph rollback_then/s);
});

test('rollback.steps is still read as the steps after compensations', () => {
  const result = validatePlan({ ...basePlan(), rollback: { steps: [noop('revert')] } });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(sectionSteps(result.plan, 'rollback-then').map((s) => s.id)).toEqual(['revert']);
  expect(sectionSteps(result.plan, 'rollback-first')).toEqual([]);
});

const cases: [string, (plan: RawPlan) => void, { code: string; path: string }][] = [
  ['both rollback.steps and rollback.then', (p) => ((p.rollback as Record<string, unknown>).steps = [noop('old')]), { code: 'invalid', path: 'rollback.then' }],
  ['an id used in the contingency and rollback.first', (p) => (p.rollback as { first: unknown[] }).first.push(noop('tell-agents')), { code: 'duplicate-id', path: 'rollback.first[1].id' }],
  ['an id of a phase reused in rollback.then', (p) => (p.rollback as { then: unknown[] }).then.push(noop('a')), { code: 'duplicate-id', path: 'rollback.then[1].id' }],
  [
    'a contingency step depending on a rollback step',
    (p) => ((p.contingency as { steps: Record<string, unknown>[] }).steps[0].dependsOn = ['numbers-to-legacy']),
    { code: 'rollback-dependency', path: 'contingency.steps[0].dependsOn[0]' },
  ],
  [
    'rollback.then depending on rollback.first (another section)',
    (p) => ((p.rollback as { then: Record<string, unknown>[] }).then[0].dependsOn = ['numbers-to-legacy']),
    { code: 'rollback-dependency', path: 'rollback.then[0].dependsOn[0]' },
  ],
  ['rollback.first depending on a forward step', (p) => ((p.rollback as { first: Record<string, unknown>[] }).first[0].dependsOn = ['a']), { code: 'rollback-dependency', path: 'rollback.first[0].dependsOn[0]' }],
  ['a forward step depending on the contingency', (p) => (p.phases[1].steps[1].dependsOn = ['tell-agents']), { code: 'rollback-dependency', path: 'phases[1].steps[1].dependsOn[0]' }],
  [
    'a cycle within rollback.first',
    (p) => ((p.rollback as Record<string, unknown>).first = [noop('x', { dependsOn: ['y'] }), noop('y', { dependsOn: ['x'] })]),
    { code: 'cycle', path: 'rollback.first[0].dependsOn[0]' },
  ],
  ['`when` naming no step', (p) => ((p.rollback as { then: Record<string, unknown>[] }).then[0].when = { stepsSucceeded: ['cc'] }), { code: 'unknown-step', path: 'rollback.then[0].when.stepsSucceeded[0]' }],
  [
    '`when` naming a procedure step',
    (p) => ((p.contingency as { steps: Record<string, unknown>[] }).steps[1].when = { stepsSucceeded: ['numbers-to-legacy'] }),
    { code: 'rollback-dependency', path: 'contingency.steps[1].when.stepsSucceeded[0]' },
  ],
  ['`when` with no step', (p) => ((p.rollback as { then: Record<string, unknown>[] }).then[0].when = { stepsSucceeded: [] }), { code: 'out-of-range', path: 'rollback.then[0].when.stepsSucceeded' }],
  ['`when` on a forward step', (p) => (p.phases[0].steps[0].when = { stepsSucceeded: ['b'] }), { code: 'unknown-field', path: 'phases[0].steps[0].when' }],
  ['an unknown field in the contingency', (p) => ((p.contingency as Record<string, unknown>).first = []), { code: 'unknown-field', path: 'contingency.first' }],
];

test.each(cases)('refused: %s', (_name, change, expected) => {
  const plan = withProcedures();
  change(plan);
  expect(errorsOf(plan)).toEqual([expected]);
});

test('errors name the sections involved', () => {
  const plan = withProcedures();
  (plan.rollback as { then: Record<string, unknown>[] }).then[0].dependsOn = ['numbers-to-legacy'];
  const result = validatePlan(plan);
  expect(!result.ok && result.errors[0].message).toBe(
    'step "agents-to-legacy" of the rollback procedure (rollback.then) depends on "numbers-to-legacy" of the rollback procedure (rollback.first); a procedure step may only depend on steps of its own section (use `when` for forward steps)',
  );
  const both = withProcedures();
  (both.rollback as Record<string, unknown>).steps = [noop('old')];
  const refused = validatePlan(both);
  expect(!refused.ok && refused.errors[0].message).toMatch(/`steps` and `then` are the same list/);
});
