/**
 * Rollback: compensate every step that ran (succeeded, or was cancelled in flight) in reverse
 * dependency order, independent ones in parallel; then run the plan's own rollback procedure.
 * A failing compensation waits for an operator (retry / skip): it is never silently dropped.
 */
import { compensationOrder } from '../plan/compensation-order';
import type { Step } from '../plan/schema';
import type { CutoverRun } from './cutover-run';
import { runDag } from './dag-runner';
import { awaitAnswer, executeStep, type StepAnswer } from './step-execution';
import { runAction } from './step-runner';

/** Steps whose effects may be in the world: they succeeded, or a rollback cancelled them mid-run. */
function stepsToCompensate(run: CutoverRun): Set<string> {
  const ids = run.plan.phases
    .flatMap((phase) => phase.steps)
    .filter((step) => step.compensate)
    .filter((step) => {
      const status = run.state.step(step.id);
      return status.state === 'succeeded' || (status.state === 'failed' && status.error?.type === 'Cancelled');
    })
    .map((step) => step.id);
  return new Set(ids);
}

async function compensate(run: CutoverRun, step: Step, answers: Map<string, StepAnswer>): Promise<boolean> {
  const action = step.compensate!;
  for (let runNumber = 1; ; runNumber++) {
    const startedAt = run.now();
    // A manual compensation waits for its own completion, not the forward one.
    run.state.updateStep(step.id, { state: 'compensating', completion: null, awaiting: action.kind === 'manual' ? 'completion' : null, compensation: { kind: action.kind, state: 'running', attempts: 0, startedAt, endedAt: null, error: null } }, startedAt);
    run.changed();
    const outcome = await runAction(run, action, { stepId: step.id, purpose: 'compensate', runNumber });
    const compensation = run.state.step(step.id).compensation!;
    Object.assign(compensation, { attempts: outcome.attempts, endedAt: run.now(), state: outcome.ok ? 'succeeded' : 'failed', error: outcome.ok ? null : outcome.error });
    if (outcome.ok) {
      run.state.updateStep(step.id, { state: 'compensated', awaiting: null }, run.now());
      run.changed();
      return false;
    }
    const answer = await awaitAnswer(run, step.id, step.owner, answers, 'retry-skip', 'compensation-failed');
    if (answer === 'skip') {
      compensation.state = 'skipped';
      run.changed();
      return false;
    }
  }
}

export async function compensateAll(run: CutoverRun, answers: Map<string, StepAnswer>): Promise<void> {
  for (const nodes of compensationOrder(run.plan, stepsToCompensate(run))) {
    await runDag(nodes, {
      maxParallel: run.plan.settings.maxParallel,
      paused: () => false,
      // Pending here means: not yet compensated, and not being compensated.
      ready: (candidates) =>
        candidates.filter(
          (node) =>
            !['compensating', 'compensated', 'compensation-failed'].includes(run.state.step(node.id).state) &&
            node.dependsOn.every((dep) => run.state.step(dep).compensation?.state === 'succeeded' || run.state.step(dep).compensation?.state === 'skipped'),
        ),
      run: (node) => compensate(run, run.planStep(node.id)!, answers),
    });
  }
}

/** The plan's rollback steps (also the contingency of a no-go), in their dependency order. */
export async function runRollbackProcedure(run: CutoverRun, answers: Map<string, StepAnswer>): Promise<void> {
  const steps = run.plan.rollback?.steps ?? [];
  await runDag(steps, {
    maxParallel: run.plan.settings.maxParallel,
    paused: () => false,
    ready: (candidates) => run.state.readySteps(candidates),
    run: async (step) => (await executeStep(run, step, answers, true)).stop,
  });
}
