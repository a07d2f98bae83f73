/**
 * The plan's procedures beside its phases: the contingency (what a no-go runs) and the rollback
 * procedure's two sections, `first` (before compensations) and `then` (after them; `steps` is its
 * older name). One place that knows where each section's steps live in a plan. Pure.
 */
import type { Plan, ProcedureStep } from './schema';

export const procedureSections = ['contingency', 'rollback-first', 'rollback-then'] as const;
export type ProcedureSection = (typeof procedureSections)[number];

/** A section's steps (empty when the plan has none). */
export function sectionSteps(plan: Pick<Plan, 'contingency' | 'rollback'>, section: ProcedureSection): ProcedureStep[] {
  if (section === 'contingency') return plan.contingency?.steps ?? [];
  if (section === 'rollback-first') return plan.rollback?.first ?? [];
  return plan.rollback?.then ?? plan.rollback?.steps ?? [];
}

/** Every procedure step with its section, in the order the run record lists them. */
export function procedureSteps(plan: Pick<Plan, 'contingency' | 'rollback'>): { section: ProcedureSection; step: ProcedureStep }[] {
  return procedureSections.flatMap((section) => sectionSteps(plan, section).map((step) => ({ section, step })));
}

/** The phase name a section's steps carry in the run record (`rollback` as before for both rollback sections). */
export function sectionPhase(section: ProcedureSection): string {
  return section === 'contingency' ? 'contingency' : 'rollback';
}
