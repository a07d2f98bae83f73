/** Valid plans: the analysis (order, waves, critical path) and the example runbook. */
import path from 'node:path';
import { stepEstimateMs, validatePlan, type PlanAnalysis } from '../../plan';
import { loadPlanFile } from '../../plan/load';

async function analysisOf(file: string): Promise<PlanAnalysis> {
  const parsed = await loadPlanFile(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = validatePlan(parsed.value);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.analysis;
}

describe('analysis of a valid plan', () => {
  let analysis: PlanAnalysis;
  beforeAll(async () => {
    analysis = await analysisOf(path.join(__dirname, 'fixtures/diamond.yaml'));
  });

  it('orders every step, phase by phase', () => {
    expect(analysis.order).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(analysis.stepCount).toBe(7);
  });

  it('finds the parallel waves of each phase (earlier-phase dependencies are already met)', () => {
    expect(analysis.phases).toEqual([
      { id: 'prep', waves: [['a'], ['b', 'c'], ['d']] },
      { id: 'go', waves: [['e', 'f'], ['g']] },
    ]);
  });

  it('finds the critical path from estimates and wait durations, phases in sequence', () => {
    // prep: a (1m) -> c (2m) -> d (0) beats a -> b (30s); go: f (10s) -> g.
    expect(analysis.criticalPath).toEqual({ steps: ['a', 'c', 'd', 'f', 'g'], estimateMs: 190_000 });
  });

  it('reads the same plan from JSON', async () => {
    expect(await analysisOf(path.join(__dirname, 'fixtures/diamond.json'))).toEqual(analysis);
  });

  it('fills in schema defaults', async () => {
    const parsed = await loadPlanFile(path.join(__dirname, 'fixtures/diamond.yaml'));
    const result = parsed.ok ? validatePlan(parsed.value) : undefined;
    if (!result?.ok) throw new Error('expected a valid plan');
    expect(result.plan.phases[0].steps[0]).toMatchObject({ priority: 'medium', onFailure: 'pause', dependsOn: [] });
    expect(result.plan.settings.maxParallel).toBe(4);
  });
});

describe('stepEstimateMs', () => {
  it('uses the estimate, else a wait duration, else 0', () => {
    expect(stepEstimateMs({ id: 's', kind: 'wait', with: { duration: '2s' }, estimate: '1m', priority: 'low', dependsOn: [], onFailure: 'pause' })).toBe(60_000);
    expect(stepEstimateMs({ id: 's', kind: 'wait', with: { duration: '2s' }, priority: 'low', dependsOn: [], onFailure: 'pause' })).toBe(2_000);
    expect(stepEstimateMs({ id: 's', kind: 'noop', priority: 'low', dependsOn: [], onFailure: 'pause' })).toBe(0);
  });
});

describe('examples/hello-cutover.yaml', () => {
  it('is valid and runnable by this engine', async () => {
    const analysis = await analysisOf(path.join(__dirname, '../../examples/hello-cutover.yaml'));
    expect(analysis.phases).toEqual([
      { id: 'pre-cutover', waves: [['announce-window'], ['freeze-changes']] },
      { id: 'cutover', waves: [['drain-legacy'], ['switch-dns', 'switch-trunks'], ['smoke-test']] },
    ]);
    expect(analysis.criticalPath).toEqual({ steps: ['announce-window', 'freeze-changes', 'drain-legacy', 'switch-dns', 'smoke-test'], estimateMs: 5_000 });
  });
});
