/**
 * The order in which a rollback undoes steps: later phases first; within a phase, a step's
 * compensation waits for the compensations of every step that (transitively) depends on it.
 * Steps without a compensation pass the dependency through. Pure: used by the workflow.
 */
import type { Plan } from './schema';

export interface CompensationNode {
  id: string;
  /** Compensations that must finish first (of the steps depending on this one). */
  dependsOn: string[];
}

/** One list per phase, last phase first, holding only the steps in `toCompensate`. */
export function compensationOrder(plan: Plan, toCompensate: ReadonlySet<string>): CompensationNode[][] {
  return [...plan.phases].reverse().map((phase) => {
    const dependents = new Map<string, string[]>(phase.steps.map((step) => [step.id, []]));
    for (const step of phase.steps) {
      for (const dep of step.dependsOn) dependents.get(dep)?.push(step.id);
    }
    const nearestCompensated = (id: string, seen = new Set<string>()): string[] =>
      (dependents.get(id) ?? []).flatMap((next) => {
        if (seen.has(next)) return [];
        seen.add(next);
        return toCompensate.has(next) ? [next] : nearestCompensated(next, seen);
      });
    return phase.steps.filter((step) => toCompensate.has(step.id)).map((step) => ({ id: step.id, dependsOn: nearestCompensated(step.id) }));
  });
}
