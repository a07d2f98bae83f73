/**
 * Runs cutovers on the suite's real Temporal dev server: a golive worker on a task queue of
 * its own (so test files don't steal each other's tasks) and a client to start and read them.
 */
import type { Client } from '@temporalio/client';
import { finalSummary } from '../../api/cutover-service';
import { validatePlan } from '../../plan';
import type { ParamValue } from '../../plan/params';
import type { PlanInput } from '../../plan/schema';
import type { CutoverInput } from '../../workflows/cutover-input';
import { statusQuery } from '../../workflows/messages';
import { searchAttributePairs, type VisibleValues } from '../../workflows/search-attribute-values';
import type { StatusDocument } from '../../workflows/status-document';
import { installRuntime } from '../../workers/runtime';
import { startWorker, type GoliveWorker, type WorkerOptions } from '../../workers/worker';
import { RecordingServer } from './recording-server';
import { assertTaskQueueReplays } from './replay-started';
import { connectClient, temporalAddress, temporalNamespace, uniqueId } from './temporal-env';

export interface Harness {
  client: Client;
  taskQueue: string;
  worker: GoliveWorker;
  start(
    plan: PlanInput,
    options?: {
      id?: string;
      mode?: CutoverInput['mode'];
      comms?: CutoverInput['comms'];
      timeScale?: number;
      historyLimit?: number;
      params?: Record<string, ParamValue>;
      /** Search attributes at start, as the API sets them on a namespace that has them. */
      searchAttributes?: VisibleValues;
    },
  ): Promise<string>;
  /** The final status document, whether the cutover completed or failed. */
  finished(id: string): Promise<StatusDocument>;
  status(id: string): Promise<StatusDocument>;
  stop(): Promise<void>;
}

/** Waits for the cutover to close, then reads its whole status document (the result is only a summary). */
export async function finishedDocument(client: Client, id: string): Promise<StatusDocument> {
  const summary = await finalSummary(client.workflow.getHandle(id));
  if (!summary) throw new Error(`cutover ${id} closed without a summary`);
  return client.workflow.getHandle(id).query(statusQuery);
}

/** `workerOptions`: for the harness's worker (e.g. an older release's workflow bundle). */
export async function startHarness(workerOptions: WorkerOptions = {}): Promise<Harness> {
  installRuntime();
  const taskQueue = uniqueId('test');
  const worker = await startWorker({ address: temporalAddress(), namespace: temporalNamespace(), taskQueue }, workerOptions);
  const { client, close } = await connectClient();
  const started = new Set<string>();
  return {
    client,
    taskQueue,
    worker,
    async start(planInput, options = {}) {
      const validated = validatePlan(planInput, { params: options.params });
      if (!validated.ok) throw new Error(`test plan invalid: ${JSON.stringify(validated.errors)}`);
      const id = options.id ?? uniqueId(validated.plan.name);
      const params = Object.keys(validated.params).length > 0 ? { params: validated.params } : {};
      const input: CutoverInput = { plan: validated.plan, mode: options.mode ?? 'live', timeScale: options.timeScale, historyLimit: options.historyLimit, ...params, ...(options.comms ? { comms: options.comms } : {}) };
      const typedSearchAttributes = options.searchAttributes ? searchAttributePairs(options.searchAttributes) : undefined;
      await client.workflow.start('cutoverWorkflow', { workflowId: id, taskQueue, args: [input], ...(typedSearchAttributes ? { typedSearchAttributes } : {}) });
      started.add(id);
      return id;
    },
    finished(id) {
      return finishedDocument(client, id);
    },
    status(id) {
      return client.workflow.getHandle(id).query(statusQuery);
    },
    async stop() {
      await worker.shutdown();
      try {
        await assertTaskQueueReplays(client, taskQueue, started);
      } finally {
        await close();
      }
    },
  };
}

const STOP_TIMEOUT_MS = 300_000;

/**
 * For a test file: a harness and a recording HTTP server, started before its tests and stopped
 * after them. Read them through the returned object (they exist once beforeAll has run).
 */
export function useCutoverTestEnv(workerOptions: WorkerOptions = {}): { harness: Harness; http: RecordingServer } {
  const env = {} as { harness: Harness; http: RecordingServer };
  beforeAll(async () => {
    env.harness = await startHarness(workerOptions);
    env.http = await new RecordingServer().start();
  });
  // Stopping replays every run the file ran: a large plan's many continued runs take minutes on a slow machine.
  afterAll(async () => {
    await env.harness?.stop();
    await env.http?.stop();
  }, STOP_TIMEOUT_MS);
  return env;
}
