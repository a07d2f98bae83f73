/**
 * cutoverWorkflow: runs a cutover plan phase by phase — go/no-go gate, the phase's steps in
 * dependency order, hypercare checkpoints — until it completes, is stopped at a no-go (the
 * plan's contingency runs), or is rolled back (compensations, then the rollback procedure).
 * Returns the final status document; a failed cutover fails the workflow (so the Temporal UI
 * shows it red) with the status document as the failure's details.
 */
import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { Phase } from '../plan/schema';
import { runCheckpoints } from './checkpoints';
import type { CutoverInput } from './cutover-input';
import { CutoverRun } from './cutover-run';
import { runDag } from './dag-runner';
import { runGoNoGoGate } from './gates';
import { registerHandlers } from './handlers';
import { compensateAll, runRollbackProcedure } from './rollback';
import type { FailureInfo, StatusDocument } from './status-document';
import { executeStep, type StepAnswer } from './step-execution';

type ForwardEnd = { end: 'completed' } | { end: 'no-go'; gate: string } | { end: 'failed'; error: FailureInfo };

async function runPhase(run: CutoverRun, phase: Phase, answers: Map<string, StepAnswer>): Promise<ForwardEnd | null> {
  run.state.startPhase(phase.id, run.now());
  run.changed();
  run.notice('phase-started', `Phase ${phase.title ?? phase.id} started`);
  if (phase.gate && (await runGoNoGoGate(run, phase, phase.gate)) === 'no-go') {
    run.state.endPhase(phase.id, 'skipped', run.now());
    return { end: 'no-go', gate: phase.gate.id };
  }
  let failure: FailureInfo | null = null;
  await runDag(phase.steps, {
    maxParallel: run.plan.settings.maxParallel,
    paused: () => run.state.doc.paused,
    ready: (steps) => run.state.readySteps(steps),
    run: async (step) => {
      const end = await executeStep(run, step, answers);
      if (end.stop) failure ??= end.error;
      return end.stop;
    },
  });
  if (failure) {
    run.state.endPhase(phase.id, 'failed', run.now());
    return { end: 'failed', error: failure };
  }
  if (phase.checkpoints) await runCheckpoints(run, phase, phase.checkpoints);
  run.state.endPhase(phase.id, 'succeeded', run.now());
  run.changed();
  return null;
}

async function runForward(run: CutoverRun, answers: Map<string, StepAnswer>): Promise<ForwardEnd> {
  for (const phase of run.plan.phases) {
    const end = await runPhase(run, phase, answers);
    if (end) return end;
  }
  return { end: 'completed' };
}

export async function cutoverWorkflow(input: CutoverInput): Promise<StatusDocument> {
  const run = new CutoverRun(input);
  const answers = new Map<string, StepAnswer>();
  registerHandlers(run, answers);
  run.changed();

  let forward: ForwardEnd | 'rollback';
  try {
    forward = await CancellationScope.cancellable(async () => {
      run.forwardScope = CancellationScope.current();
      return runForward(run, answers);
    });
  } catch (err) {
    if (!(isCancellation(err) && run.state.rollingBack)) throw err;
    forward = 'rollback';
  }
  run.forwardScope = undefined;
  if (run.state.rollingBack) forward = 'rollback';

  if (forward === 'rollback') {
    const phase = run.state.doc.phase;
    if (phase && run.state.phase(phase).state === 'running') run.state.endPhase(phase, 'failed', run.now());
    await compensateAll(run, answers);
    await runRollbackProcedure(run, answers);
    run.state.finish('rolled-back', run.now());
  } else if (forward.end === 'no-go') {
    run.state.startRollback(`no-go at gate ${forward.gate}`, 'golive', run.now());
    run.notice('rollback', `No-go at ${forward.gate}: running the contingency plan`);
    run.changed();
    await runRollbackProcedure(run, answers);
    run.state.finish('no-go', run.now());
  } else if (forward.end === 'failed') {
    run.state.finish('failed', run.now(), forward.error);
  } else {
    run.state.finish('completed', run.now());
  }
  run.changed();
  run.notice('cutover-ended', `Cutover ${run.id} ended: ${run.state.doc.state}`);
  await run.noticesDelivered();
  await condition(allHandlersFinished);
  if (forward !== 'rollback' && forward.end === 'failed') {
    throw ApplicationFailure.nonRetryable(`cutover failed: step ${forward.error.step}: ${forward.error.message}`, 'CutoverFailed', run.state.doc);
  }
  return run.state.doc;
}
