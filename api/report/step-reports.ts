/**
 * Each step of a run as the report shows it: when it ran (plan-time offsets), how long it took
 * against its plan `estimate` and against a rehearsal of the same plan, its compensation, and who
 * completed it or why it failed or was skipped. Pure.
 */
import { stepEstimateMs } from '../../plan/analyze';
import { procedureSteps } from '../../plan/procedures';
import type { Plan, Step } from '../../plan/schema';
import type { StatusDocument, StepStatus } from '../../workflows/status-document';
import { planClock, wallPerPlanMs, type PlanClock } from './report-time';

export interface StepReport {
  id: string;
  title: string;
  phase: string;
  /** Procedure steps: contingency, rollback-first or rollback-then; null for a phase's step. */
  section: string | null;
  kind: string;
  owner: string | null;
  state: string;
  attempts: number;
  runs: number;
  startedAt: string | null;
  endedAt: string | null;
  /** Plan-time offsets from the cutover's start. */
  start: number | null;
  end: number | null;
  actualMs: number | null;
  /** The plan's `estimate` (a wait's own duration), when the plan is known and says one. */
  plannedMs: number | null;
  /** The same step's duration in the rehearsal compared with. */
  rehearsalMs: number | null;
  compensation: { state: string; start: number | null; end: number | null; ms: number | null } | null;
  /** Manual steps: who completed it and their evidence. */
  completedBy: string | null;
  evidence: string | null;
  /** Why it failed (its error) or was skipped. */
  note: string | null;
}

/** Plan estimates by step id, phases' steps and procedure steps alike; absent ids have none. */
function estimates(plan: Plan | null): Map<string, number> {
  const byId = new Map<string, number>();
  if (!plan) return byId;
  const all: Step[] = [...plan.phases.flatMap((phase) => phase.steps), ...procedureSteps(plan).map(({ step }) => step as Step)];
  for (const step of all) {
    const ms = stepEstimateMs(step);
    if (ms > 0) byId.set(step.id, ms);
  }
  return byId;
}

/** A rehearsal's finished steps' durations in its own plan time, by step id. */
function rehearsalDurations(rehearsal: { status: StatusDocument; timeScale?: number } | null): Map<string, number> {
  const byId = new Map<string, number>();
  if (!rehearsal) return byId;
  const clock = planClock(rehearsal.status.startedAt, wallPerPlanMs({ inputMultiplier: rehearsal.timeScale, speedUp: rehearsal.status.timeScale }));
  for (const step of rehearsal.status.steps) {
    const ms = clock.between(step.startedAt, step.endedAt);
    if (ms !== null) byId.set(step.id, ms);
  }
  return byId;
}

function noteOf(step: StepStatus): string | null {
  if (step.error) return step.error.message;
  if (step.skipReason) return `skipped: ${step.skipReason}`;
  if (step.compensation?.error) return `compensation: ${step.compensation.error.message}`;
  return null;
}

export function stepReports(status: StatusDocument, clock: PlanClock, plan: Plan | null, rehearsal: { status: StatusDocument; timeScale?: number } | null): StepReport[] {
  const planned = estimates(plan);
  const rehearsed = rehearsalDurations(rehearsal);
  // A step still running is drawn up to the document's last update.
  const now = status.endedAt ?? status.updatedAt;
  return status.steps.map((step) => {
    const ended = step.endedAt ?? (step.startedAt && (step.state === 'running' || step.state === 'awaiting-operator') ? now : null);
    const comp = step.compensation;
    return {
      id: step.id,
      title: step.title,
      phase: step.phase,
      section: step.section ?? null,
      kind: step.kind,
      owner: step.owner,
      state: step.state,
      attempts: step.attempts,
      runs: step.runs,
      startedAt: step.startedAt,
      endedAt: step.endedAt,
      start: clock.offset(step.startedAt),
      end: clock.offset(ended),
      actualMs: clock.between(step.startedAt, ended),
      plannedMs: planned.get(step.id) ?? null,
      rehearsalMs: rehearsed.get(step.id) ?? null,
      compensation: comp
        ? { state: comp.state, start: clock.offset(comp.startedAt), end: clock.offset(comp.endedAt ?? (comp.startedAt ? now : null)), ms: clock.between(comp.startedAt, comp.endedAt) }
        : null,
      completedBy: step.completion?.operator ?? null,
      evidence: step.completion?.evidence ?? null,
      note: noteOf(step),
    };
  });
}
