/**
 * Runs the steps of one phase in dependency order, at most `maxParallel` at a time. A step
 * starts once all its dependencies succeeded; after a failure nothing new starts and the
 * running steps are allowed to finish.
 */
import type { Plan, Step } from '../plan/schema';
import type { RunState } from './run-state';
import type { StepOutcome } from './step-runner';

export interface PhaseHooks {
  now(): string;
  runStep(step: Step): Promise<StepOutcome>;
  /** Called whenever the status changed, e.g. to refresh the Temporal UI summary. */
  changed(): void;
}

/** Returns the first failed step's outcome, or null when every step succeeded. */
export async function runPhaseSteps(plan: Plan, steps: readonly Step[], state: RunState, hooks: PhaseHooks): Promise<StepOutcome | null> {
  const running = new Map<string, Promise<void>>();
  let failure: StepOutcome | null = null;

  const launch = (step: Step): void => {
    state.startStep(step.id, hooks.now());
    hooks.changed();
    const done = hooks.runStep(step).then((outcome) => {
      running.delete(step.id);
      if (outcome.ok) {
        state.succeedStep(step.id, hooks.now(), outcome.attempts, outcome.result);
      } else {
        state.failStep(step.id, hooks.now(), outcome.error, outcome.attempts);
        failure ??= outcome;
      }
      hooks.changed();
    });
    running.set(step.id, done);
  };

  for (;;) {
    if (!failure) {
      for (const step of state.readySteps(steps)) {
        if (running.size >= plan.settings.maxParallel) break;
        launch(step);
      }
    }
    if (running.size === 0) return failure;
    await Promise.race(running.values());
  }
}
