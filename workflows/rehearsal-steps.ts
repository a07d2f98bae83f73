/**
 * Effectful steps in a rehearsal: an http, snapshot, restore or check step (and a notify step with
 * `comms: off`, in a live run too, or any of them with `rehearse: {…}`) is not run: a durable timer stands for its
 * duration (`rehearse.duration`, else the step's `estimate`, else none) and it ends as its
 * `rehearse.outcome` declares. No activity runs, so nothing is touched. A declared failure takes
 * as long as its retries would (every attempt, with the backoff between them, all scaled) and
 * then goes through the step's `onFailure` like a real one. A compensation is simulated as a
 * success unless its step says `rehearse: real`. Workflow code (deterministic).
 */
import { sleep } from '@temporalio/workflow';
import type { NoticeSink, SnapshotRef } from '../activities/contract';
import { parseDuration } from '../plan/duration';
import type { RetryPolicy, Step, StepRehearsal } from '../plan/schema';
import type { CutoverRun } from './cutover-run';
import { routeNotice } from './rehearsal';
import type { Action, ActionContext, StepOutcome } from './step-runner';

/** The failure type of a step whose rehearsal declares `outcome: fail`. */
export const SIMULATED_FAILURE = 'RehearsalFailure';

/** A snapshot a rehearsal only pretended to take: a restore for real refuses it. */
const SIMULATED_SNAPSHOT_PREFIX = 'rehearsal:';

const SIMULATED_KINDS: ReadonlySet<string> = new Set(['http', 'snapshot', 'restore', 'check']);

type Declared = Exclude<StepRehearsal, 'real'>;

export function isSimulatedSnapshot(snapshot: SnapshotRef): boolean {
  return snapshot.ref.startsWith(SIMULATED_SNAPSHOT_PREFIX);
}

/** How a rehearsal runs this action: null when it runs for real, else the declared (or default) simulation. */
export function simulationOf(run: CutoverRun, action: Action, context: ActionContext): Declared | null {
  const rehearse = context.purpose === 'run' ? (action as Step).rehearse : realStep(run, context.stepId) ? 'real' : undefined;
  if (rehearse === 'real') return null;
  if (run.rehearsing && rehearse) return rehearse;
  // A notify step is a notice: it follows comms (test sink, roster); with comms off it is only recorded (live too, at once).
  if (action.kind === 'notify') return run.state.comms !== 'off' ? null : { outcome: 'succeed', ...(run.rehearsing ? {} : { duration: '0ms' }) };
  return run.rehearsing && SIMULATED_KINDS.has(action.kind) ? { outcome: 'succeed' } : null;
}

/** A compensation follows its step: real only when the step says `rehearse: real`. */
function realStep(run: CutoverRun, stepId: string): boolean {
  return run.planStep(stepId)?.rehearse === 'real';
}

/** A notify action's text and sink: labelled in a rehearsal; the test sink with comms test, unless its step says `rehearse: real`. */
export function notifyRoute(run: CutoverRun, stepId: string, message: string): { message: string; sink?: NoticeSink } {
  const route = routeNotice(run.state.document, message);
  return route.sink && !realStep(run, stepId) ? { message: route.message, sink: route.sink } : { message: route.message };
}

/** Attempts a failing step makes (its retry policy's, else one) and the backoff between them, unscaled. */
function failingAttempts(policy: RetryPolicy): { attempts: number; backoffMs: number } {
  const attempts = policy.maximumAttempts ?? 1;
  const initial = policy.initialInterval ? parseDuration(policy.initialInterval) : 1000;
  const ceiling = policy.maximumInterval ? parseDuration(policy.maximumInterval) : initial * 100;
  let backoffMs = 0;
  for (let retry = 0; retry < attempts - 1; retry++) backoffMs += Math.min(ceiling, initial * (policy.backoffCoefficient ?? 2) ** retry);
  return { attempts, backoffMs };
}

/** The simulated result: what a status reader and later steps (restore, baselines) need of it. */
function simulatedResult(run: CutoverRun, action: Action, context: ActionContext, declared: Declared): { summary: string; data: Record<string, unknown> } {
  const data: Record<string, unknown> = { simulated: true };
  if (action.kind === 'snapshot') data.snapshot = { ref: `${SIMULATED_SNAPSHOT_PREFIX}${run.id}/${context.stepId}`, sha256: '', bytes: 0 } satisfies SnapshotRef;
  // A baseline `fromStep` reads the declared answer as it would read a recorded one.
  if (action.kind === 'http' && declared.answer !== undefined) data.response = declared.answer;
  if (action.kind === 'notify') run.state.recordRehearsalNotice({ event: 'step', message: action.with.message, roles: action.with.roles ?? [], sent: false }, run.now());
  return { summary: `rehearsed: ${action.kind} simulated, nothing touched`, data };
}

/**
 * Runs the simulation: the timer (what is left of it, when a new run picks the step up at
 * `since`), then the declared outcome.
 */
export async function simulateAction(run: CutoverRun, action: Action, context: ActionContext, declared: Declared, since: string | null): Promise<StepOutcome> {
  const fails = declared.outcome === 'fail';
  const { attempts, backoffMs } = fails ? failingAttempts({ ...run.plan.settings.defaultRetry, ...action.retry }) : { attempts: 1, backoffMs: 0 };
  const duration = declared.duration ?? (context.purpose === 'run' ? (action as Step).estimate : undefined);
  const unscaledMs = (duration ? parseDuration(duration) : 0) * attempts + backoffMs;
  if (unscaledMs > 0) {
    const ms = Math.max(1, Math.round(unscaledMs * run.timeScale));
    await sleep(since ? run.until(new Date(Date.parse(since) + ms).toISOString()) : ms, { summary: `rehearse ${context.stepId} (${action.kind}: ${declared.outcome})` });
  }
  if (fails) {
    return { ok: false, attempts, error: { message: `rehearsal: ${action.kind} step ${context.stepId} is declared to fail`, type: SIMULATED_FAILURE, step: context.stepId } };
  }
  return { ok: true, attempts: 1, result: simulatedResult(run, action, context, declared) };
}
