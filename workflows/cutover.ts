/**
 * cutoverWorkflow: runs a cutover plan phase by phase, each phase's steps in dependency order.
 * Returns the final status document; a failed cutover fails the workflow (so the Temporal UI
 * shows it red) with the status document as the failure's details.
 */
import { ApplicationFailure, setCurrentDetails, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { CutoverInput } from './cutover-input';
import { handlerDescriptions, statusQuery } from './messages';
import { runPhaseSteps } from './phase-scheduler';
import { RunState } from './run-state';
import type { StatusDocument } from './status-document';
import { runStep } from './step-runner';
import { currentDetailsMarkdown } from './summary';

/** Workflow time (the SDK makes Date deterministic inside workflows). */
const now = (): string => new Date().toISOString();

export async function cutoverWorkflow(input: CutoverInput): Promise<StatusDocument> {
  const { plan } = input;
  const timeScale = input.timeScale ?? 1;
  const run = new RunState(workflowInfo().workflowId, input, now());
  setHandler(statusQuery, () => run.doc, { description: handlerDescriptions.status });

  let lastState = run.doc.state;
  const changed = (): void => {
    setCurrentDetails(currentDetailsMarkdown(run.doc));
    // The memo lets `GET /cutovers` list states without querying every workflow.
    if (run.doc.state !== lastState) {
      lastState = run.doc.state;
      upsertMemo({ state: run.doc.state });
    }
  };
  changed();

  for (const phase of plan.phases) {
    run.startPhase(phase.id, now());
    changed();
    const failure = await runPhaseSteps(plan, phase.steps, run, {
      now,
      runStep: (step) => runStep(plan, step, timeScale),
      changed,
    });
    if (failure && !failure.ok) {
      run.endPhase(phase.id, 'failed', now());
      run.finish('failed', now(), failure.error);
      changed();
      throw ApplicationFailure.nonRetryable(`cutover failed: step ${failure.error.step}: ${failure.error.message}`, 'CutoverFailed', run.doc);
    }
    run.endPhase(phase.id, 'succeeded', now());
  }
  run.doc.phase = null;
  run.finish('completed', now());
  changed();
  return run.doc;
}
