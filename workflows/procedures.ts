/**
 * The plan's procedures: a no-go's contingency, and a rollback's sections in their order —
 * `rollback.first`, compensations (workflows/rollback.ts), `rollback.then`. Each section is a
 * dependency graph of its own; a step whose `when` is false as it would start is skipped with
 * the reason on record. Which section is under way lives in the aggregate (the rollback's
 * `stage`), so a run that continues as new picks up in the right section.
 */
import { sectionSteps, type ProcedureSection } from '../plan/procedures';
import type { ProcedureStep } from '../plan/schema';
import type { CutoverRun } from './cutover-run';
import { holdsWorker, runDag } from './dag-runner';
import { compensateAll, stepStart } from './rollback';
import type { RollbackStage } from './status-document';
import { executeStep } from './step-execution';

/** The first forward step of `when` that did not succeed (null: the step may run). */
function unmetCondition(run: CutoverRun, step: ProcedureStep): string | null {
  return step.when?.stepsSucceeded.find((id) => !run.state.forwardSucceeded(id)) ?? null;
}

/** Runs one section's steps in their dependency order (already finished ones are not run again). */
export async function runSection(run: CutoverRun, section: ProcedureSection): Promise<void> {
  const steps = sectionSteps(run.plan, section);
  const start = new Map(steps.map((step) => [step.id, stepStart(run, step.id)]));
  await runDag(steps, {
    maxParallel: run.plan.settings.maxParallel,
    needsSlot: (step) => holdsWorker(step),
    paused: () => run.draining,
    initial: (step) => start.get(step.id)!,
    external: (id) => run.state.satisfied(id),
    run: async (step, slot) => {
      const active = start.get(step.id) === 'active';
      const unmet = active ? null : unmetCondition(run, step);
      if (unmet !== null) {
        run.state.stepSkipped(step.id, run.now(), `when: step ${unmet} did not succeed`);
        run.changed();
        return false;
      }
      return (await executeStep(run, step, true, active, slot)).stop;
    },
  });
}

type Stage = { stage: RollbackStage; work: (run: CutoverRun) => Promise<void>; skipWhenEmpty?: ProcedureSection };

/** A rollback: steps before compensations, compensations (reverse order), steps after them. */
const ROLLBACK: Stage[] = [
  // Only plans with `rollback.first` wait for it: runs recorded before it existed went straight to compensations.
  { stage: 'rollback-first', work: (run) => runSection(run, 'rollback-first'), skipWhenEmpty: 'rollback-first' },
  { stage: 'compensations', work: compensateAll },
  { stage: 'rollback-then', work: (run) => runSection(run, 'rollback-then') },
];

/** A no-go: nothing has moved yet, so only the contingency runs. */
const CONTINGENCY: Stage[] = [{ stage: 'contingency', work: (run) => runSection(run, 'contingency') }];

/** Runs the stages from the one under way (the first when none began), marking each as it begins. */
async function runStages(run: CutoverRun, stages: Stage[]): Promise<void> {
  const current = run.state.rollbackStage;
  const from = current === undefined ? 0 : stages.findIndex((s) => s.stage === current);
  if (from < 0) return; // done (or a stage of the other kind, which cannot follow)
  for (const { stage, work, skipWhenEmpty } of stages.slice(from)) {
    run.state.enterRollbackStage(stage, run.now());
    if (skipWhenEmpty && sectionSteps(run.plan, skipWhenEmpty).length === 0) continue;
    await work(run);
  }
  run.state.enterRollbackStage('done', run.now());
}

export function runRollback(run: CutoverRun): Promise<void> {
  return runStages(run, ROLLBACK);
}

export function runContingency(run: CutoverRun): Promise<void> {
  return runStages(run, CONTINGENCY);
}

/** Runs recorded before `contingency` existed: a no-go ran the rollback procedure's steps. */
export function runLegacyNoGoProcedure(run: CutoverRun): Promise<void> {
  return runSection(run, 'rollback-then');
}
