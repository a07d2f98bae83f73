/**
 * Runs one plan step: an activity named after its kind (with the step's timeout and retry
 * policy), or a durable timer for `wait`, which must not hold a worker slot for hours.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { RetryPolicy as TemporalRetryPolicy } from '@temporalio/common';
import type { ActivityStepKind, StepActivities, StepActivityResult } from '../activities/contract';
import { parseDuration } from '../plan/duration';
import type { Plan, RetryPolicy, Step } from '../plan/schema';
import type { FailureInfo } from './status-document';

export type StepOutcome =
  | { ok: true; attempts: number; result: { summary: string; data?: Record<string, unknown> } }
  | { ok: false; attempts: number; error: FailureInfo };

/** Heartbeats arrive every second while an activity works; five missed ones mean the worker is gone. */
const HEARTBEAT_TIMEOUT = '5s';

export function temporalRetry(policy: RetryPolicy): TemporalRetryPolicy {
  return {
    maximumAttempts: policy.maximumAttempts,
    initialInterval: policy.initialInterval ? parseDuration(policy.initialInterval) : undefined,
    backoffCoefficient: policy.backoffCoefficient,
    maximumInterval: policy.maximumInterval ? parseDuration(policy.maximumInterval) : undefined,
  };
}

function activityFor(plan: Plan, step: Step, kind: ActivityStepKind): StepActivities[ActivityStepKind] {
  const retry = { ...plan.settings.defaultRetry, ...step.retry };
  const activities = proxyActivities<StepActivities>({
    activityId: step.id,
    startToCloseTimeout: parseDuration(step.timeout ?? plan.settings.defaultTimeout),
    heartbeatTimeout: HEARTBEAT_TIMEOUT,
    retry: temporalRetry(retry),
  });
  return activities[kind];
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

export async function runStep(plan: Plan, step: Step, timeScale: number): Promise<StepOutcome> {
  if (step.kind === 'wait') {
    await sleep(Math.max(1, Math.round(parseDuration(step.with.duration) * timeScale)));
    return { ok: true, attempts: 1, result: { summary: `waited ${step.with.duration}` } };
  }
  if (step.kind !== 'noop' && step.kind !== 'http') {
    // plan/capabilities.ts rejects such plans before they start; this guards old histories.
    return { ok: false, attempts: 0, error: { message: `step kind ${step.kind} is not supported by this worker`, type: 'UnsupportedKind', step: step.id } };
  }
  try {
    const run = activityFor(plan, step, step.kind) as (input: unknown) => Promise<StepActivityResult>;
    const { attempt, summary, data } = await run({
      cutoverId: workflowInfo().workflowId,
      stepId: step.id,
      idempotencyKey: `${workflowInfo().workflowId}/${step.id}/run`,
      with: step.with,
    });
    return { ok: true, attempts: attempt, result: { summary, data } };
  } catch (err) {
    return { ok: false, ...describeFailure(err, step.id) };
  }
}
