/**
 * Watch and checkpoint evaluations for the report: one group per watch or per phase's checkpoints
 * (a row per evaluation, a reading per metric), and one series per metric for its chart against
 * its limit(s). Limits are as evaluated (relative ones resolved against their baseline). Pure.
 */
import { metricEvaluation } from '../../plan/thresholds';
import type { Metric, Plan } from '../../plan/schema';
import type { GateStatus, StatusDocument, WatchStatus } from '../../workflows/status-document';
import type { PlanClock } from './report-time';

export type Verdict = 'ok' | 'breach' | 'inconclusive';

export interface MetricPoint {
  n: number;
  at: string;
  offset: number | null;
  value: number | null;
  verdict: Verdict;
  min?: number;
  max?: number;
  baseline?: number;
}

export interface EvaluationRow {
  n: number;
  at: string;
  offset: number | null;
  /** What golive did: a watch's action, a checkpoint's decision. */
  action: string;
  reason: string | null;
  gate: string | null;
  readings: Record<string, MetricPoint>;
}

export interface EvaluationGroup {
  kind: 'watch' | 'checkpoints';
  phase: string;
  every: string | null;
  metrics: { id: string; title: string | null }[];
  rows: EvaluationRow[];
  /** Older evaluations the status document no longer keeps (only counted). */
  dropped: number;
}

export interface MetricSeries {
  /** `watch:<phase>:<metric>` or `checkpoints:<phase>:<metric>`: unique within a report. */
  key: string;
  group: string;
  metric: string;
  title: string | null;
  points: MetricPoint[];
}

/** Limits only where set: a point without a max has no `max` key at all. */
function limits(source: { min?: number; max?: number; baseline?: number }): Pick<MetricPoint, 'min' | 'max' | 'baseline'> {
  const picked: Pick<MetricPoint, 'min' | 'max' | 'baseline'> = {};
  if (source.min !== undefined) picked.min = source.min;
  if (source.max !== undefined) picked.max = source.max;
  if (source.baseline !== undefined) picked.baseline = source.baseline;
  return picked;
}

/** The plan's metrics in order, with titles; metrics only seen in readings come after. */
function metricList(planned: Metric[] | undefined, seen: string[]): { id: string; title: string | null }[] {
  const list = (planned ?? []).map((m) => ({ id: m.id, title: m.title ?? null }));
  for (const id of seen) if (!list.some((m) => m.id === id)) list.push({ id, title: null });
  return list;
}

function watchGroup(watch: WatchStatus, clock: PlanClock, plan: Plan | null): EvaluationGroup {
  const rows = watch.evaluations.map((evaluation) => ({
    n: evaluation.n,
    at: evaluation.at,
    offset: clock.offset(evaluation.at),
    action: evaluation.action,
    reason: evaluation.reason ?? null,
    gate: evaluation.gate ?? null,
    readings: Object.fromEntries(
      evaluation.metrics.map((m) => [m.id, { n: evaluation.n, at: evaluation.at, offset: clock.offset(evaluation.at), value: m.value, verdict: m.verdict, ...limits(m) }]),
    ),
  }));
  const seen = watch.evaluations.flatMap((e) => e.metrics.map((m) => m.id));
  const planned = plan?.phases.find((phase) => phase.id === watch.phase)?.watch;
  return { kind: 'watch', phase: watch.phase, every: watch.every, metrics: metricList(planned?.metrics, seen), rows, dropped: watch.dropped };
}

function checkpointRow(gate: GateStatus, clock: PlanClock): EvaluationRow {
  const at = gate.openedAt ?? gate.closedAt ?? '';
  const n = gate.sequence ?? 0;
  const readings: Record<string, MetricPoint> = {};
  for (const raw of gate.evaluation?.evaluations ?? []) {
    const parsed = metricEvaluation.safeParse(raw);
    if (!parsed.success) continue;
    const m = parsed.data;
    const verdict: Verdict = m.value === null ? 'inconclusive' : m.breached ? 'breach' : 'ok';
    readings[m.id] = { n, at, offset: clock.offset(at), value: m.value, verdict, ...limits(m) };
  }
  return { n, at, offset: clock.offset(at), action: gate.decision ?? gate.state, reason: gate.evaluation?.reasons.join('; ') || null, gate: gate.id, readings };
}

function checkpointGroups(status: StatusDocument, clock: PlanClock, plan: Plan | null): EvaluationGroup[] {
  const byPhase = new Map<string, GateStatus[]>();
  // A watch's decision gates are checkpoints too (`<phase>-watch-<n>`): the watch's group shows them.
  const ofWatch = (gate: GateStatus) => gate.id === `${gate.phase}-watch-${gate.sequence}`;
  for (const gate of status.gates) if (gate.kind === 'checkpoint' && !ofWatch(gate)) byPhase.set(gate.phase, [...(byPhase.get(gate.phase) ?? []), gate]);
  return [...byPhase].map(([phase, gates]) => {
    const rows = gates.map((gate) => checkpointRow(gate, clock)).sort((a, b) => a.n - b.n);
    const planned = plan?.phases.find((p) => p.id === phase)?.checkpoints;
    return { kind: 'checkpoints' as const, phase, every: planned?.every ?? null, metrics: metricList(planned?.metrics, rows.flatMap((row) => Object.keys(row.readings))), rows, dropped: 0 };
  });
}

export function evaluationGroups(status: StatusDocument, clock: PlanClock, plan: Plan | null): EvaluationGroup[] {
  return [...(status.watches ?? []).map((watch) => watchGroup(watch, clock, plan)), ...checkpointGroups(status, clock, plan)];
}

/** One series per metric of every group, its points in evaluation order. */
export function metricSeries(groups: EvaluationGroup[]): MetricSeries[] {
  return groups.flatMap((group) =>
    group.metrics.map((metric) => ({
      key: `${group.kind}:${group.phase}:${metric.id}`,
      group: `${group.kind === 'watch' ? 'watch' : 'checkpoints'} ${group.phase}`,
      metric: metric.id,
      title: metric.title,
      points: group.rows.flatMap((row) => (row.readings[metric.id] ? [row.readings[metric.id]] : [])),
    })),
  );
}
