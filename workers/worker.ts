/**
 * The golive worker: polls the task queue, runs cutover workflows and step activities.
 * Workflow code comes from a prebuilt bundle when GOLIVE_WORKFLOW_BUNDLE names one (tests,
 * production images) or, for the compiled worker, from dist/workflow-bundle.js (npm run build);
 * otherwise it is bundled from workflows/ at start-up.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import path from 'node:path';
import { createActivities } from '../activities';
import { logger } from './logger';
import { metricsSinks } from './metrics';
import { createDataConverter, payloadProtectionFromEnv, type PayloadProtection } from './payload-codec';
import { setting } from './settings';
import { connectionOptions, type TemporalConfig } from './temporal-config';
import { builtWorkflowBundle } from './workflow-bundle';

export interface GoliveWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  running: Promise<void>;
  /** Stops polling, lets in-flight tasks finish, closes the connection. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Where the workflow code comes from, the first that applies: GOLIVE_WORKFLOW_BUNDLE; when this
 * worker runs compiled (dist/), the bundle `npm run build` wrote next to it, if it was made from the
 * compiled workflow code now there; else workflows/ bundled now (webpack: seconds). From the TypeScript
 * sources (ts-jest) dist/ is never looked at: its bundle may be older than the sources.
 */
export function workflowSource(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const bundle = setting('GOLIVE_WORKFLOW_BUNDLE');
  if (bundle) return { workflowBundle: { codePath: bundle } };
  if (path.extname(__filename) === '.js') {
    const built = builtWorkflowBundle(path.resolve(__dirname, '..'));
    if (built.file) return { workflowBundle: { codePath: built.file } };
    if (built.stale) logger.warn({ reason: built.stale }, 'not using dist/workflow-bundle.js (npm run build writes a current one); bundling workflows/ now');
  }
  return { workflowsPath: require.resolve('../workflows') };
}

export interface WorkerOptions {
  maxConcurrentActivityTaskExecutions?: number;
  /** Payload keys; default GOLIVE_CODEC_KEYS (required, see payloadProtectionFromEnv). */
  payloads?: PayloadProtection;
  /** Workflow code to run instead of workflowSource()'s: a release's bundle (workers/release-bundle.ts). */
  workflowBundle?: { code: string };
}

export async function startWorker(config: TemporalConfig, options: WorkerOptions = {}): Promise<GoliveWorker> {
  // A missing or bad GOLIVE_CODEC_KEYS stops us before we connect.
  const payloads = options.payloads ?? payloadProtectionFromEnv();
  const connection = await NativeConnection.connect(connectionOptions(config));
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    // Payloads travel encrypted, large ones (big plans, the record carried across continue-as-new) compressed first.
    dataConverter: createDataConverter(payloads),
    activities: createActivities(),
    // Steps, gates and decisions as they happen, for /metrics (never called while replaying).
    sinks: metricsSinks(),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : workflowSource()),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? setting('GOLIVE_WORKER_MAX_ACTIVITIES'),
    // Let in-flight activities finish on shutdown, but not forever.
    shutdownGraceTime: '10s',
    // Heartbeats reach the server (and a rollback's cancellation reaches the activity) within a second.
    maxHeartbeatThrottleInterval: '1s',
    defaultHeartbeatThrottleInterval: '1s',
    // A cutover's workflow tasks go to this worker's sticky queue (its cached workflow state). If
    // the worker dies, a task there waits this long before the server moves it to the shared task
    // queue, where another worker replays the history and carries on. The default (10s) stalls a
    // cutover for 10 s after a crash; 2s keeps the hand-over within a couple of seconds, and a
    // live worker starts its sticky tasks in milliseconds, so a false hand-over (a replay) is rare.
    stickyQueueScheduleToStartTimeout: '2s',
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
