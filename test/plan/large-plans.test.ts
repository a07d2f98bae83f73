/**
 * Plans of tens of thousands of steps: validation gives the right answer (every error, with its path) and no
 * error path recurses or spreads a long list into a call. How fast it is lives in the benchmarks, not here.
 */
import { DEFAULT_MAX_PLAN_STEPS, findCycles, longestPath, nearMisses, topologicalOrder, validatePlan, waves, type PlanError } from '../../plan';

const roles = { 'cutover-lead': 'Dana', network: 'Sam' };

type RawStep = { id: string; kind: string; owner?: string; dependsOn: string[] };

function planOf(phases: { id: string; steps: RawStep[] }[], rollback?: RawStep[]) {
  return { apiVersion: 'golive/v1', name: 'large', roles, phases, ...(rollback ? { rollback: { steps: rollback } } : {}) };
}

/** `s0 <- s1 <- … <- s(n-1)`: each step depends on the one before. */
function chain(n: number, prefix = 's'): RawStep[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, kind: 'noop', owner: 'cutover-lead', dependsOn: i > 0 ? [`${prefix}${i - 1}`] : [] }));
}

function errorsOf(input: unknown): PlanError[] {
  const result = validatePlan(input);
  if (result.ok) throw new Error('expected an invalid plan');
  return result.errors;
}

function countByCode(errors: PlanError[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of errors) counts[e.code] = (counts[e.code] ?? 0) + 1;
  return counts;
}

describe('a 20,000-step chain', () => {
  const n = 20_000;

  it('is valid, ordered and analysed', () => {
    const result = validatePlan(planOf([{ id: 'p', steps: chain(n) }]));
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    expect(result.analysis.stepCount).toBe(n);
    expect(result.analysis.order).toHaveLength(n);
    expect(result.analysis.order[0]).toBe('s0');
    expect(result.analysis.order[n - 1]).toBe(`s${n - 1}`);
    expect(result.analysis.phases[0].waves).toHaveLength(n);
    expect(result.analysis.criticalPath.steps).toEqual(result.analysis.order);
  });

  it('is valid split over phases, each depending on the phase before', () => {
    const steps = chain(n);
    const phases = Array.from({ length: 4 }, (_, k) => ({ id: `phase-${k}`, steps: steps.slice(k * 5000, (k + 1) * 5000) }));
    const result = validatePlan(planOf(phases, chain(n, 'r')), { maxSteps: 2 * n });
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    expect(result.analysis.order).toHaveLength(n);
    expect(result.analysis.phases.map((p) => p.waves.length)).toEqual([5000, 5000, 5000, 5000]);
  });
});

describe('a 20,000-step plan with thousands of errors', () => {
  // Phase p (10,000 steps): every 10th id is a duplicate, every 3rd owner unknown, even steps depend on a
  // missing step, odd ones on a step of the later phase q. Phase q (10,000 steps): one ring, one cycle.
  const half = 10_000;
  const p: RawStep[] = Array.from({ length: half }, (_, i) => ({
    id: i % 10 === 9 ? `a${i - 1}` : `a${i}`,
    kind: 'noop',
    owner: i % 3 === 0 ? 'nobody' : 'cutover-lead',
    dependsOn: i % 2 === 0 ? [`missing${i}`] : [`b${i}`],
  }));
  const q: RawStep[] = Array.from({ length: half }, (_, i) => ({ id: `b${i}`, kind: 'noop', dependsOn: [`b${(i + 1) % half}`] }));
  let errors: PlanError[];
  beforeAll(() => {
    errors = errorsOf(planOf([{ id: 'p', steps: p }, { id: 'q', steps: q }]));
  });

  it('reports every one of them, once', () => {
    expect(countByCode(errors)).toEqual({
      'duplicate-id': 1000,
      'unknown-owner': 3334,
      'unknown-dependency': 5000,
      'dependency-in-later-phase': 5000,
      cycle: 1,
    });
    expect(new Set(errors.map((e) => `${e.code} ${e.path}`)).size).toBe(errors.length);
  });

  it('names each error by its path', () => {
    expect(errors).toContainEqual({ code: 'duplicate-id', path: 'phases[0].steps[9999].id', message: 'step id "a9998" is already used by phases[0].steps[9998]' });
    expect(errors).toContainEqual(expect.objectContaining({ code: 'unknown-dependency', path: 'phases[0].steps[9998].dependsOn[0]' }));
    expect(errors).toContainEqual({
      code: 'dependency-in-later-phase',
      path: 'phases[0].steps[9997].dependsOn[0]',
      message: 'step "a9997" of phase "p" depends on "b9997", which only runs later, in phase "q"',
    });
    expect(errors).toContainEqual(expect.objectContaining({ code: 'unknown-owner', path: 'phases[0].steps[9999].owner' }));
    const cycle = errors.find((e) => e.code === 'cycle')!;
    expect(cycle.path).toBe('phases[1].steps[0].dependsOn[0]');
    expect(cycle.message.split(' -> ')).toHaveLength(half + 1);
  });

  it('keeps suggestions short and bounded, and still reports every misspelt reference', () => {
    // Every other step misspells its dependency: "s12x" is a typo away from s12 and from s120…s129.
    const steps = chain(20_000).map((s, i) => (i % 2 === 1 ? { ...s, dependsOn: [`s${i - 1}x`] } : s));
    const misspelt = errorsOf(planOf([{ id: 'p', steps }]));
    expect(misspelt).toHaveLength(10_000);
    expect(misspelt.every((e) => e.code === 'unknown-dependency')).toBe(true);
    expect(misspelt[0].message).toBe('step "s1" depends on "s0x", but no step has that id (did you mean "s0"?)');
    expect(misspelt.every((e) => e.message.split(' or ').length <= 5)).toBe(true);
  });
});

describe('error paths on 10,000-deep chains', () => {
  const n = 10_000;

  it('names a 10,000-step cycle', () => {
    const steps = chain(n);
    steps[0].dependsOn = [`s${n - 1}`];
    const errors = errorsOf(planOf([{ id: 'p', steps }]));
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('cycle');
    expect(errors[0].path).toBe('phases[0].steps[0].dependsOn[0]');
    const ids = errors[0].message.replace(/^dependency cycle: /, '').replace(/ \(each step depends on the next\)$/, '').split(' -> ');
    expect(ids).toEqual(['s0', ...Array.from({ length: n - 1 }, (_, i) => `s${n - 1 - i}`), 's0']);
  });

  it('finds a 10,000-step cycle in the rollback procedure too', () => {
    const rollback = chain(n, 'r');
    rollback[0].dependsOn = [`r${n - 1}`];
    const errors = errorsOf(planOf([{ id: 'p', steps: chain(3) }], rollback));
    expect(errors.map((e) => [e.code, e.path])).toEqual([['cycle', 'rollback.steps[0].dependsOn[0]']]);
  });

  it('reports a dangling reference, a later-phase dependency and a self-dependency at the end of a long chain', () => {
    const steps = chain(n);
    steps[n - 1].dependsOn.push('nowhere', `s${n - 1}`, 'late');
    const errors = errorsOf(planOf([{ id: 'p', steps }, { id: 'q', steps: [{ id: 'late', kind: 'noop', dependsOn: [] }] }]));
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['unknown-dependency', `phases[0].steps[${n - 1}].dependsOn[1]`],
      ['self-dependency', `phases[0].steps[${n - 1}].dependsOn[2]`],
      ['dependency-in-later-phase', `phases[0].steps[${n - 1}].dependsOn[3]`],
    ]);
  });

  it('reports a schema error on every step of a long chain', () => {
    const steps = chain(n).map((s) => ({ ...s, kind: 'teleport' }));
    const errors = errorsOf(planOf([{ id: 'p', steps }]));
    expect(errors).toHaveLength(n);
    expect(errors.every((e) => e.code === 'unknown-kind')).toBe(true);
    expect(errors[n - 1].path).toBe(`phases[0].steps[${n - 1}].kind`);
  });

  it('graph functions answer a long cycle with cycles or an error, never a stack overflow', () => {
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, dependsOn: [`s${(i + 1) % n}`] }));
    const result = topologicalOrder(nodes);
    expect(result.ok).toBe(false);
    expect(findCycles(nodes)[0]).toHaveLength(n);
    expect(() => waves(nodes)).toThrow(/^dependency cycle: s0 -> s1 -> /);
    expect(() => longestPath(nodes, () => 1)).toThrow(/^dependency cycle: /);
  });

  it('handles a step that waits for 20,000 others', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `s${i}`, dependsOn: [] as string[] }));
    const last = { id: 'last', dependsOn: [...many.map((s) => s.id), ...many.map((s) => s.id)] };
    expect(waves([...many, last])).toEqual([many.map((s) => s.id), ['last']]);
    expect(longestPath([...many, last], () => 1)).toEqual({ path: ['s0', 'last'], total: 2 });
  });
});

describe('nearMisses', () => {
  it('finds typos, case-insensitively, and caps the suggestions to the closest few', () => {
    expect(nearMisses('timout', ['timeout', 'retry', 'title'])).toEqual(['timeout']);
    expect(nearMisses('EXPORT-config', ['export-config', 'export-configs', 'import-config'])).toEqual(['export-config', 'export-configs', 'import-config']);
    const ids = Array.from({ length: 200 }, (_, i) => `s${i}`).filter((id) => id !== 's12');
    expect(nearMisses('s12', ids)).toEqual(['s1', 's2', 's10', 's11', 's13']);
  });
});

test('a plan over the step limit is refused at once, with one error on `phases` (the limit is configurable)', () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'noop' }));
  const plan = (n: number) => ({ apiVersion: 'golive/v1', name: 'too-big', phases: [{ id: 'p', steps: steps(n) }], rollback: { steps: [{ id: 'r', kind: 'noop' }] } });
  const refused = validatePlan(plan(DEFAULT_MAX_PLAN_STEPS));
  expect(refused).toEqual({ ok: false, errors: [{ code: 'out-of-range', path: 'phases', message: `the plan has ${DEFAULT_MAX_PLAN_STEPS + 1} steps (phases and rollback procedure together); at most ${DEFAULT_MAX_PLAN_STEPS}` }] });
  expect(validatePlan(plan(DEFAULT_MAX_PLAN_STEPS - 1)).ok).toBe(true);
  expect(validatePlan(plan(10), { maxSteps: 5 })).toMatchObject({ ok: false, errors: [{ code: 'out-of-range', path: 'phases' }] });
});
