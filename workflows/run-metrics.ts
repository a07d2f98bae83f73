/**
 * What a run tells the worker's metrics (workers/metrics.ts) through a Temporal sink: steps that
 * ended, gates decided, decisions recorded. Sinks run in the worker outside the sandbox, produce no
 * command and no history (so no patched()), and are not called while a history replays, so each
 * event is counted once by the worker that lived it. Outside a workflow (unit tests) nothing is sent.
 */
import { inWorkflowContext, proxySinks, type Sinks } from '@temporalio/workflow';
import type { DecisionRecord, GateStatus, StepStatus } from './status-document';

export interface MetricsSinks extends Sinks {
  goliveMetrics: {
    stepEnded(event: { kind: string; outcome: string; mode: string; seconds: number }): void;
    gateDecided(event: { kind: string; decision: string; mode: string; seconds: number }): void;
    decisionRecorded(event: { source: string; effect: string; mode: string }): void;
  };
}

const { goliveMetrics } = proxySinks<MetricsSinks>();
const ENDED = new Set<string>(['succeeded', 'failed', 'skipped']);
const seconds = (from: string | null, to: string | null) => (from && to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : 0);

/** A step moved from `from` to its current state: counted when it just ended (a step that never started lasted 0 s). */
export function reportStepChange(step: Pick<StepStatus, 'kind' | 'state' | 'startedAt' | 'endedAt'>, from: string, mode: string): void {
  if (!inWorkflowContext() || !ENDED.has(step.state) || ENDED.has(from)) return;
  goliveMetrics.stepEnded({ kind: step.kind, outcome: step.state, mode, seconds: seconds(step.startedAt, step.endedAt) });
}

/** A decision went on record; a deciding one closed its gate after waiting since it opened. */
export function reportDecision(record: Pick<DecisionRecord, 'source' | 'effect' | 'decision'>, gate: Pick<GateStatus, 'kind' | 'openedAt' | 'closedAt'> | undefined, mode: string): void {
  if (!inWorkflowContext()) return;
  goliveMetrics.decisionRecorded({ source: record.source, effect: record.effect, mode });
  if (record.effect === 'decided' && gate) goliveMetrics.gateDecided({ kind: gate.kind, decision: record.decision, mode, seconds: seconds(gate.openedAt, gate.closedAt) });
}
