/**
 * A forward step from start to an end the cutover can live with: it succeeds, or after its
 * retries its `onFailure` decides — ask an operator (retry / skip / rollback), roll back,
 * carry on, or stop the cutover as failed.
 */
import { condition, isCancellation, patched } from '@temporalio/workflow';
import type { Step } from '../plan/schema';
import { AUTO, type CutoverRun } from './cutover-run';
import type { FailureInfo } from './status-document';
import { runAction } from './step-runner';

/** What the scheduler does next: go on, or stop dispatching because the cutover failed. */
export type StepEnd = { stop: false } | { stop: true; error: FailureInfo };

/** Operator answers to steps in `awaiting-operator`, consumed by the step that waits for them. */
export type StepAnswer = 'retry' | 'skip' | 'rollback';

/**
 * `inRollback`: a step of the plan's rollback procedure. It cannot itself roll back, so any
 * failure other than `continue` asks an operator to retry or skip.
 */
export async function executeStep(run: CutoverRun, step: Step, answers: Map<string, StepAnswer>, inRollback = false): Promise<StepEnd> {
  for (let runNumber = 1; ; runNumber++) {
    const status = run.state.updateStep(step.id, { state: 'running', startedAt: run.now(), endedAt: null, error: null, runs: runNumber }, run.now());
    if (step.kind === 'manual') status.awaiting = 'completion';
    run.changed();
    let outcome;
    try {
      outcome = await runAction(run, step, { stepId: step.id, purpose: 'run', runNumber });
    } catch (err) {
      // Cancelled by a rollback while in flight: it may have half-applied, so it is compensated too.
      if (isCancellation(err)) run.state.updateStep(step.id, { state: 'failed', endedAt: run.now(), awaiting: null, error: { message: 'cancelled by rollback', type: 'Cancelled', step: step.id } }, run.now());
      throw err;
    }
    if (outcome.ok) {
      run.state.updateStep(step.id, { state: 'succeeded', endedAt: run.now(), attempts: outcome.attempts, result: outcome.result, awaiting: null }, run.now());
      run.changed();
      return { stop: false };
    }
    run.state.updateStep(step.id, { state: 'failed', endedAt: run.now(), attempts: outcome.attempts, error: outcome.error }, run.now());
    run.changed();
    // Histories from before guided failure stopped the cutover at the first failed step.
    if (!inRollback && (!patched('guided-failure') || step.onFailure === 'fail')) return { stop: true, error: outcome.error };
    if (step.onFailure === 'continue') {
      run.state.continueAfterFailure(step.id);
      run.changed();
      return { stop: false };
    }
    if (step.onFailure === 'rollback' && !inRollback) {
      run.requestRollback(`step ${step.id} failed: ${outcome.error.message}`, AUTO);
      await condition(() => false); // the rollback cancels this scope
    }
    const answer = await awaitAnswer(run, step.id, step.owner, answers, inRollback ? 'retry-skip' : 'retry-skip-rollback');
    if (answer === 'skip') {
      run.state.updateStep(step.id, { state: 'skipped', awaiting: null, endedAt: run.now() }, run.now());
      run.changed();
      return { stop: false };
    }
    // retry: run it again (rollback answers cancel this scope before we get here).
  }
}

/** Marks the step as waiting (state set by the caller's choice), tells its owner, waits for the answer. */
export async function awaitAnswer(
  run: CutoverRun,
  stepId: string,
  owner: string | undefined,
  answers: Map<string, StepAnswer>,
  awaiting: 'retry-skip' | 'retry-skip-rollback',
  state: 'awaiting-operator' | 'compensation-failed' = 'awaiting-operator',
): Promise<StepAnswer> {
  run.state.updateStep(stepId, { state, awaiting }, run.now());
  run.changed();
  const choices = awaiting === 'retry-skip' ? 'retry or skip' : 'retry, skip or rollback';
  run.notice('escalation', `${state === 'compensation-failed' ? 'Compensation of step' : 'Step'} ${stepId} failed and waits for an operator: ${choices}`, owner ? [owner] : [], { step: stepId });
  await condition(() => answers.has(stepId));
  const answer = answers.get(stepId)!;
  answers.delete(stepId);
  run.state.updateStep(stepId, { awaiting: null }, run.now());
  return answer;
}
