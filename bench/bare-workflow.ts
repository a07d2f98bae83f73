/**
 * The "bare" baseline: a minimal hand-written Temporal workflow that runs the same DAG of
 * activities as a golive plan — a simple Promise-based loop, the same activity options as golive
 * (start-to-close timeout, 5 s heartbeat timeout, retry policy, activity id = step id), calling
 * golive's own activities — and keeps no status document. Bundled for the bench's bare worker.
 */
import { ActivityCancellationType, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { StepActivities } from '../activities/contract';

export interface BareStep {
  id: string;
  dependsOn: string[];
  kind: 'noop' | 'http';
  with?: unknown;
}

export interface BareInput {
  steps: BareStep[];
  maxParallel: number;
  startToCloseTimeoutMs: number;
  retry: { maximumAttempts?: number; initialIntervalMs?: number; backoffCoefficient?: number };
}

export async function bareWorkflow(input: BareInput): Promise<{ steps: number }> {
  const cutoverId = workflowInfo().workflowId;
  const waitingOn = new Map(input.steps.map((step) => [step.id, step.dependsOn.length]));
  const dependents = new Map<string, BareStep[]>();
  for (const step of input.steps) {
    for (const dep of step.dependsOn) dependents.set(dep, [...(dependents.get(dep) ?? []), step]);
  }
  const ready = input.steps.filter((step) => step.dependsOn.length === 0);
  const running = new Map<string, Promise<string>>();
  let done = 0;

  const run = (step: BareStep): Promise<string> => {
    const acts = proxyActivities<StepActivities>({
      activityId: step.id,
      startToCloseTimeout: input.startToCloseTimeoutMs,
      heartbeatTimeout: '5s',
      retry: {
        maximumAttempts: input.retry.maximumAttempts,
        initialInterval: input.retry.initialIntervalMs,
        backoffCoefficient: input.retry.backoffCoefficient,
      },
      cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    });
    const base = { cutoverId, stepId: step.id, idempotencyKey: `${cutoverId}/${step.id}/run` };
    const call = step.kind === 'http' ? acts.http({ ...base, with: step.with as never }) : acts.noop({ ...base, with: undefined });
    return call.then(() => step.id);
  };

  while (done < input.steps.length) {
    while (ready.length > 0 && running.size < input.maxParallel) {
      const step = ready.shift()!;
      running.set(step.id, run(step));
    }
    if (running.size === 0) throw new Error('bare workflow: nothing runnable (a dependency cycle?)');
    const finished = await Promise.race(running.values());
    running.delete(finished);
    done++;
    for (const next of dependents.get(finished) ?? []) {
      const left = waitingOn.get(next.id)! - 1;
      waitingOn.set(next.id, left);
      if (left === 0) ready.push(next);
    }
  }
  return { steps: done };
}
