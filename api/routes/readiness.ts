/**
 * GET /readyz: 200 when this API can serve cutovers: Temporal answers, and a worker polls the
 * task queue cutovers start on (DescribeTaskQueue pollers seen lately). Else 503 with the same
 * body saying what is missing. /healthz stays the liveness check (the process is up).
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Router } from 'express';

/** A poller counts when seen this recently (workers long-poll for up to about a minute). */
const POLLER_FRESH_MS = 90_000;

async function freshPollers(client: Client, taskQueue: string): Promise<number> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  const now = Date.now();
  return (pollers ?? []).filter((poller) => {
    const at = poller.lastAccessTime;
    const ms = at ? Number(at.seconds ?? 0) * 1000 + Math.floor((at.nanos ?? 0) / 1e6) : now;
    return now - ms <= POLLER_FRESH_MS;
  }).length;
}

export function readinessRouter(client: Client, taskQueue: string): Router {
  const router = Router();
  router.get('/readyz', async (_req, res) => {
    const temporalCheck: { up: boolean; message?: string } = { up: true };
    const worker: { taskQueue: string; pollers: number; message?: string } = { taskQueue, pollers: 0 };
    try {
      await client.workflowService.getSystemInfo({});
      worker.pollers = await freshPollers(client, taskQueue);
      if (worker.pollers === 0) worker.message = `no golive worker polls task queue ${taskQueue}`;
    } catch (err) {
      Object.assign(temporalCheck, { up: false, message: `Temporal does not answer: ${(err as Error).message}` });
      worker.message = 'unknown while Temporal does not answer';
    }
    const ready = temporalCheck.up && worker.pollers > 0;
    res.status(ready ? 200 : 503).json({ ready, temporal: temporalCheck, worker });
  });
  return router;
}
