/**
 * Two runs of a cutover side by side (a recorded one and its rehearsal, two rehearsals, a live run
 * and a rehearsal): step by step the planned (estimate), first and second durations in plan time,
 * each run's critical path by actual durations through `dependsOn`, and every divergence in the
 * order it happened, the first one named: a step that now ends differently (fails, is skipped), a
 * gate that now breaches or is decided differently, a step added or removed, another end state.
 * Pure: reads two status documents and the plan's estimates.
 */
import { longestPath } from '../../plan/graph';
import type { GateStatus, StatusDocument, StepStatus } from '../../workflows/status-document';
import { planMsIn } from './time-scale';

/** A run as the comparison reads it: its status document (its `timeScale` puts durations in plan time). */
export interface ComparedRun {
  doc: Pick<StatusDocument, 'id' | 'mode' | 'state' | 'startedAt' | 'endedAt' | 'timeScale'> & { steps: readonly StepStatus[]; gates: readonly GateStatus[] };
}

export interface StepComparison {
  id: string;
  phase: string;
  /** The plan's estimate for the step (ms), when it has one. */
  estimateMs: number | null;
  /** Plan-time durations (ms); null when the step did not run (or is not in that run's plan). */
  aMs: number | null;
  bMs: number | null;
  aState: string | null;
  bState: string | null;
}

export type DivergenceKind = 'step-added' | 'step-removed' | 'step-outcome' | 'gate-added' | 'gate-missing' | 'gate-breach' | 'gate-decision' | 'end-state';

export interface Divergence {
  kind: DivergenceKind;
  /** The step or gate (the cutover's id for `end-state`). */
  id: string;
  a: string | null;
  b: string | null;
  /** When it showed, in plan time after the start (ms): the earlier of the two runs; null when neither says. */
  atMs: number | null;
  message: string;
}

export interface RunOverview {
  id: string;
  mode: string;
  state: string;
  /** Start to end (or to the last change, while it runs), in plan time. */
  durationMs: number | null;
  criticalPath: { steps: string[]; durationMs: number };
}

export interface Comparison {
  a: RunOverview;
  b: RunOverview;
  steps: StepComparison[];
  gates: { id: string; a: string | null; b: string | null; aBreached: boolean | null; bBreached: boolean | null }[];
  divergences: Divergence[];
  firstDivergence: Divergence | null;
}

/** Plan time after the run's start of an instant of it. */
function offset(run: ComparedRun, at: string | null | undefined): number | null {
  return at ? planMsIn(run.doc, Date.parse(at) - Date.parse(run.doc.startedAt)) : null;
}

function stepDuration(run: ComparedRun, step: StepStatus | undefined): number | null {
  if (!step?.startedAt || !step.endedAt) return null;
  return planMsIn(run.doc, Date.parse(step.endedAt) - Date.parse(step.startedAt));
}

/** The longest chain by actual durations, phase after phase, of the steps that ran (procedure steps are not on it). */
function criticalPath(run: ComparedRun): { steps: string[]; durationMs: number } {
  const forward = run.doc.steps.filter((step) => step.section === undefined && step.startedAt !== null);
  const phases = [...new Set(forward.map((step) => step.phase))];
  const paths = phases.map((phase) => longestPath(forward.filter((step) => step.phase === phase), (step) => stepDuration(run, step) ?? 0));
  return { steps: paths.flatMap((p) => p.path), durationMs: paths.reduce((sum, p) => sum + p.total, 0) };
}

function overview(run: ComparedRun): RunOverview {
  const end = run.doc.endedAt ?? null;
  return { id: run.doc.id, mode: run.doc.mode, state: run.doc.state, durationMs: offset(run, end), criticalPath: criticalPath(run) };
}

/** When a step's run began to differ: its start (else its end); a gate's: its opening (else its closing). */
const stepAt = (run: ComparedRun, step: StepStatus | undefined) => (step ? (offset(run, step.startedAt) ?? offset(run, step.endedAt)) : null);
const gateAt = (run: ComparedRun, gate: GateStatus | undefined) => (gate ? (offset(run, gate.openedAt) ?? offset(run, gate.closedAt)) : null);

function earliest(...times: (number | null)[]): number | null {
  const known = times.filter((t): t is number => t !== null);
  return known.length > 0 ? Math.min(...known) : null;
}

/** In the order they happened; those without a time last. */
const byTime = (x: Divergence, y: Divergence) => (x.atMs ?? Number.POSITIVE_INFINITY) - (y.atMs ?? Number.POSITIVE_INFINITY) || 0;

function stepDivergences(a: ComparedRun, b: ComparedRun): Divergence[] {
  const aSteps = new Map(a.doc.steps.map((s) => [s.id, s]));
  const bSteps = new Map(b.doc.steps.map((s) => [s.id, s]));
  const out: Divergence[] = [];
  for (const [id, step] of aSteps) {
    const other = bSteps.get(id);
    if (!other) out.push({ kind: 'step-removed', id, a: step.state, b: null, atMs: earliest(stepAt(a, step)), message: `step ${id} is not in ${b.doc.id}` });
    else if (other.state !== step.state) {
      out.push({ kind: 'step-outcome', id, a: step.state, b: other.state, atMs: earliest(stepAt(a, step), stepAt(b, other)), message: `step ${id}: ${step.state} in ${a.doc.id}, ${other.state} in ${b.doc.id}` });
    }
  }
  for (const [id, step] of bSteps) {
    if (!aSteps.has(id)) out.push({ kind: 'step-added', id, a: null, b: step.state, atMs: earliest(stepAt(b, step)), message: `step ${id} is new in ${b.doc.id} (${step.state})` });
  }
  return out;
}

function gateDivergences(a: ComparedRun, b: ComparedRun): Divergence[] {
  const aGates = new Map(a.doc.gates.map((g) => [g.id, g]));
  const bGates = new Map(b.doc.gates.map((g) => [g.id, g]));
  const out: Divergence[] = [];
  for (const [id, gate] of aGates) {
    const other = bGates.get(id);
    const atMs = earliest(gateAt(a, gate), gateAt(b, other));
    if (!other) out.push({ kind: 'gate-missing', id, a: gate.decision, b: null, atMs, message: `gate ${id} (${gate.decision ?? gate.state} in ${a.doc.id}) never came in ${b.doc.id}` });
    else if (Boolean(gate.evaluation?.breached) !== Boolean(other.evaluation?.breached)) {
      const verb = other.evaluation?.breached ? 'now breaches' : 'no longer breaches';
      out.push({ kind: 'gate-breach', id, a: gate.decision, b: other.decision, atMs, message: `gate ${id} ${verb} (${other.evaluation?.reasons.join('; ') || 'every metric within its thresholds'})` });
    } else if (gate.decision !== other.decision) {
      out.push({ kind: 'gate-decision', id, a: gate.decision, b: other.decision, atMs, message: `gate ${id}: ${gate.decision ?? 'undecided'} in ${a.doc.id}, ${other.decision ?? 'undecided'} in ${b.doc.id}` });
    }
  }
  for (const [id, gate] of bGates) {
    if (!aGates.has(id)) {
      const why = gate.evaluation?.breached ? ` (breached: ${gate.evaluation.reasons.join('; ')})` : '';
      out.push({ kind: 'gate-added', id, a: null, b: gate.decision, atMs: earliest(gateAt(b, gate)), message: `gate ${id} is new in ${b.doc.id}${why}: ${gate.decision ?? gate.state}` });
    }
  }
  return out;
}

/** Compares `a` (e.g. the recorded cutover) with `b` (e.g. its rehearsal); `estimates`: the plan's, by step id. */
export function compareRuns(a: ComparedRun, b: ComparedRun, estimates: ReadonlyMap<string, number> = new Map()): Comparison {
  const bSteps = new Map(b.doc.steps.map((s) => [s.id, s]));
  const aSteps = new Map(a.doc.steps.map((s) => [s.id, s]));
  const ids = [...new Set([...a.doc.steps.map((s) => s.id), ...b.doc.steps.map((s) => s.id)])];
  const steps = ids.map((id): StepComparison => {
    const sa = aSteps.get(id);
    const sb = bSteps.get(id);
    return { id, phase: (sa ?? sb)!.phase, estimateMs: estimates.get(id) ?? null, aMs: stepDuration(a, sa), bMs: stepDuration(b, sb), aState: sa?.state ?? null, bState: sb?.state ?? null };
  });
  const gateIds = [...new Set([...a.doc.gates.map((g) => g.id), ...b.doc.gates.map((g) => g.id)])];
  const gates = gateIds.map((id) => {
    const ga = a.doc.gates.find((g) => g.id === id);
    const gb = b.doc.gates.find((g) => g.id === id);
    return { id, a: ga?.decision ?? null, b: gb?.decision ?? null, aBreached: ga ? Boolean(ga.evaluation?.breached) : null, bBreached: gb ? Boolean(gb.evaluation?.breached) : null };
  });
  const divergences = [...stepDivergences(a, b), ...gateDivergences(a, b)].sort(byTime);
  if (a.doc.state !== b.doc.state) {
    divergences.push({ kind: 'end-state', id: b.doc.id, a: a.doc.state, b: b.doc.state, atMs: earliest(offset(a, a.doc.endedAt), offset(b, b.doc.endedAt)), message: `${a.doc.id} ended ${a.doc.state}, ${b.doc.id} ${b.doc.state}` });
  }
  return { a: overview(a), b: overview(b), steps, gates, divergences, firstDivergence: divergences[0] ?? null };
}
