/**
 * What the console draws beside the status document: each phase's waves, the critical path by
 * estimate, and per step what the plan says but the status does not (estimate, notes, a manual
 * step's instructions). Pure: built from the cutover's validated plan with plan/analyze.
 */
import { analyzePlan, stepEstimateMs } from '../../plan/analyze';
import type { Plan, Step } from '../../plan/schema';

export interface StepPlanView {
  estimateMs: number;
  notes: string | null;
  /** Manual steps: what the operator does, and whether evidence must come with the completion. */
  instructions: string | null;
  evidenceRequired: boolean | null;
}

export interface PlanGraphView {
  phases: { id: string; title: string; waves: string[][] }[];
  criticalPath: { steps: string[]; estimateMs: number };
  steps: Record<string, StepPlanView>;
}

function stepView(step: Step): StepPlanView {
  const manual = step.kind === 'manual' ? step.with : null;
  return { estimateMs: stepEstimateMs(step), notes: step.notes ?? null, instructions: manual?.instructions ?? null, evidenceRequired: manual?.evidenceRequired ?? null };
}

export function planGraphView(plan: Plan): PlanGraphView {
  const analysis = analyzePlan(plan);
  const procedureSteps = [...(plan.contingency?.steps ?? []), ...(plan.rollback?.first ?? []), ...(plan.rollback?.then ?? []), ...(plan.rollback?.steps ?? [])];
  return {
    phases: plan.phases.map((phase, i) => ({ id: phase.id, title: phase.title ?? phase.id, waves: analysis.phases[i].waves })),
    criticalPath: analysis.criticalPath,
    steps: Object.fromEntries([...plan.phases.flatMap((phase) => phase.steps), ...procedureSteps].map((step) => [step.id, stepView(step)])),
  };
}
