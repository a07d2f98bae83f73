/**
 * Compensations: undo every step that ran (succeeded, or was cancelled in flight) in reverse
 * dependency order, independent ones in parallel (between the rollback procedure's `first` and
 * `then` sections, workflows/procedures.ts).
 * A failing compensation waits for an operator (retry / skip): it is never silently dropped.
 * Both pick up where they were when a run continues as new: progress lives in the aggregate.
 */
import { compensationOrder } from '../plan/compensation-order';
import type { Step } from '../plan/schema';
import type { CutoverRun } from './cutover-run';
import { runDag, type NodeStart } from './dag-runner';
import { awaitAnswer, entryOf } from './step-execution';
import { runAction } from './step-runner';

/** States a step reaches once its compensation has begun. */
const COMPENSATION_STATES: ReadonlySet<string> = new Set(['compensating', 'compensated', 'compensation-failed']);

/** Steps whose effects may be in the world (they succeeded, or a rollback cancelled them mid-run), or whose compensation began. */
function stepsToCompensate(run: CutoverRun): Set<string> {
  const ids = run.plan.phases
    .flatMap((phase) => phase.steps)
    .filter((step) => step.compensate)
    .filter((step) => {
      const state = run.state.step(step.id).state;
      return state === 'succeeded' || run.state.wasCancelled(step.id) || COMPENSATION_STATES.has(state);
    })
    .map((step) => step.id);
  return new Set(ids);
}

/** Done once compensated or its failed compensation was skipped; under way while compensating or waiting. */
function compensationStart(run: CutoverRun, id: string): NodeStart {
  const step = run.state.step(id);
  if (step.state === 'compensated' || step.compensation?.state === 'skipped') return 'done';
  return step.state === 'compensating' || step.state === 'compensation-failed' ? 'active' : 'pending';
}

async function compensate(run: CutoverRun, step: Step, resuming: boolean): Promise<boolean> {
  const action = step.compensate!;
  let entry = entryOf(run, step.id, resuming, 'compensation-failed', 'compensating');
  for (let runNumber = 1; ; runNumber++, entry = 'start') {
    if (entry !== 'answer') {
      if (entry === 'start') {
        run.state.compensationStarted(step.id, action.kind, action.kind === 'manual', run.now());
        run.changed();
      }
      const outcome = await runAction(run, action, { stepId: step.id, purpose: 'compensate', runNumber }, entry === 'action');
      run.state.compensationEnded(step.id, outcome.ok ? { ok: true, attempts: outcome.attempts } : { ok: false, attempts: outcome.attempts, error: outcome.error }, run.now());
      if (outcome.ok) {
        run.changed();
        return false;
      }
    }
    const answer = await awaitAnswer(run, step.id, step.owner, 'retry-skip', 'compensation-failed', entry === 'answer');
    if (answer === 'skip') {
      run.state.compensationSkipped(step.id, run.now());
      run.changed();
      return false;
    }
  }
}

export async function compensateAll(run: CutoverRun): Promise<void> {
  for (const nodes of compensationOrder(run.plan, stepsToCompensate(run))) {
    const start = new Map(nodes.map((node) => [node.id, compensationStart(run, node.id)]));
    await runDag(nodes, {
      maxParallel: run.plan.settings.maxParallel,
      paused: () => run.draining,
      initial: (node) => start.get(node.id)!,
      run: (node) => compensate(run, run.planStep(node.id)!, start.get(node.id) === 'active'),
    });
  }
}

/** Where a step of a DAG stands when a run starts: satisfied, under way or waiting, pending, or never to run. */
export function stepStart(run: CutoverRun, id: string): NodeStart {
  if (run.state.satisfied(id)) return 'done';
  const state = run.state.step(id).state;
  return state === 'running' || state === 'awaiting-operator' ? 'active' : state === 'pending' ? 'pending' : 'blocked';
}
