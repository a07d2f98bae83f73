/**
 * A bare worker as its own process, for the crash section (golive's is `golive worker`):
 * TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_TASK_QUEUE, the bundle in BENCH_BARE_BUNDLE.
 * Prints `worker polling` once it polls; stops on SIGTERM / SIGINT. Worker options as golive's
 * (workers/worker.ts), so the crash figures compare the workflows, not worker tuning.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { logger } from '../workers/logger';
import { installRuntime } from '../workers/runtime';
import { temporalConfigFromEnv } from '../workers/temporal-config';

async function main(): Promise<void> {
  const bundle = process.env.BENCH_BARE_BUNDLE;
  if (!bundle) throw new Error('BENCH_BARE_BUNDLE names no workflow bundle');
  installRuntime();
  const config = temporalConfigFromEnv();
  const connection = await NativeConnection.connect({ address: config.address });
  const { noop, http } = createActivities();
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    activities: { noop, http },
    workflowBundle: { codePath: bundle },
    shutdownGraceTime: '10s',
    maxHeartbeatThrottleInterval: '1s',
    defaultHeartbeatThrottleInterval: '1s',
    stickyQueueScheduleToStartTimeout: '2s',
  });
  const running = worker.run().finally(() => connection.close().catch(() => undefined));
  logger.info({ taskQueue: config.taskQueue }, 'worker polling');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => worker.shutdown());
  await running;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench worker: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
