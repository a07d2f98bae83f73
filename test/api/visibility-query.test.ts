/** The visibility query of GET /cutovers: golive's workflow type, then one clause per filter, every value quoted. */
import { cutoverListQuery, isFiltered, quoted } from '../../api/visibility-query';
import { currentPhaseOf } from '../../workflows/search-attribute-values';
import type { PhaseStatus } from '../../workflows/status-document';

test('no filter: every cutover, each by its latest run (never a run that continued as new)', () => {
  expect(cutoverListQuery('cutoverWorkflow')).toBe("WorkflowType = 'cutoverWorkflow' AND ExecutionStatus != 'ContinuedAsNew'");
  expect(isFiltered({})).toBe(false);
  expect(isFiltered({ states: [] })).toBe(false);
});

test('one state is =, several are IN (duplicates once); mode and plan add clauses', () => {
  expect(cutoverListQuery('cutoverWorkflow', { states: ['awaiting-decision'] })).toBe("WorkflowType = 'cutoverWorkflow' AND ExecutionStatus != 'ContinuedAsNew' AND GoliveState = 'awaiting-decision'");
  expect(cutoverListQuery('cutoverWorkflow', { states: ['completed', 'rolled-back', 'completed'], mode: 'rehearsal', plan: 'crm-cutover' })).toBe(
    "WorkflowType = 'cutoverWorkflow' AND ExecutionStatus != 'ContinuedAsNew' AND GoliveState IN ('completed', 'rolled-back') AND GoliveMode = 'rehearsal' AND GolivePlan = 'crm-cutover'",
  );
});

test('a value never ends its string literal', () => {
  expect(quoted("x' OR GoliveState != '")).toBe("'x\\' OR GoliveState != \\''");
  expect(quoted('back\\slash')).toBe("'back\\\\slash'");
});

test('the current phase: the last begun, in plan order; the first before any began', () => {
  const phases = [{ id: 'prepare' }, { id: 'switch' }, { id: 'verify' }];
  const states = (map: Record<string, PhaseStatus['state']>) => (id: string) => map[id] ?? 'pending';
  expect(currentPhaseOf(phases, states({}))).toBe('prepare');
  expect(currentPhaseOf(phases, states({ prepare: 'succeeded', switch: 'running' }))).toBe('switch');
  expect(currentPhaseOf(phases, states({ prepare: 'succeeded', switch: 'skipped' }))).toBe('switch');
  expect(currentPhaseOf(phases, states({ prepare: 'succeeded', switch: 'succeeded', verify: 'succeeded' }))).toBe('verify');
});
