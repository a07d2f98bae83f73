/** A phase's `watch`: its fields, their defaults, and every defect refused with its code and path. */
import { validatePlan, type PlanError } from '../../plan';
import { judgeWatch, strongestStop } from '../../workflows/watch-verdict';
import type { Metric } from '../../plan/schema';
import { basePlan, type RawPlan } from './fixtures/base-plan';

const metric = (extra: Record<string, unknown> = {}) => ({ id: 'aht', source: { kind: 'static', value: 1 }, max: 400, ...extra });

function withWatch(watch: Record<string, unknown>, phase = 0): RawPlan {
  const plan = basePlan();
  plan.phases[phase].watch = { every: '4h', metrics: [metric()], ...watch };
  return plan;
}

const brief = (errors: PlanError[]) => errors.map(({ code, path }) => ({ code, path }));

function errorsOf(plan: RawPlan): PlanError[] {
  const result = validatePlan(plan);
  if (result.ok) throw new Error('expected the plan to be invalid');
  return result.errors;
}

test('a watch with every new field validates, with defaults filled in', () => {
  const result = validatePlan(
    withWatch({
      untilPhaseEnds: 'go',
      decideTimeout: '30m',
      metrics: [metric({ onBreach: 'rollback', breachesBeforeAction: 2, inconclusive: { action: 'pause' } }), metric({ id: 'sl', min: 0.7 })],
    }),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const watch = result.plan.phases[0].watch!;
  expect(watch).toMatchObject({ untilPhaseEnds: 'go', keepEvaluations: 50, approvers: { roles: ['cutover-lead'] } });
  expect(watch.metrics[0]).toMatchObject({ onBreach: 'rollback', breachesBeforeAction: 2, inconclusive: { limit: 1, action: 'pause' } });
});

test.each([
  ['untilPhaseEnds names no phase', withWatch({ untilPhaseEnds: 'goo' }), 'unknown-phase', 'phases[0].watch.untilPhaseEnds', /names no phase \(did you mean "go"\?\)/],
  ['untilPhaseEnds names an earlier phase', withWatch({ untilPhaseEnds: 'pre' }, 1), 'unknown-phase', 'phases[1].watch.untilPhaseEnds', /ends before phase "go"/],
  ['unknown onBreach', withWatch({ metrics: [metric({ onBreach: 'panic' })] }), 'invalid-value', 'phases[0].watch.metrics[0].onBreach', undefined],
  ['zero breachesBeforeAction', withWatch({ metrics: [metric({ breachesBeforeAction: 0 })] }), 'out-of-range', 'phases[0].watch.metrics[0].breachesBeforeAction', undefined],
  ['unknown inconclusive action', withWatch({ metrics: [metric({ inconclusive: { limit: 2, action: 'ignore' } })] }), 'invalid-value', 'phases[0].watch.metrics[0].inconclusive.action', undefined],
  ['keepEvaluations above its bound', withWatch({ keepEvaluations: 5000 }), 'out-of-range', 'phases[0].watch.keepEvaluations', undefined],
  ['too many readings kept (evaluations × metrics)', withWatch({ keepEvaluations: 1000, metrics: [metric(), metric({ id: 'sl' }), metric({ id: 'abandon' })] }), 'out-of-range', 'phases[0].watch.keepEvaluations', /at most 2000/],
  ['zero every', withWatch({ every: '0s' }), 'out-of-range', 'phases[0].watch.every', undefined],
  ['an unknown approver role', withWatch({ approvers: { roles: ['ops'] } }), 'unknown-role', 'phases[0].watch.approvers.roles[0]', undefined],
  ['a duplicate metric id', withWatch({ metrics: [metric(), metric()] }), 'duplicate-id', 'phases[0].watch.metrics[1].id', undefined],
  ['a relative threshold without baseline', withWatch({ metrics: [metric({ max: '+10%' })] }), 'missing-baseline', 'phases[0].watch.metrics[0].max', undefined],
  ['a field the watch does not know', withWatch({ onBreach: 'pause' }), 'unknown-field', 'phases[0].watch.onBreach', undefined],
])('%s', (_name, plan, code, path, message) => {
  const errors = errorsOf(plan);
  expect(brief(errors)).toEqual([{ code, path }]);
  if (message) expect(errors[0].message).toMatch(message);
});

test('checkpoints refuse the metric fields only a watch acts on', () => {
  const plan = basePlan();
  plan.phases[1].checkpoints = { every: '4h', count: 2, metrics: [metric({ breachesBeforeAction: 2 })] };
  expect(brief(errorsOf(plan))).toEqual([{ code: 'invalid', path: 'phases[1].checkpoints.metrics[0].breachesBeforeAction' }]);
});

describe('judgeWatch: consecutive counters per metric', () => {
  const metrics = [
    { id: 'aht', source: { kind: 'static', value: 0 }, max: 400, onBreach: 'rollback', breachesBeforeAction: 2, inconclusive: { limit: 2, action: 'pause' } },
  ] as Metric[];
  const read = (value: number | null) => [{ id: 'aht', value, ...(value === null ? { error: 'HTTP 503' } : {}) }];

  test('breaches act only after N in a row, and an unreadable reading is neither pass nor breach', () => {
    let counters = {};
    const actions: (string | null)[] = [];
    for (const value of [450, null, 450, 300, 450]) {
      const verdict = judgeWatch(metrics, read(value), counters);
      counters = verdict.counters;
      actions.push(strongestStop(verdict.triggers));
    }
    // 450 (breach 1), unreadable (breach count kept), 450 (breach 2 → rollback), 300 (reset), 450 (breach 1).
    expect(actions).toEqual([null, null, 'rollback', null, null]);
    expect(counters).toEqual({ aht: { breaches: 1, inconclusive: 0 } });
  });

  test('unreadable readings count separately and trigger their own action', () => {
    const first = judgeWatch(metrics, read(null), {});
    expect(first.metrics[0]).toMatchObject({ verdict: 'inconclusive', value: null, reason: expect.stringContaining('HTTP 503') });
    expect(first.triggers).toEqual([]);
    const second = judgeWatch(metrics, read(null), first.counters);
    expect(second.triggers).toEqual([{ action: 'pause', reason: expect.stringContaining('2 inconclusive in a row') }]);
    expect(second.counters.aht).toEqual({ breaches: 0, inconclusive: 0 });
  });

  test('the strongest stop wins; notify alone stops nothing', () => {
    expect(strongestStop([{ action: 'notify', reason: '' }])).toBeNull();
    expect(strongestStop([{ action: 'decide', reason: '' }, { action: 'pause', reason: '' }])).toBe('pause');
    expect(strongestStop([{ action: 'pause', reason: '' }, { action: 'rollback', reason: '' }])).toBe('rollback');
  });
});
