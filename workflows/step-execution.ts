/**
 * A forward step from start to an end the cutover can live with: it succeeds, or after its
 * retries its `onFailure` decides — ask an operator (retry / skip / rollback), roll back,
 * carry on, or stop the cutover as failed. A step found under way or waiting for an answer
 * (after a continue-as-new) is picked up where it was.
 */
import { condition, isCancellation, patched } from '@temporalio/workflow';
import type { Step } from '../plan/schema';
import { AUTO, type CutoverRun } from './cutover-run';
import { NO_SLOT, type WorkerSlot } from './dag-runner';
import type { StepAnswer } from './run-state';
import type { FailureInfo } from './status-document';
import { runAction, SKIPPED_BY_OPERATOR } from './step-runner';
import { noticeAnswerWaiting } from './waiting-notices';


/** What the scheduler does next: go on, or stop dispatching because the cutover failed. */
export type StepEnd = { stop: false } | { stop: true; error: FailureInfo };

/** Where a run picks a step up: from the start, in its action (under way), or at its question. */
type Entry = 'start' | 'action' | 'answer';

export function entryOf(run: CutoverRun, stepId: string, resuming: boolean, question: 'awaiting-operator' | 'compensation-failed', underWay: 'running' | 'compensating'): Entry {
  if (!resuming) return 'start';
  const state = run.state.step(stepId).state;
  return state === question ? 'answer' : state === underWay ? 'action' : 'start';
}

/**
 * `inRollback`: a step of the plan's rollback procedure. It cannot itself roll back, so any
 * failure other than `continue` asks an operator to retry or skip.
 */
export async function executeStep(run: CutoverRun, step: Step, inRollback = false, resuming = false, slot: WorkerSlot = NO_SLOT): Promise<StepEnd> {
  let entry = entryOf(run, step.id, resuming, 'awaiting-operator', 'running');
  for (let runNumber = resuming ? Math.max(1, run.state.step(step.id).runs) : 1; ; runNumber++, entry = 'start') {
    if (entry !== 'answer') {
      // A retry goes back to work: it waits for a worker slot like any step.
      const slotFree = runNumber > 1 && entry === 'start' ? slot.acquire() : null;
      if (slotFree) await slotFree;
      if (entry === 'start') {
        run.state.stepStarted(step.id, runNumber, step.kind === 'manual', run.now());
        run.changed();
      }
      let outcome;
      try {
        outcome = await runAction(run, step, { stepId: step.id, purpose: 'run', runNumber }, entry === 'action');
      } catch (err) {
        // Cancelled by a rollback while in flight: it may have half-applied, so it is compensated too.
        if (isCancellation(err)) run.state.stepCancelled(step.id, run.now());
        throw err;
      }
      if (outcome.ok) {
        run.state.stepSucceeded(step.id, outcome.attempts, outcome.result, run.now());
        run.changed();
        return { stop: false };
      }
      if (outcome.error.type === SKIPPED_BY_OPERATOR) return skippedByOperator(run, step.id);
      run.state.stepFailed(step.id, outcome.attempts, outcome.error, run.now());
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
    }
    // Waiting for a person holds no worker slot: other steps may run meanwhile.
    slot.release();
    const answer = await awaitAnswer(run, step.id, step.owner, inRollback ? 'retry-skip' : 'retry-skip-rollback', 'awaiting-operator', entry === 'answer');
    if (answer === 'skip') return skippedByOperator(run, step.id, false);
    // retry: run it again (rollback answers cancel this scope before we get here).
  }
}

/** The step ends skipped, with the operator's reason (`take`: the answer is still to be taken). */
function skippedByOperator(run: CutoverRun, stepId: string, take = true): StepEnd {
  if (take) run.state.takeAnswer(stepId, run.now());
  run.state.stepSkippedByOperator(stepId, run.now());
  run.changed();
  return { stop: false };
}

/** Marks the step as waiting, tells those who may answer, waits for the answer (`resuming`: it already waits). */
export async function awaitAnswer(
  run: CutoverRun,
  stepId: string,
  owner: string | undefined,
  awaiting: 'retry-skip' | 'retry-skip-rollback',
  state: 'awaiting-operator' | 'compensation-failed' = 'awaiting-operator',
  resuming = false,
): Promise<StepAnswer> {
  if (!resuming) {
    run.state.awaitOperator(stepId, state, awaiting, run.now());
    run.changed();
    const choices = awaiting === 'retry-skip' ? 'retry or skip' : 'retry, skip or rollback';
    noticeAnswerWaiting(run, stepId, owner, awaiting, `${state === 'compensation-failed' ? 'Compensation of step' : 'Step'} ${stepId} failed and waits for an operator: ${choices}`);
  }
  await condition(() => run.state.hasAnswer(stepId));
  return run.state.takeAnswer(stepId, run.now());
}

