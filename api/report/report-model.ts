/**
 * The run report's model: what happened in one cutover, built from its status document (every step,
 * paged in by the caller) and, when known, its start input (plan, who started it, time scale) and a
 * rehearsal to compare with. Pure and deterministic, so renderers and tests need no Temporal.
 */
import type { ParamValue } from '../../plan/params';
import type { Plan } from '../../plan/schema';
import type { FailureInfo, IssueRecord, StatusDocument } from '../../workflows/status-document';
import { metricSeries, evaluationGroups, type EvaluationGroup, type MetricSeries } from './metric-series';
import { planClock, wallPerPlanMs, type PlanClock } from './report-time';
import { stepReports, type StepReport } from './step-reports';

export type { EvaluationGroup, MetricSeries, StepReport };

/** What the status document does not hold: from the cutover's start input (its first history event). */
export interface ReportExtras {
  start?: { plan?: Plan; startedBy?: string; timeScale?: number } | null;
  /** A rehearsal of the plan, whose step durations form an extra column. */
  rehearsal?: { status: StatusDocument; timeScale?: number } | null;
}

export interface ReportHeader {
  id: string;
  name: string;
  description: string | null;
  mode: string;
  state: string;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Plan time from start to end (or to the last update of a run still going). */
  durationMs: number | null;
  /** Wall-clock ms per plan ms (1, or e.g. 1/3600 for a run at an hour a second). */
  timeScale: number;
  params: [string, ParamValue][];
  rehearsalId: string | null;
  error: FailureInfo | null;
}

export interface ReportPhase {
  id: string;
  title: string;
  state: string;
  start: number | null;
  end: number | null;
}

/** A gate's decision or approval: who, why, when and through what. */
export interface ReportDecision {
  seq: number;
  gate: string;
  gateKind: string;
  decision: string;
  effect: string;
  operator: string;
  roles: string[];
  source: string;
  verified: boolean | null;
  at: string;
  offset: number | null;
  reason: string;
}

export interface ReportAction {
  seq: number;
  action: string;
  target: string | null;
  operator: string;
  source: string;
  at: string;
  offset: number | null;
  reason: string;
}

/** A point in time the Gantt marks: a gate opening or its decision, the rollback's start. */
export interface ReportMarker {
  kind: 'gate' | 'decision' | 'rollback';
  at: number;
  label: string;
}

export type ReportIssue = IssueRecord & { offset: number | null };

export interface ReportRollback {
  reason: string;
  requestedBy: string;
  startedAt: string;
  endedAt: string | null;
  stage: string | null;
  durationMs: number | null;
  /** The rollback procedure's steps (first, then) and the compensations of forward steps. */
  procedure: StepReport[];
  compensated: StepReport[];
}

export interface RunReport {
  header: ReportHeader;
  phases: ReportPhase[];
  /** Plan-time length of the timeline (the chart's x axis). */
  spanMs: number;
  steps: StepReport[];
  markers: ReportMarker[];
  decisions: ReportDecision[];
  actions: ReportAction[];
  evaluations: EvaluationGroup[];
  metrics: MetricSeries[];
  issues: ReportIssue[];
  rollback: ReportRollback | null;
}

export function buildRunReport(status: StatusDocument, extras: ReportExtras = {}): RunReport {
  const start = extras.start ?? null;
  const clock = planClock(status.startedAt, wallPerPlanMs({ inputMultiplier: start?.timeScale, speedUp: status.timeScale }));
  const lastAt = status.endedAt ?? status.updatedAt;
  const steps = stepReports(status, clock, start?.plan ?? null, extras.rehearsal ?? null);
  const gateKinds = new Map(status.gates.map((gate) => [gate.id, gate.kind]));
  const rollback = status.rollback;
  const evaluations = evaluationGroups(status, clock, start?.plan ?? null);
  return {
    header: {
      id: status.id,
      name: status.name,
      description: start?.plan?.description ?? null,
      mode: status.mode,
      state: status.state,
      startedBy: start?.startedBy ?? null,
      startedAt: status.startedAt,
      endedAt: status.endedAt,
      durationMs: clock.between(status.startedAt, lastAt),
      timeScale: clock.timeScale,
      params: Object.entries(status.params ?? {}),
      rehearsalId: extras.rehearsal?.status.id ?? null,
      error: status.error,
    },
    phases: status.phases.map((phase) => ({ id: phase.id, title: phase.title, state: phase.state, start: clock.offset(phase.startedAt), end: clock.offset(phase.endedAt) })),
    spanMs: timelineSpan(clock.offset(lastAt) ?? 0, steps),
    steps,
    markers: markersOf(status, clock),
    decisions: status.decisions.map((d) => ({
      seq: d.seq,
      gate: d.gate,
      gateKind: gateKinds.get(d.gate) ?? 'gate',
      decision: d.decision,
      effect: d.effect,
      operator: d.operator,
      roles: d.roles,
      source: d.source,
      verified: d.verified ?? null,
      at: d.at,
      offset: clock.offset(d.at),
      reason: d.reason,
    })),
    actions: status.actions.map((a) => ({ seq: a.seq, action: a.action, target: a.target, operator: a.operator, source: a.source, at: a.at, offset: clock.offset(a.at), reason: a.reason })),
    evaluations,
    metrics: metricSeries(evaluations),
    issues: status.issues.map((issue) => ({ ...issue, offset: clock.offset(issue.reportedAt) })),
    rollback: rollback
      ? {
          reason: rollback.reason,
          requestedBy: rollback.requestedBy,
          startedAt: rollback.startedAt,
          endedAt: rollback.endedAt,
          stage: rollback.stage ?? null,
          durationMs: clock.between(rollback.startedAt, rollback.endedAt ?? lastAt),
          procedure: steps.filter((step) => step.section === 'rollback-first' || step.section === 'rollback-then'),
          compensated: steps.filter((step) => step.compensation !== null),
        }
      : null,
  };
}

/**
 * The chart's length: the run, stretched a quarter at most to show estimates beyond it (a 44h wait
 * cut short by a rollback must not squeeze the whole run into its first tenth).
 */
function timelineSpan(lastOffset: number, steps: StepReport[]): number {
  const actual = Math.max(1, lastOffset, ...steps.map((step) => step.end ?? 0));
  const planned = Math.max(0, ...steps.map((step) => (step.start ?? 0) + (step.plannedMs ?? 0)));
  return Math.max(actual, Math.min(planned, actual * 1.25));
}

/** Gates (opened, decided) and the rollback's start, in time order. */
function markersOf(status: StatusDocument, clock: PlanClock): ReportMarker[] {
  const markers: ReportMarker[] = [];
  for (const gate of status.gates) {
    const opened = clock.offset(gate.openedAt);
    const closed = clock.offset(gate.closedAt);
    // An automatic checkpoint `continue` opens and closes at once: one marker says it.
    if (opened !== null && opened !== closed) markers.push({ kind: 'gate', at: opened, label: `${gate.id} opened` });
    if (closed !== null) markers.push({ kind: 'decision', at: closed, label: `${gate.id}: ${gate.decision ?? 'closed'}` });
  }
  const rollbackAt = clock.offset(status.rollback?.startedAt);
  if (rollbackAt !== null) markers.push({ kind: 'rollback', at: rollbackAt, label: 'rollback' });
  return markers.sort((a, b) => a.at - b.at);
}
