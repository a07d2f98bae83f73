/** The rollback order: a table of small graphs, and a 10,000-step chain that must not overflow the stack. */
import { compensationOrder } from '../../plan/compensation-order';
import type { Plan } from '../../plan/schema';

type Spec = Record<string, string[]>;

function planOf(...phases: Spec[]): Plan {
  return {
    phases: phases.map((steps, i) => ({ id: `p${i}`, steps: Object.entries(steps).map(([id, dependsOn]) => ({ id, kind: 'noop', dependsOn })) })),
  } as unknown as Plan;
}

const orderOf = (plan: Plan, compensated: string[]) =>
  compensationOrder(plan, new Set(compensated)).map((phase) => Object.fromEntries(phase.map((node) => [node.id, [...node.dependsOn].sort()])));

test.each([
  ['a chain undoes the last step first', [{ a: [], b: ['a'], c: ['b'] }], ['a', 'b', 'c'], [{ a: ['b'], b: ['c'], c: [] }]],
  ['a step without compensation passes the dependency through', [{ a: [], b: ['a'], c: ['b'] }], ['a', 'c'], [{ a: ['c'], c: [] }]],
  ['a diamond waits for both branches', [{ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }], ['a', 'b', 'c'], [{ a: ['b', 'c'], b: [], c: [] }]],
  ['independent steps are undone in parallel', [{ a: [], b: [] }], ['a', 'b'], [{ a: [], b: [] }]],
  ['later phases first; no waiting across phases', [{ a: [] }, { b: ['a'] }], ['a', 'b'], [{ b: [] }, { a: [] }]],
  ['nothing to undo', [{ a: [], b: ['a'] }], [], [{}]],
])('%s', (_name, phases, compensated, expected) => {
  expect(orderOf(planOf(...(phases as Spec[])), compensated as string[])).toEqual(expected);
});

test('a 10,000-step chain is ordered without recursion', () => {
  const steps: Spec = {};
  for (let i = 0; i < 10_000; i++) steps[`s${i}`] = i === 0 ? [] : [`s${i - 1}`];
  const every = Object.keys(steps);
  const [phase] = compensationOrder(planOf(steps), new Set(every.filter((_, i) => i % 2 === 0)));
  expect(phase).toHaveLength(5_000);
  expect(phase[0]).toEqual({ id: 's0', dependsOn: ['s2'] });
  expect(phase.at(-1)).toEqual({ id: 's9998', dependsOn: [] });
});
