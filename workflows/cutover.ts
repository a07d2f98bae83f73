/**
 * cutoverWorkflow: runs a cutover plan phase by phase — go/no-go gate, the phase's steps in
 * dependency order (its watch reading metrics beside them), hypercare checkpoints — until it
 * completes, is stopped at a no-go (the plan's contingency runs, nothing else), or is rolled back
 * (`rollback.first`, compensations, `rollback.then`).
 * Long runs continue as new when Temporal suggests it, carrying the run aggregate; a new run
 * picks every phase, gate, step and checkpoint up where the last one left it. Returns the
 * cutover's summary; a failed cutover fails the workflow (so the Temporal UI shows it red)
 * with the summary as the failure's details.
 */
import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation, makeContinueAsNewFunc, patched, workflowInfo } from '@temporalio/workflow';
import type { Phase } from '../plan/schema';
import { runCheckpoints } from './checkpoints';
import type { CutoverInput } from './cutover-input';
import { CutoverRun } from './cutover-run';
import { holdsWorker, runDag } from './dag-runner';
import { runGoNoGoGate } from './gates';
import { registerHandlers } from './handlers';
import { settleIssueAgeDecisions, watchIssueAges } from './issue-age';
import { runContingency, runLegacyNoGoProcedure, runRollback } from './procedures';
import { playRehearsalScript } from './rehearsal-script';
import { stepStart } from './rollback';
import type { FailureInfo } from './status-document';
import type { CutoverSummary } from './status-summary';
import { summaryOf } from './status-views';
import { executeStep } from './step-execution';
import { WatchRunner } from './watch';

type ForwardEnd = { end: 'completed' } | { end: 'no-go'; gate: string } | { end: 'failed'; error: FailureInfo };

async function runPhase(run: CutoverRun, phase: Phase, watches: WatchRunner): Promise<ForwardEnd | null> {
  const phaseState = run.state.phase(phase.id).state;
  if (phaseState !== 'pending' && phaseState !== 'running') return null; // ended in an earlier run
  if (phaseState === 'pending') {
    run.state.startPhase(phase.id, run.now());
    run.changed();
    run.notice('phase-started', `Phase ${phase.title ?? phase.id} started`);
  }
  if (phase.gate && (await runGoNoGoGate(run, phase, phase.gate)) === 'no-go') {
    run.state.endPhase(phase.id, 'skipped', run.now());
    return { end: 'no-go', gate: phase.gate.id };
  }
  watches.startFor(phase);
  let failure: FailureInfo | null = null;
  const start = new Map(phase.steps.map((step) => [step.id, stepStart(run, step.id)]));
  await runDag(phase.steps, {
    maxParallel: run.plan.settings.maxParallel,
    needsSlot: (step) => holdsWorker(step),
    paused: () => run.state.paused || run.draining,
    initial: (step) => start.get(step.id)!,
    external: (id) => run.state.satisfied(id),
    run: async (step, slot) => {
      const end = await executeStep(run, step, false, start.get(step.id) === 'active', slot);
      if (end.stop) failure ??= end.error;
      return end.stop;
    },
  });
  if (failure) {
    run.state.endPhase(phase.id, 'failed', run.now());
    return { end: 'failed', error: failure };
  }
  if (phase.checkpoints) await runCheckpoints(run, phase, phase.checkpoints);
  await watches.endOf(phase.id);
  run.state.endPhase(phase.id, 'succeeded', run.now());
  run.changed();
  return null;
}

async function runForward(run: CutoverRun): Promise<ForwardEnd> {
  const watches = new WatchRunner(run);
  watches.resumeActive();
  for (const phase of run.plan.phases) {
    const end = await runPhase(run, phase, watches);
    if (end) return end;
  }
  // An overdue issue's decision is made before the cutover completes (a synchronous check: older histories never wait here).
  if (run.state.rules.issueAgeTimers) await settleIssueAgeDecisions(run);
  return { end: 'completed' };
}

/** The forward run, unless a rollback is (or already was) under way. */
async function forwardOrRollback(run: CutoverRun): Promise<ForwardEnd | 'rollback'> {
  if (run.state.rollingBack) return 'rollback';
  try {
    return await CancellationScope.cancellable(async () => {
      run.forwardScope = CancellationScope.current();
      return runForward(run);
    });
  } catch (err) {
    if (!(isCancellation(err) && run.state.rollingBack)) throw err;
    return 'rollback';
  } finally {
    run.forwardScope = undefined;
  }
}

/** Runs the cutover to its end state (picking up a rollback or contingency already under way). */
async function runToEnd(run: CutoverRun): Promise<ForwardEnd | 'rollback'> {
  const noGoGate = run.state.rollingBack ? noGoOf(run) : null;
  let forward: ForwardEnd | 'rollback' = noGoGate ? { end: 'no-go', gate: noGoGate } : await forwardOrRollback(run);
  // A rollback requested while the forward run was ending wins (a no-go found in an earlier run stays one).
  if (!noGoGate && run.state.rollingBack) forward = 'rollback';

  if (forward === 'rollback') {
    const phase = run.state.currentPhase;
    if (phase && run.state.phase(phase).state === 'running') run.state.endPhase(phase, 'failed', run.now());
    await runRollback(run);
    run.state.finish('rolled-back', run.now());
  } else if (forward.end === 'no-go') {
    if (!run.state.rollingBack) {
      run.state.startRollback(`no-go at gate ${forward.gate}`, 'golive', run.now());
      run.notice('rollback', `No-go at ${forward.gate}: running the contingency plan`);
      run.changed();
    }
    // Nothing has moved at a no-go: only the contingency runs (runs recorded before ran the rollback steps).
    if (patched('contingency')) await runContingency(run);
    else await runLegacyNoGoProcedure(run);
    run.state.finish('no-go', run.now());
  } else if (forward.end === 'failed') {
    run.state.finish('failed', run.now(), forward.error);
  } else {
    run.state.finish('completed', run.now());
  }
  run.changed();
  run.notice('cutover-ended', `Cutover ${run.id} ended: ${run.state.state}`);
  await run.noticesDelivered();
  await condition(allHandlersFinished);
  return forward;
}

/** A contingency already under way in an earlier run: the no-go gate that started it. */
function noGoOf(run: CutoverRun): string | null {
  const gate = run.plan.phases.map((phase) => phase.gate && run.state.gate(phase.gate.id)).find((g) => g?.state === 'decided' && g.decision === 'no-go');
  return gate ? gate.id : null;
}

export async function cutoverWorkflow(input: CutoverInput): Promise<CutoverSummary> {
  const run = new CutoverRun(input);
  const specs = registerHandlers(run);
  if (run.state.rules.issueAgeTimers) void watchIssueAges(run);
  // A rehearsal of a recorded cutover makes the recorded decisions again (runs without a script never ask).
  if (input.script?.length && patched('rehearsal-script')) playRehearsalScript(run, specs, input.script);
  run.changed();
  const outcome = await Promise.race([runToEnd(run), run.drained()]);
  if (outcome === 'continue-as-new') {
    // The memo (name, mode, state: what the cutover list shows) goes on with the cutover; the server
    // copies the search attributes to the new run itself (test/api/visibility.test.ts checks it).
    return makeContinueAsNewFunc<typeof cutoverWorkflow>({ memo: { ...workflowInfo().memo, state: run.state.state } })(run.carryOver());
  }
  const summary = summaryOf(run.state, run.runNumber);
  if (outcome !== 'rollback' && outcome.end === 'failed') {
    throw ApplicationFailure.nonRetryable(`cutover failed: step ${outcome.error.step}: ${outcome.error.message}`, 'CutoverFailed', summary);
  }
  return summary;
}
