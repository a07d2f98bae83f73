/**
 * What the Temporal sections run against: a fresh Temporal dev server (temp SQLite dir), the two
 * workflow bundles (built once), golive's worker and the bare worker (each on its own task
 * queue, in this process), the golive HTTP API, and a client. close() stops all of it.
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { authFromConfig, EVERY_ROLE } from '../api/auth';
import { startApi, type ApiServer } from '../api/server';
import { createActivities } from '../activities';
import { startDevServer, type DevServer } from '../scripts/dev-server';
import { resolveTemporalCli } from '../scripts/temporal-cli';
import { createDataConverter, payloadProtectionFromEnv } from '../workers/payload-codec';
import { CODEC_KEYS_ENV, newKeyEntry } from '../workers/codec-keys';
import { installRuntime } from '../workers/runtime';
import type { TemporalConfig } from '../workers/temporal-config';
import { startWorker, type GoliveWorker } from '../workers/worker';
import { LEAD_ROLE } from './plans';

export const GOLIVE_QUEUE = 'bench-golive';
export const BARE_QUEUE = 'bench-bare';
/** Both workers run up to this many activities at once (golive's largest bench maxParallel). */
export const WORKER_ACTIVITY_SLOTS = 100;

export interface Bundles {
  golive: string;
  bare: string;
}

export interface Stack {
  server: DevServer;
  config: TemporalConfig;
  /** A client with golive's data converter (its payload codec), for golive cutovers. */
  client: Client;
  /** A plain client, for the bare workflow (which has no codec). */
  bareClient: Client;
  api: ApiServer;
  bundles: Bundles;
  /** The bearer token of an operator holding every role. */
  leadToken: string;
  /** The bearer token of the i-th distinct gate approver (holding cutover-lead). */
  approverToken(i: number): string;
  close(): Promise<void>;
}

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function bundle(workflowsPath: string, file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet });
  await fs.writeFile(file, code);
  return file;
}

/** Starts the bare worker with golive's worker options (workers/worker.ts): slots, heartbeat throttling, sticky queue timeout. */
async function startBareWorker(config: TemporalConfig, bundlePath: string): Promise<{ shutdown(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: config.address });
  const { noop, http } = createActivities();
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: BARE_QUEUE,
    activities: { noop, http },
    workflowBundle: { codePath: bundlePath },
    maxConcurrentActivityTaskExecutions: WORKER_ACTIVITY_SLOTS,
    shutdownGraceTime: '10s',
    maxHeartbeatThrottleInterval: '1s',
    defaultHeartbeatThrottleInterval: '1s',
    stickyQueueScheduleToStartTimeout: '2s',
  });
  const running = worker.run().finally(() => connection.close().catch(() => undefined));
  return {
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
    },
  };
}

export async function startStack(options: { approvers: number; log(line: string): void }): Promise<Stack> {
  installRuntime();
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => options.log(`cleanup failed: ${String(err)}`));
  };
  try {
    const cli = await resolveTemporalCli({ onProgress: options.log });
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-bench-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const server = await startDevServer({ cliPath: cli.path, dataDir });
    cleanups.push(() => server.stop());
    options.log(`Temporal dev server ${server.address} (CLI ${cli.version ?? cli.path}), data in ${dataDir}`);

    const started = Date.now();
    const bundles: Bundles = {
      golive: await bundle(require.resolve('../workflows'), path.join(dataDir, 'golive-workflows.js')),
      bare: await bundle(require.resolve('./bare-workflow'), path.join(dataDir, 'bare-workflow.js')),
    };
    options.log(`workflow bundles built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // golive's worker (and any child worker process) loads this bundle instead of running webpack.
    process.env.GOLIVE_WORKFLOW_BUNDLE = bundles.golive;
    // golive's parts encrypt payloads as in production; the bare workflow stays plain, as a bare Temporal app would.
    process.env[CODEC_KEYS_ENV] ??= newKeyEntry('bench');

    const config: TemporalConfig = { address: server.address, namespace: server.namespace, taskQueue: GOLIVE_QUEUE };
    const golive: GoliveWorker = await startWorker(config, { maxConcurrentActivityTaskExecutions: WORKER_ACTIVITY_SLOTS });
    cleanups.push(() => golive.shutdown());
    const bare = await startBareWorker(config, bundles.bare);
    cleanups.push(() => bare.shutdown());

    const connection = await Connection.connect({ address: server.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: server.namespace, dataConverter: createDataConverter(payloadProtectionFromEnv()) });
    const bareClient = new Client({ connection, namespace: server.namespace });

    // Distinct operators (a quorum counts each operator once), so the API runs with tokens.
    const leadToken = 'bench-lead-token';
    const approverToken = (i: number): string => `bench-approver-token-${i}`;
    const tokens = [
      { token: leadToken, operator: 'bench-lead', roles: [EVERY_ROLE] },
      ...Array.from({ length: options.approvers }, (_, i) => ({ token: approverToken(i), operator: `api-approver-${i}`, roles: [LEAD_ROLE] })),
    ];
    const api = await startApi(config, { port: 0, host: '127.0.0.1', auth: authFromConfig({ tokens }, 'bench tokens') });
    cleanups.push(() => api.close());
    options.log(`golive API ${api.url}; workers on task queues ${GOLIVE_QUEUE} and ${BARE_QUEUE}`);

    return { server, config, client, bareClient, api, bundles, leadToken, approverToken, close };
  } catch (err) {
    await close();
    throw err;
  }
}
