/**
 * What golive's search attributes say about a cutover, and the pairs Temporal stores: the API sets
 * them when it starts a cutover, the workflow keeps them current (workflows/visibility.ts).
 * Deterministic, no I/O: shared by workflow and API code.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { Phase } from '../plan/schema';
import { modeAttribute, phaseAttribute, planHashAttribute, planNameAttribute, stateAttribute } from './search-attributes';
import type { CutoverMode, CutoverState, PhaseStatus } from './status-document';

export interface VisibleValues {
  plan: string;
  state: CutoverState;
  mode: CutoverMode;
  phase: string;
  /** Set once at start (the API computes it); the workflow never changes it. */
  planHash?: string;
}

/**
 * GolivePhase: the phase under way, or the last one the cutover reached — the last phase, in plan
 * order, that has begun (phases run one after another). A rollback keeps the phase it stopped in,
 * a no-go the phase of its gate, an ended cutover its last phase; the first phase before any began.
 */
export function currentPhaseOf(phases: readonly Pick<Phase, 'id'>[], stateOf: (id: string) => PhaseStatus['state']): string {
  let current = phases[0]?.id ?? '';
  for (const phase of phases) {
    if (stateOf(phase.id) !== 'pending') current = phase.id;
  }
  return current;
}

/** The values as Temporal's typed pairs (the plan hash only when given). */
export function searchAttributePairs(values: VisibleValues): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: planNameAttribute, value: values.plan },
    { key: stateAttribute, value: values.state },
    { key: modeAttribute, value: values.mode },
    { key: phaseAttribute, value: values.phase },
  ];
  if (values.planHash !== undefined) pairs.push({ key: planHashAttribute, value: values.planHash });
  return pairs;
}
