/** The console's graph view of a plan: waves per phase, the critical path by estimate, what the plan says of each step. */
import { validatePlan } from '../../plan/analyze';
import { planGraphView } from '../../api/views/plan-graph-view';
import { testPlan } from '../support/plans';

const noop = (id: string, dependsOn: string[] = [], extra: Record<string, unknown> = {}) => ({ id, kind: 'noop', dependsOn, ...extra });

test('waves, the critical path across phases, estimates, notes and a manual step’s instructions', () => {
  const plan = testPlan(
    'graph-view',
    [
      {
        id: 'prepare',
        title: 'Prepare',
        steps: [
          noop('a', [], { estimate: '1m' }),
          noop('b', [], { estimate: '5m', notes: 'the slow one' }),
          { id: 'c', kind: 'manual', dependsOn: ['a', 'b'], estimate: '2m', with: { instructions: 'Check the trunks', evidenceRequired: false } },
        ],
      },
      { id: 'switch', steps: [{ id: 'wait-dns', kind: 'wait', with: { duration: '30s' } }] },
    ],
    { rollback: { first: [noop('restore-numbers', [], { notes: 'numbers first' })] } },
  );
  const validated = validatePlan(plan);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const view = planGraphView(validated.plan);
  expect(view.phases).toEqual([
    { id: 'prepare', title: 'Prepare', waves: [['a', 'b'], ['c']] },
    { id: 'switch', title: 'switch', waves: [['wait-dns']] },
  ]);
  expect(view.criticalPath).toEqual({ steps: ['b', 'c', 'wait-dns'], estimateMs: 7 * 60_000 + 30_000 });
  expect(view.steps.b).toEqual({ estimateMs: 300_000, notes: 'the slow one', instructions: null, evidenceRequired: null });
  expect(view.steps.c).toEqual({ estimateMs: 120_000, notes: null, instructions: 'Check the trunks', evidenceRequired: false });
  expect(view.steps['wait-dns'].estimateMs).toBe(30_000);
  expect(view.steps['restore-numbers'].notes).toBe('numbers first');
});
