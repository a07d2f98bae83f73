/**
 * Runs one action of a plan (a step, or a step's compensation) once: an activity named after
 * its kind with the step's timeout and retry policy, a durable timer for `wait`, or a wait for
 * an operator's completion for `manual`. Cancellation (rollback) propagates to the caller.
 */
import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  condition,
  isCancellation,
  proxyActivities,
  sleep,
} from '@temporalio/workflow';
import type { RetryPolicy as TemporalRetryPolicy } from '@temporalio/common';
import type { SnapshotRef, StepActivities, StepActivityResult } from '../activities/contract';
import { parseDuration } from '../plan/duration';
import { readsAnswerOf } from '../plan/baselines';
import type { Compensation, RetryPolicy, Step } from '../plan/schema';
import type { CutoverRun } from './cutover-run';
import { isSimulatedSnapshot, notifyRoute, simulateAction, simulationOf } from './rehearsal-steps';
import type { FailureInfo } from './status-document';
import { noticeCompletionWaiting, noticeStepEscalated } from './waiting-notices';

export type StepOutcome =
  | { ok: true; attempts: number; result: { summary: string; data?: Record<string, unknown> } }
  | { ok: false; attempts: number; error: FailureInfo };

/** A step, or the compensation of one (which inherits its step's id). */
export type Action = Step | Compensation;

export interface ActionContext {
  stepId: string;
  purpose: 'run' | 'compensate';
  /** 1 for the first run, 2… after operator retries: keeps activity ids unique. */
  runNumber: number;
}

/** Heartbeats arrive every second while an activity works; five missed ones mean the worker is gone. */
const HEARTBEAT_TIMEOUT = '5s';

function temporalRetry(policy: RetryPolicy): TemporalRetryPolicy {
  return {
    maximumAttempts: policy.maximumAttempts,
    initialInterval: policy.initialInterval ? parseDuration(policy.initialInterval) : undefined,
    backoffCoefficient: policy.backoffCoefficient,
    maximumInterval: policy.maximumInterval ? parseDuration(policy.maximumInterval) : undefined,
  };
}

function activityId({ stepId, purpose, runNumber }: ActionContext): string {
  // The first run keeps the bare step id (as recorded in earlier histories).
  const base = purpose === 'run' ? stepId : `${stepId}:compensate`;
  return runNumber === 1 ? base : `${base}#${runNumber}`;
}

function activities(run: CutoverRun, action: Action, context: ActionContext): StepActivities {
  const settings = run.plan.settings;
  return proxyActivities<StepActivities>({
    activityId: activityId(context),
    // What the Temporal UI shows for the activity.
    summary: `${context.purpose === 'run' ? 'step' : 'compensate'} ${context.stepId} (${action.kind})`,
    startToCloseTimeout: parseDuration(action.timeout ?? settings.defaultTimeout),
    heartbeatTimeout: HEARTBEAT_TIMEOUT,
    retry: temporalRetry({ ...settings.defaultRetry, ...action.retry }),
    // A rollback waits until a cancelled step has really stopped before compensating it.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
}

/** The activity's failure as the status shows it; attempts come from the details stepActivity attaches. */
function describeFailure(err: unknown, stepId: string): { error: FailureInfo; attempts: number } {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  const details = cause instanceof ApplicationFailure ? (cause.details?.[0] as { attempt?: number } | undefined) : undefined;
  return {
    error: {
      message: cause instanceof Error ? cause.message : String(cause),
      type: cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined,
      step: stepId,
    },
    attempts: details?.attempt ?? 0,
  };
}

/** The snapshot a restore names, from the snapshot step's recorded result. */
function snapshotOf(run: CutoverRun, snapshotStep: string): SnapshotRef | undefined {
  const result = run.state.step(snapshotStep).result as { data?: { snapshot?: SnapshotRef } } | null | undefined;
  return result?.data?.snapshot;
}

async function callActivity(run: CutoverRun, action: Action, context: ActionContext): Promise<StepActivityResult> {
  const acts = activities(run, action, context);
  const base = { cutoverId: run.id, stepId: context.stepId, idempotencyKey: `${run.id}/${context.stepId}/${context.purpose}` };
  switch (action.kind) {
    case 'noop':
      return acts.noop({ ...base, with: action.with });
    case 'http':
      // Only a step a baseline reads records its answer: answers would swell every run's record.
      return acts.http({ ...base, with: action.with, ...(context.purpose === 'run' && readsAnswerOf(run.plan, context.stepId) ? { recordAnswer: true } : {}) });
    case 'check':
      return acts.check({ ...base, with: action.with });
    case 'snapshot':
      return acts.snapshot({ ...base, with: action.with });
    case 'notify': {
      // A rehearsal's notify step is labelled, and with comms test goes to the test sink only.
      const { message, sink } = notifyRoute(run, context.stepId, action.with.message);
      return acts.notify({ ...base, with: { ...action.with, message }, recipients: run.roster(action.with.roles ?? []), ...run.noticeWebhooks(), ...(sink ? { sink } : {}) });
    }
    case 'restore': {
      const snapshot = snapshotOf(run, action.with.snapshotStep);
      if (!snapshot) {
        throw ApplicationFailure.nonRetryable(`step ${action.with.snapshotStep} has no snapshot to restore`, 'SnapshotMissing');
      }
      if (isSimulatedSnapshot(snapshot)) {
        throw ApplicationFailure.nonRetryable(`step ${action.with.snapshotStep}'s snapshot was simulated in this rehearsal: a real restore needs it to say rehearse: real too`, 'SnapshotSimulated');
      }
      return acts.restore({ ...base, with: { ...action.with, snapshot } });
    }
    default:
      throw ApplicationFailure.nonRetryable(`step kind ${action.kind} does not run as an activity`, 'UnsupportedKind');
  }
}

/** When the step (or its compensation) began this run, for picking up a wait or a manual timeout. */
function startedAt(run: CutoverRun, context: ActionContext): string | null {
  const status = run.state.step(context.stepId);
  return context.purpose === 'run' ? status.startedAt : (status.compensation?.startedAt ?? null);
}

/** The failure type of a manual procedure step an operator skipped instead of completing. */
export const SKIPPED_BY_OPERATOR = 'SkippedByOperator';

/**
 * Waits for an operator to complete a manual step, telling those who may (a run picking the wait
 * up has told them already); past its timeout, escalates once and keeps waiting. An operator's
 * skip (accepted only for procedure steps) also ends the wait.
 */
async function awaitCompletion(run: CutoverRun, action: Extract<Action, { kind: 'manual' }>, context: ActionContext, resuming: boolean): Promise<StepOutcome> {
  const { stepId } = context;
  const done = () => run.state.step(stepId).completion !== null || run.state.hasAnswer(stepId);
  let timeoutMs = action.timeout ? run.scaled(action.timeout) : null;
  if (!resuming) {
    const deadline = timeoutMs === null ? null : new Date(Date.now() + timeoutMs).toISOString();
    noticeCompletionWaiting(run, stepId, action.with.instructions, deadline, context.purpose === 'compensate');
  } else if (timeoutMs !== null) {
    const since = startedAt(run, context);
    timeoutMs = run.state.wasEscalated(stepId) || !since ? null : run.until(new Date(Date.parse(since) + timeoutMs).toISOString());
  }
  if (timeoutMs !== null && !(await condition(done, timeoutMs, { summary: `manual ${stepId} timeout` }))) {
    noticeStepEscalated(run, stepId, `Manual step ${stepId} is not done after ${action.timeout}`, startedAt(run, context));
    await condition(done);
  } else if (timeoutMs === null) {
    await condition(done);
  }
  const completion = run.state.step(stepId).completion;
  if (!completion) return { ok: false, attempts: 0, error: { message: 'skipped by an operator', type: SKIPPED_BY_OPERATOR, step: stepId } };
  return { ok: true, attempts: 1, result: { summary: `completed by ${completion.operator}: ${completion.evidence}` } };
}

/** Runs the action once (`resuming`: it was under way when the last run continued as new). */
export async function runAction(run: CutoverRun, action: Action, context: ActionContext, resuming = false): Promise<StepOutcome> {
  if (action.kind === 'wait') {
    const since = resuming ? startedAt(run, context) : null;
    const ms = since ? run.until(new Date(Date.parse(since) + run.scaled(action.with.duration)).toISOString()) : run.scaled(action.with.duration);
    await sleep(ms, { summary: `wait ${context.stepId} (${action.with.duration})` });
    return { ok: true, attempts: 1, result: { summary: `waited ${action.with.duration}` } };
  }
  if (action.kind === 'manual') return awaitCompletion(run, action, context, resuming);
  // A rehearsal simulates effectful actions: a timer and the declared outcome, no activity.
  const simulation = simulationOf(run, action, context);
  if (simulation) return simulateAction(run, action, context, simulation, resuming ? startedAt(run, context) : null);
  // While the run drains for continue-as-new, the next run starts this activity.
  if (run.draining) await run.beforeActivity();
  run.activityStarted();
  try {
    const { attempt, summary, data } = await callActivity(run, action, context);
    return { ok: true, attempts: attempt, result: { summary, data } };
  } catch (err) {
    if (isCancellation(err)) throw err;
    return { ok: false, ...describeFailure(err, context.stepId) };
  } finally {
    run.activityEnded();
  }
}
