/**
 * Rehearsal mode's pure rules: the `rehearse` fields of steps and metrics (defects refused naming
 * the path), simulated metric readings, notice routing and labels, and the public timeScale.
 */
import { validatePlan, type PlanError } from '../../plan';
import type { Metric } from '../../plan/schema';
import { modeLabel, routeNotice } from '../../workflows/rehearsal';
import { simulatedReading } from '../../workflows/rehearsal-metrics';
import { durationMultiplier, speedUpOf } from '../../workflows/time-scale';
import { basePlan, type RawPlan } from './fixtures/base-plan';

function withRehearse(step: unknown, metric?: unknown): RawPlan {
  const plan = basePlan();
  plan.phases[1].steps[0].rehearse = step;
  if (metric !== undefined) plan.phases[1].checkpoints = { every: '1h', count: 1, metrics: [{ id: 'aht', source: { kind: 'http', url: 'http://x.test/aht', path: 'v' }, max: 400, rehearse: metric }] };
  return plan;
}

function errorsOf(plan: RawPlan): Pick<PlanError, 'code' | 'path'>[] {
  const result = validatePlan(plan);
  if (result.ok) throw new Error('expected the plan to be invalid');
  return result.errors.map(({ code, path }) => ({ code, path }));
}

test('rehearse: real, or a declared outcome (default succeed), duration and answer; a metric: real or a value', () => {
  for (const [step, metric] of [
    ['real', 'real'],
    [{ outcome: 'fail', duration: '2h' }, { value: 0.02 }],
    [{ answer: { aht: 320 } }, undefined],
  ]) {
    const result = validatePlan(withRehearse(step, metric));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    if (typeof step === 'object') expect(result.plan.phases[1].steps[0].rehearse).toMatchObject({ outcome: step.outcome ?? 'succeed' });
  }
});

test.each([
  ['an unknown outcome', withRehearse({ outcome: 'explode' }), 'phases[1].steps[0].rehearse'],
  ['a bad duration', withRehearse({ duration: 'soon' }), 'phases[1].steps[0].rehearse'],
  ['an unknown field', withRehearse({ outcome: 'fail', retries: 2 }), 'phases[1].steps[0].rehearse'],
  ['a word other than real', withRehearse('fake'), 'phases[1].steps[0].rehearse'],
  ['a metric value that is not a number', withRehearse(undefined, { value: 'low' }), 'phases[1].checkpoints.metrics[0].rehearse'],
])('%s is refused naming the path', (_name, plan, path) => {
  const errors = errorsOf(plan);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((e) => e.path.startsWith(path))).toBe(true);
});

const metric = (extra: Partial<Metric>): Metric => ({ id: 'm', source: { kind: 'http', url: 'http://x.test/m', path: 'v' }, ...extra }) as Metric;

test.each([
  ['a declared value', metric({ rehearse: { value: 7 }, max: 1 }), 7],
  ['a static source reads its own value', metric({ source: { kind: 'static', value: 3 }, max: 1 }), 3],
  ['the baseline, when within the limits', metric({ baseline: 320, max: '+15%' }), 320],
  ['the middle of min and max', metric({ min: 0.7, max: 0.9 }), 0.8],
  ['the one limit (a value at a limit is within it)', metric({ max: 0.08 }), 0.08],
  ['the one limit, when the baseline is outside it', metric({ baseline: 50, min: 100 }), 100],
  ['0 without limits or baseline', metric({}), 0],
])('a simulated reading: %s', (_name, m, value) => {
  expect(simulatedReading(m)).toEqual({ id: 'm', value });
});

test('a simulated reading takes a baseline resolved from a step', () => {
  expect(simulatedReading(metric({ baseline: { fromStep: 'legacy', path: 'aht' }, max: '+15%' }), { m: { value: 300 } })).toEqual({ id: 'm', value: 300 });
});

test('notices: a rehearsal labels them; comms off keeps them, test sends them to the test sink, on to the roster', () => {
  expect(routeNotice({ mode: 'rehearsal', comms: 'off' }, 'Go')).toEqual({ message: '[REHEARSAL] Go', send: false, record: true });
  expect(routeNotice({ mode: 'rehearsal', comms: 'test' }, 'Go')).toEqual({ message: '[REHEARSAL] Go', send: true, sink: 'test', record: true });
  expect(routeNotice({ mode: 'rehearsal', comms: 'on' }, 'Go')).toEqual({ message: '[REHEARSAL] Go', send: true, record: false });
  expect(routeNotice({ mode: 'live', comms: 'on' }, 'Go')).toEqual({ message: 'Go', send: true, record: false });
  // A rehearsal recorded before rehearsal mode (no comms): as it was, unlabelled, to the roster.
  expect(routeNotice({ mode: 'rehearsal' }, 'Go')).toEqual({ message: 'Go', send: true, record: false });
});

test('the mode label and the two faces of timeScale', () => {
  expect(modeLabel({ mode: 'rehearsal', comms: 'test', timeScale: 3600 })).toBe('rehearsal, comms test, time ×3600');
  expect(modeLabel({ mode: 'live', comms: 'on', timeScale: 1 })).toBe('live');
  expect(durationMultiplier(3600) * 3_600_000).toBeCloseTo(1000);
  expect(speedUpOf(durationMultiplier(3600))).toBe(3600);
  expect(speedUpOf(0.001)).toBe(1000);
  expect(speedUpOf(undefined)).toBe(1);
});
