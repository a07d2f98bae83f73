/**
 * The golive worker: polls the task queue, runs cutover workflows and step activities.
 * Workflow code comes from a prebuilt bundle when GOLIVE_WORKFLOW_BUNDLE names one (tests,
 * production images), otherwise it is bundled from workflows/ at start-up.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { logger } from './logger';
import { connectionOptions, type TemporalConfig } from './temporal-config';

export interface GoliveWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  running: Promise<void>;
  /** Stops polling, lets in-flight tasks finish, closes the connection. Idempotent. */
  shutdown(): Promise<void>;
}

export function workflowSource(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const bundle = process.env.GOLIVE_WORKFLOW_BUNDLE;
  return bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('../workflows') };
}

export async function startWorker(config: TemporalConfig, options: { maxConcurrentActivityTaskExecutions?: number } = {}): Promise<GoliveWorker> {
  const connection = await NativeConnection.connect(connectionOptions(config));
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    activities: createActivities(),
    ...workflowSource(),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    // Let in-flight activities finish on shutdown, but not forever.
    shutdownGraceTime: '10s',
    // Heartbeats reach the server (and a rollback's cancellation reaches the activity) within a second.
    maxHeartbeatThrottleInterval: '1s',
    defaultHeartbeatThrottleInterval: '1s',
  });
  const log = logger.child({ taskQueue: config.taskQueue, namespace: config.namespace });
  const running = worker.run().finally(() => connection.close().catch(() => undefined));
  running.then(
    () => log.info('worker stopped'),
    (err: unknown) => log.error({ err }, 'worker failed'),
  );
  log.info({ address: config.address }, 'worker polling');
  let stopping: Promise<void> | undefined;
  return {
    worker,
    running,
    shutdown() {
      stopping ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
      })();
      return stopping;
    },
  };
}
