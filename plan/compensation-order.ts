/**
 * The order in which a rollback undoes steps: later phases first; within a phase, a step's
 * compensation waits for the compensations of every step that (transitively) depends on it.
 * Steps without a compensation pass the dependency through. Pure: used by the workflow.
 * Computed in one sweep per phase (reverse topological order), never by recursion, so a chain
 * of tens of thousands of steps costs what it is long and cannot overflow the stack.
 */
import { topologicalOrder } from './graph';
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
      for (const dep of new Set(step.dependsOn)) dependents.get(dep)?.push(step.id);
    }
    const sorted = topologicalOrder(phase.steps);
    if (!sorted.ok) throw new Error(`phase ${phase.id} has a dependency cycle; validate the plan first`);
    // For each step, the nearest compensated steps among those that depend on it (transitively).
    const nearest = new Map<string, string[]>();
    for (let i = sorted.order.length - 1; i >= 0; i--) {
      const id = sorted.order[i];
      const found = new Set<string>();
      for (const next of dependents.get(id) ?? []) {
        if (toCompensate.has(next)) found.add(next);
        else for (const further of nearest.get(next) ?? []) found.add(further);
      }
      nearest.set(id, [...found]);
    }
    return phase.steps.filter((step) => toCompensate.has(step.id)).map((step) => ({ id: step.id, dependsOn: nearest.get(step.id) ?? [] }));
  });
}
