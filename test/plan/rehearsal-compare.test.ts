/**
 * The pure cores of rehearsing: comparing two runs (durations, critical paths, the first
 * divergence), the live forecast against a rehearsal, and the plan hash. Table-style, no Temporal.
 */
import { compareRuns, type ComparedRun } from '../../api/rehearsal/compare';
import { forecastOf } from '../../api/rehearsal/forecast';
import { planHash } from '../../api/rehearsal/plan-hash';
import { validatePlan } from '../../plan';
import type { Plan } from '../../plan/schema';
import type { GateStatus, StepStatus } from '../../workflows/status-document';
import { testPlan } from '../support/plans';

const T0 = Date.parse('2026-12-04T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function step(id: string, state: StepStatus['state'], from: number | null, to: number | null, dependsOn: string[] = [], phase = 'cutover'): StepStatus {
  return {
    id, phase, title: id, kind: 'http', owner: null, priority: 'medium', dependsOn, state, attempts: 1,
    startedAt: from === null ? null : at(from), endedAt: to === null ? null : at(to),
    result: null, error: null, awaiting: null, completion: null, compensation: null, runs: 1,
  };
}

function gate(id: string, decision: string | null, closedAt: number, breached = false): GateStatus {
  return {
    id, kind: id.includes('checkpoint') ? 'checkpoint' : 'go-no-go', phase: 'cutover', sequence: null, state: 'decided',
    openedAt: at(closedAt - 10), closedAt: at(closedAt), deadline: null, escalatedAt: null, decision, approverRoles: ['cutover-lead'], quorum: 1, approvals: [],
    criteria: null, evaluation: breached ? { evaluations: [], breached: true, reasons: ['service-level 0.5 below 0.8'] } : null,
  };
}

function run(id: string, steps: StepStatus[], gates: GateStatus[], state = 'completed', end = 1000, timeScale?: number): ComparedRun {
  return { doc: { id, mode: 'rehearsal', state: state as ComparedRun['doc']['state'], startedAt: at(0), endedAt: at(end), steps, gates, ...(timeScale ? { timeScale } : {}) } };
}

describe('compareRuns', () => {
  const recorded = run('recorded', [step('export', 'succeeded', 0, 100), step('switch', 'succeeded', 100, 400, ['export']), step('notify', 'succeeded', 100, 150, ['export'])], [gate('go-no-go', 'go', 90)]);

  test('the same run twice: durations side by side, one critical path, no divergence', () => {
    const c = compareRuns(recorded, run('again', recorded.doc.steps as StepStatus[], recorded.doc.gates as GateStatus[]), new Map([['switch', 250]]));
    expect(c.firstDivergence).toBeNull();
    expect(c.a.criticalPath).toEqual({ steps: ['export', 'switch'], durationMs: 400 });
    expect(c.steps.find((s) => s.id === 'switch')).toMatchObject({ estimateMs: 250, aMs: 300, bMs: 300, aState: 'succeeded', bState: 'succeeded' });
  });

  test('durations are read in plan time: a rehearsal at twice the speed took as long in plan time', () => {
    const fast = run('fast', [step('export', 'succeeded', 0, 50), step('switch', 'succeeded', 50, 200, ['export']), step('notify', 'succeeded', 50, 75, ['export'])], [gate('go-no-go', 'go', 45)], 'completed', 500, 2);
    const c = compareRuns(recorded, fast);
    expect(c.steps.map((s) => [s.id, s.aMs, s.bMs])).toEqual([['export', 100, 100], ['switch', 300, 300], ['notify', 50, 50]]);
    expect(c.b.durationMs).toBe(1000);
    expect(c.firstDivergence).toBeNull();
  });

  test.each([
    ['a step that now fails', run('b', [step('export', 'succeeded', 0, 100), step('switch', 'failed', 100, 120, ['export']), step('notify', 'succeeded', 100, 150, ['export'])], [gate('go-no-go', 'go', 90)], 'rolled-back'), { kind: 'step-outcome', id: 'switch', a: 'succeeded', b: 'failed' }],
    ['a step removed', run('b', [step('export', 'succeeded', 0, 100), step('switch', 'succeeded', 100, 400, ['export'])], [gate('go-no-go', 'go', 90)]), { kind: 'step-removed', id: 'notify' }],
    ['a step added', run('b', [...(recorded.doc.steps as StepStatus[]), step('smoke', 'succeeded', 5, 20)], [gate('go-no-go', 'go', 90)]), { kind: 'step-added', id: 'smoke', b: 'succeeded' }],
    ['a gate decided differently', run('b', recorded.doc.steps as StepStatus[], [gate('go-no-go', 'no-go', 90)]), { kind: 'gate-decision', id: 'go-no-go', a: 'go', b: 'no-go' }],
    ['a checkpoint that now breaches', run('b', recorded.doc.steps as StepStatus[], [gate('go-no-go', 'go', 90), gate('hypercare-checkpoint-1', 'rollback', 600, true)], 'rolled-back'), { kind: 'gate-added', id: 'hypercare-checkpoint-1' }],
  ])('%s is the first divergence', (_name, other, expected) => {
    expect(compareRuns(recorded, other).firstDivergence).toMatchObject(expected);
  });

  test('divergences come in the order they began (a step at its start, a gate at its opening); the end state last', () => {
    const other = run('b', [step('export', 'failed', 0, 100), step('switch', 'pending', null, null, ['export']), step('notify', 'pending', null, null, ['export'])], [], 'failed', 100);
    const c = compareRuns(recorded, other);
    expect(c.divergences.map((d) => `${d.kind} ${d.id}`)).toEqual(['step-outcome export', 'gate-missing go-no-go', 'step-outcome switch', 'step-outcome notify', 'end-state b']);
    expect(c.b.criticalPath).toEqual({ steps: ['export'], durationMs: 100 });
  });
});

describe('forecastOf', () => {
  const rehearsal = { id: 'rehearsal-1', doc: { startedAt: at(0), endedAt: at(600), timeScale: 2, steps: [step('export', 'succeeded', 0, 100), step('switch', 'succeeded', 100, 500, ['export'])] } };

  test.each([
    ['behind: the live run reached switch later than the rehearsal did', 300, -100],
    ['ahead: earlier', 150, 50],
    ['level', 200, 0],
  ])('%s', (_name, liveSwitchAt, aheadMs) => {
    const live = { doc: { startedAt: at(0), endedAt: null, steps: [step('export', 'succeeded', 0, liveSwitchAt), step('switch', 'running', liveSwitchAt, null, ['export'])] } };
    // The rehearsal reached switch after 100 ms at twice the speed: 200 ms of plan time, and had 1000 ms of plan time left.
    expect(forecastOf(live, rehearsal)).toEqual({ rehearsalId: 'rehearsal-1', step: 'switch', aheadMs, forecastEnd: at(liveSwitchAt + 1000) });
  });

  test('before any step started, the forecast is the rehearsal’s length from the start; without an end, none', () => {
    const live = { doc: { startedAt: at(0), endedAt: null, steps: [step('export', 'pending', null, null)] } };
    expect(forecastOf(live, rehearsal)).toEqual({ rehearsalId: 'rehearsal-1', step: null, aheadMs: 0, forecastEnd: at(1200) });
    expect(forecastOf(live, { ...rehearsal, doc: { ...rehearsal.doc, endedAt: null } })).toBeNull();
  });
});

describe('planHash', () => {
  const valid = (input: unknown): Plan => {
    const result = validatePlan(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.plan;
  };
  const plan = (extra: Record<string, unknown> = {}) =>
    testPlan('hashed', [{ id: 'cutover', steps: [{ id: 'switch', kind: 'http', with: { method: 'POST', url: 'https://example.com/switch' }, ...extra }] }]);

  test('rehearsal-only fields and key order do not change it; anything else does', () => {
    const base = planHash(valid(plan()));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash(valid(plan({ rehearse: { outcome: 'fail', duration: '2m' } })))).toBe(base);
    const reordered = valid(plan());
    expect(planHash(Object.fromEntries(Object.entries(reordered).reverse()) as Plan)).toBe(base);
    expect(planHash(valid(plan({ timeout: '5m' })))).not.toBe(base);
    expect(planHash(valid({ ...plan(), requireRehearsal: true }))).not.toBe(base);
  });
});
