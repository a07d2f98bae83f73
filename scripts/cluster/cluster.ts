/**
 * `golive cluster`: golive's production topology on this machine, each part its own process under
 * one cluster dir: PostgreSQL, the Temporal server v1.29.1 on it, the Temporal UI, the golive API
 * and two golive workers. `startCluster` is idempotent: what already runs on the dir is left alone (and checked),
 * what does not is started; the data (PostgreSQL's dir, cluster.json) is reused, so nothing is lost
 * across `down`/`up`. The returned handle lets a test stop and start the server or kill a worker.
 *
 * Layout of the dir: cluster.json, tokens.json, postgres/ (data), snapshots/, run/<name>.pid, logs/<name>.log.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TokensConfig } from '../../api/auth';
import { withUpLock } from './dir-lock';
import { ensureTokens, loadOrCreateState, readState, type ClusterState } from './cluster-state';
import { API, apiProcess, apiUrlOf, cliEntry, temporalAddressOf, workerName, workerProcess } from './golive-processes';
import { killProcess, logFile, runningPid, startDetached, startedAt, stopProcess, type ProcessSpec, type StopOutcome } from './managed-process';
import { ensureTemporalRole, findPostgresBin, initDataDir, pgIsReady, postgresOsUser, postgresProcess, type PostgresSetup } from './postgres';
import { waitUntilReady } from './readiness';
import { resolveServerBinaries } from './server-binaries';
import { setUpTemporalSchemas } from './temporal-schema';
import { ensureNamespace, frontendServes, namespaceServes, temporalServerProcess } from './temporal-server';
import { resolveUiBinary, TEMPORAL_UI, temporalUiProcess, uiServes, uiUrlOf } from './temporal-ui';

export const WORKER_COUNT = 2;
const DEFAULT_READY_TIMEOUT_MS = 120_000;
export const SERVER = 'temporal-server';
export const POSTGRES = 'postgres';

/** `./.golive/cluster`, next to `golive dev`'s `.golive`. */
export const DEFAULT_CLUSTER_DIR = path.join('.golive', 'cluster');

export interface ClusterOptions {
  dir: string;
  /** A dir holding `server` and `sql` (else $GOLIVE_TEMPORAL_SERVER, the cache, go install). */
  temporalServerDir?: string;
  /** The Temporal UI server binary (else $GOLIVE_TEMPORAL_UI, the cache, go install). */
  temporalUi?: string;
  cacheDir?: string;
  /** Build missing server binaries with `go install` (default true). */
  allowBuild?: boolean;
  /** The API's tokens; written to <dir>/tokens.json (default: kept, or one token with every role). */
  tokens?: TokensConfig;
  /** Extra environment for the workers (e.g. a notice webhook). */
  workerEnv?: NodeJS.ProcessEnv;
  /** How long each process may take to be ready (default 120 s). */
  readyTimeoutMs?: number;
  /** The server's log level (default warn). */
  serverLogLevel?: string;
  /** Progress lines (what starts, what is ready). */
  onProgress?: (line: string) => void;
}

export interface ClusterHandle {
  dir: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  apiUrl: string;
  uiUrl: string;
  tokensFile: string;
  workers: string[];
  /** pid of a running process by name, undefined when it is not running. */
  pid(name: string): number | undefined;
  stopServer(): Promise<StopOutcome>;
  /** Starts the server again and waits until its namespace serves and the running workers poll again. */
  startServer(): Promise<void>;
  /** SIGKILLs worker `n` (1-based), as a crash would; its pid. */
  killWorker(n: number): number;
  /** Starts worker `n` again and waits until it polls. */
  startWorker(n: number): Promise<void>;
  /** `down`: stops everything, keeps the data. */
  stop(): Promise<Record<string, StopOutcome>>;
}

interface Context {
  dir: string;
  state: ClusterState;
  options: ClusterOptions;
  timeoutMs: number;
  tell: (line: string) => void;
}

/** Starts `spec` unless it already runs; then waits for `probe`. */
async function ensureRunning(ctx: Context, spec: ProcessSpec, probe: () => Promise<boolean>): Promise<void> {
  const running = runningPid(ctx.dir, spec.name);
  if (running === undefined) {
    const pid = await startDetached(ctx.dir, spec);
    ctx.tell(`${spec.name}: started (pid ${pid}, log ${logFile(ctx.dir, spec.name)})`);
  } else {
    ctx.tell(`${spec.name}: already running (pid ${running})`);
  }
  await waitUntilReady(ctx.dir, spec.name, probe, ctx.timeoutMs);
  ctx.tell(`${spec.name}: ready`);
}

function postgresSetup(dir: string, bin: string, state: ClusterState): PostgresSetup {
  return { bin, dataDir: path.join(dir, 'postgres'), port: state.ports.postgres, user: postgresOsUser() };
}

async function startServer(ctx: Context, serverBinary: string): Promise<void> {
  const address = temporalAddressOf(ctx.state);
  const spec = temporalServerProcess(serverBinary, ctx.state.ports.server, ctx.state.ports.postgres, ctx.state.pgPassword, ctx.options.serverLogLevel);
  await ensureRunning(ctx, spec, () => frontendServes(address));
  if ((await ensureNamespace(address, ctx.state.namespace)) === 'registered') ctx.tell(`namespace ${ctx.state.namespace}: registered`);
  await waitUntilReady(
    ctx.dir,
    SERVER,
    async () => {
      const { added } = await namespaceServes(address, ctx.state.namespace);
      if (added.length > 0) ctx.tell(`search attributes added: ${added.join(', ')}`);
      return true;
    },
    ctx.timeoutMs,
  );
}

/** True once a poller on the workflow task queue carries the worker's pid (SDK identity `pid@host`). */
async function workerPolls(address: string, state: ClusterState, pid: number | undefined): Promise<boolean> {
  if (pid === undefined) return false;
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: state.namespace,
      taskQueue: { name: state.taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (pollers ?? []).some((poller) => poller.identity?.startsWith(`${pid}@`));
  } finally {
    await connection.close();
  }
}

async function startWorker(ctx: Context, n: number): Promise<void> {
  const name = workerName(n);
  await ensureRunning(ctx, workerProcess(ctx.dir, ctx.state, n, ctx.options.workerEnv), () => workerPolls(temporalAddressOf(ctx.state), ctx.state, runningPid(ctx.dir, name)));
}

async function apiReady(state: ClusterState): Promise<boolean> {
  const response = await fetch(`${apiUrlOf(state)}/readyz`, { signal: AbortSignal.timeout(2_000) });
  if (response.status === 200) return true;
  throw new Error(`/readyz answered ${response.status}: ${await response.text()}`);
}

/** After a server restart: the server, then every worker still running polling again (their pollers back off while it was down). */
async function restartServer(ctx: Context, serverBinary: string): Promise<void> {
  await startServer(ctx, serverBinary);
  const running = Array.from({ length: WORKER_COUNT }, (_, i) => workerName(i + 1)).filter((name) => runningPid(ctx.dir, name) !== undefined);
  const address = temporalAddressOf(ctx.state);
  await Promise.all(running.map((name) => waitUntilReady(ctx.dir, name, () => workerPolls(address, ctx.state, runningPid(ctx.dir, name)), ctx.timeoutMs)));
}

export async function startCluster(options: ClusterOptions): Promise<ClusterHandle> {
  const dir = path.resolve(options.dir);
  await fs.mkdir(dir, { recursive: true });
  return withUpLock(dir, () => bringUp(dir, options));
}

async function bringUp(dir: string, options: ClusterOptions): Promise<ClusterHandle> {
  const tell = options.onProgress ?? ((): void => undefined);
  cliEntry(); // the API and workers run dist/: say it is missing before anything starts
  // PostgreSQL runs as the postgres user when we are root: it must be able to walk into the dir.
  if (process.getuid?.() === 0) await fs.chmod(dir, 0o711);
  const binaries = await resolveServerBinaries({ explicitDir: options.temporalServerDir, cacheDir: options.cacheDir, allowBuild: options.allowBuild, onProgress: tell });
  tell(`Temporal server: ${binaries.server} (${binaries.source})`);
  const ui = await resolveUiBinary({ explicit: options.temporalUi, cacheDir: options.cacheDir, allowBuild: options.allowBuild, onProgress: tell });
  tell(`Temporal UI: ${ui.path} (${ui.source})`);
  const { state, created } = await loadOrCreateState(dir);
  if (created) tell(`cluster dir ${dir}: new (ports and keys in ${path.join(dir, 'cluster.json')})`);
  const tokens = await ensureTokens(dir, options.tokens);
  const ctx: Context = { dir, state, options, timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS, tell };

  const pg = postgresSetup(dir, await findPostgresBin(), state);
  if ((await initDataDir(pg, state.pgSuperPassword)) === 'created') tell(`postgres: initialised ${pg.dataDir}`);
  await ensureRunning(ctx, postgresProcess(pg), () => pgIsReady(pg));
  await ensureTemporalRole(pg, state.pgPassword);
  await setUpTemporalSchemas(binaries.sql, pg, state.pgPassword);
  tell('schemas: temporal and temporal_visibility at the latest version');
  await startServer(ctx, binaries.server);
  await fs.mkdir(path.join(dir, 'snapshots'), { recursive: true });
  const workers = Array.from({ length: WORKER_COUNT }, (_, i) => i + 1);
  await Promise.all(workers.map((n) => startWorker(ctx, n)));
  await ensureRunning(ctx, apiProcess(dir, state, tokens), () => apiReady(state));
  const codecEndpoint = `${apiUrlOf(state)}/codec`;
  await ensureRunning(ctx, temporalUiProcess(ui.path, { uiPort: state.ports.ui, frontendPort: state.ports.server.frontend, namespace: state.namespace, codecEndpoint }), () => uiServes(state.ports.ui, codecEndpoint));

  return {
    dir,
    temporalAddress: temporalAddressOf(state),
    namespace: state.namespace,
    taskQueue: state.taskQueue,
    apiUrl: apiUrlOf(state),
    uiUrl: uiUrlOf(state.ports.ui),
    tokensFile: tokens,
    workers: workers.map(workerName),
    pid: (name) => runningPid(dir, name),
    stopServer: () => stopProcess(dir, SERVER),
    startServer: () => restartServer(ctx, binaries.server),
    killWorker: (n) => killProcess(dir, workerName(n)),
    startWorker: (n) => startWorker(ctx, n),
    stop: () => stopCluster(dir),
  };
}

/** Every process name of a cluster, in start order. */
export const processNames = (): string[] => [POSTGRES, SERVER, ...Array.from({ length: WORKER_COUNT }, (_, i) => workerName(i + 1)), API, TEMPORAL_UI];

/** Stops the API and the UI, the workers, the server, then PostgreSQL; the data stays. */
export async function stopCluster(dir: string): Promise<Record<string, StopOutcome>> {
  const root = path.resolve(dir);
  const outcomes: Record<string, StopOutcome> = {};
  const tiers = [[API, TEMPORAL_UI], Array.from({ length: WORKER_COUNT }, (_, i) => workerName(i + 1)), [SERVER], [POSTGRES]];
  for (const tier of tiers) {
    await Promise.all(tier.map(async (name) => (outcomes[name] = await stopProcess(root, name))));
  }
  return outcomes;
}

export interface ProcessStatus {
  name: string;
  pid?: number;
  startedAt?: string;
  log: string;
}

export interface ClusterStatus {
  dir: string;
  exists: boolean;
  temporalAddress?: string;
  apiUrl?: string;
  uiUrl?: string;
  processes: ProcessStatus[];
}

export async function clusterStatus(dir: string): Promise<ClusterStatus> {
  const root = path.resolve(dir);
  const state = await readState(root);
  return {
    dir: root,
    exists: state !== undefined,
    temporalAddress: state && temporalAddressOf(state),
    apiUrl: state && apiUrlOf(state),
    // A dir made before the cluster had a UI has no port for it until its next `up`.
    uiUrl: state?.ports.ui === undefined ? undefined : uiUrlOf(state.ports.ui),
    processes: processNames().map((name) => ({ name, pid: runningPid(root, name), startedAt: startedAt(root, name), log: logFile(root, name) })),
  };
}
