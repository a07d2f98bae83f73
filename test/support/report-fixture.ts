/**
 * A rolled-back run's status document and start input for the report's unit tests: two phases and
 * a rollback procedure, a watch breach decided `rollback` by dana, a checkpoint against a relative
 * limit, an issue, and operator text full of markup (the XSS cases). Run at an hour a second.
 */
import type { Plan } from '../../plan/schema';
import type { StatusDocument, StepStatus } from '../../workflows/status-document';

export const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const T0 = Date.parse('2026-12-05T18:00:00.000Z');
/** A wall-clock time `planHours` into the run at an hour a second. */
export const at = (planHours: number) => new Date(T0 + planHours * 1000).toISOString();

function step(id: string, phase: string, from: number | null, to: number | null, extra: Partial<StepStatus> = {}): StepStatus {
  return {
    id,
    phase,
    title: `Title of ${id}`,
    kind: 'http',
    owner: 'telephony',
    priority: 'high',
    dependsOn: [],
    state: to === null ? (from === null ? 'pending' : 'running') : 'succeeded',
    attempts: from === null ? 0 : 1,
    startedAt: from === null ? null : at(from),
    endedAt: to === null ? null : at(to),
    result: null,
    error: null,
    awaiting: null,
    completion: null,
    compensation: null,
    runs: 1,
    ...extra,
  };
}

const actor = (operator: string, when: number) => ({ operator, roles: ['cutover-lead'], source: 'api' as const, verified: true, at: at(when) });

export function rolledBackStatus(): StatusDocument {
  return {
    id: 'weekend-1',
    name: 'acme-go-live',
    mode: 'live',
    state: 'rolled-back',
    phase: null,
    startedAt: at(0),
    updatedAt: at(12),
    endedAt: at(12),
    phases: [
      { id: 'prepare', title: 'The night before', state: 'succeeded', startedAt: at(0), endedAt: at(2) },
      { id: 'go-live', title: 'Go live', state: 'failed', startedAt: at(2), endedAt: at(9) },
    ],
    steps: [
      step('export', 'prepare', 0, 1, { kind: 'snapshot', completion: null }),
      step('roster', 'prepare', 0, 2, { kind: 'manual', owner: 'cutover-lead', completion: { ...actor('dana', 2), evidence: `roster ok ${XSS}` } }),
      step('route-main', 'go-live', 2, 3, {
        state: 'compensated',
        compensation: { kind: 'http', state: 'succeeded', attempts: 1, startedAt: at(10), endedAt: at(10.5), error: null },
      }),
      step('hold', 'go-live', 3, 9, { kind: 'wait', state: 'skipped', skipReason: 'rollback' }),
      step('main-to-legacy', 'rollback', 9, 10, { section: 'rollback-first' }),
      step('agents-back', 'rollback', 10.5, 12, { kind: 'manual', section: 'rollback-then', completion: { ...actor('lee', 12), evidence: 'all back' } }),
      step('announce-later', 'rollback', null, null, { kind: 'notify', section: 'rollback-then', state: 'skipped', skipReason: 'not needed' }),
    ],
    paused: false,
    gates: [
      {
        id: 'go-live-watch-2',
        kind: 'checkpoint',
        phase: 'go-live',
        sequence: 2,
        state: 'decided',
        openedAt: at(8),
        closedAt: at(9),
        deadline: null,
        escalatedAt: null,
        decision: 'rollback',
        approverRoles: ['cutover-lead'],
        quorum: 1,
        approvals: [actor('dana', 9)],
        criteria: null,
        evaluation: null,
      },
      {
        id: 'first-hours-checkpoint-1',
        kind: 'checkpoint',
        phase: 'go-live',
        sequence: 1,
        state: 'decided',
        openedAt: at(6),
        closedAt: at(6),
        deadline: null,
        escalatedAt: null,
        decision: 'continue',
        approverRoles: ['cutover-lead'],
        quorum: 1,
        approvals: [],
        criteria: null,
        evaluation: { evaluations: [{ id: 'aht', value: 330, baseline: 320, max: 368, breached: false }], breached: false, reasons: [] },
      },
    ],
    decisions: [
      { seq: 1, gate: 'first-hours-checkpoint-1', decision: 'continue', reason: 'every metric within its thresholds', effect: 'decided', operator: 'golive', roles: [], source: 'auto', verified: true, at: at(6) },
      { seq: 2, gate: 'go-live-watch-2', decision: 'rollback', reason: `abandon rate | too high ${XSS}`, effect: 'decided', ...actor('dana', 9) },
    ],
    actions: [{ seq: 1, action: 'reportIssue', target: 'ISS-1', reason: 'callers hear silence', ...actor('olu', 7) }],
    rejected: [],
    issues: [
      {
        id: 'ISS-1',
        severity: 'critical',
        summary: `Silence on transfer ${XSS}`,
        details: `Caller hears nothing after the menu\n${XSS}`,
        callTime: '2026-12-05T19:02:00Z',
        callerAni: '+15550100',
        csrUsername: 'agent.kim',
        screenshots: ['https://files.example/shot-1.png', 'javascript:alert(1)'],
        state: 'open',
        reportedBy: 'olu',
        reportedAt: at(7),
        source: 'api',
        verified: true,
        resolvedBy: null,
        resolvedAt: null,
        resolution: null,
      },
    ],
    rollback: { reason: `checkpoint go-live-watch-2: ${XSS}`, requestedBy: 'dana', startedAt: at(9), endedAt: at(12), stage: 'done' },
    error: null,
    watches: [
      {
        phase: 'go-live',
        until: 'go-live',
        every: '4h',
        state: 'ended',
        startedAt: at(2),
        endedAt: at(9),
        next: 3,
        nextDueAt: at(10),
        evaluations: [
          { n: 1, at: at(4), metrics: [{ id: 'abandon-rate', value: 0.05, verdict: 'ok', max: 0.08 }, { id: 'logins', value: null, verdict: 'inconclusive', max: 5, reason: 'unreadable' }], action: 'none' },
          { n: 2, at: at(8), metrics: [{ id: 'abandon-rate', value: 0.2, verdict: 'breach', max: 0.08 }, { id: 'logins', value: 5, verdict: 'ok', max: 5 }], action: 'decide', reason: 'abandon-rate 0.2 above max 0.08', gate: 'go-live-watch-2' },
        ],
        dropped: 0,
        counters: {},
        pendingGate: null,
      },
    ],
    params: { platformUrl: `https://sim.example/${XSS}` },
  };
}

/** The plan as the start input carries it: estimates for two steps and the watch's metric titles. */
export function planOfRun(): Plan {
  return {
    apiVersion: 'golive/v1',
    name: 'acme-go-live',
    description: `Weekend ${XSS}`,
    phases: [
      { id: 'prepare', steps: [{ id: 'export', kind: 'snapshot', estimate: '30m' }, { id: 'roster', kind: 'manual', estimate: '1h' }] },
      {
        id: 'go-live',
        steps: [{ id: 'route-main', kind: 'http' }, { id: 'hold', kind: 'wait', with: { duration: '6h' } }],
        watch: { every: '4h', metrics: [{ id: 'abandon-rate', title: 'Abandon rate', max: 0.08 }, { id: 'logins', title: 'Agent login failures', max: 5 }] },
      },
    ],
    rollback: { first: [{ id: 'main-to-legacy', kind: 'http', estimate: '15m' }], then: [{ id: 'agents-back', kind: 'manual' }] },
  } as unknown as Plan;
}
