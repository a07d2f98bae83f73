/**
 * Runs the Temporal CLI dev server (`temporal server start-dev`) on a SQLite file with its web UI,
 * and waits until it really serves: gRPC system info and the namespace answer, and the UI responds.
 *
 * The server runs in its own process group (`detached: true`); stop() signals the group, SIGTERM
 * then SIGKILL, so nothing is orphaned. Restarting on the same dataDir keeps every earlier
 * workflow: the state is the SQLite file `<dataDir>/temporal.sqlite`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { logger } from '../workers/logger';
import { followLines, killOnExit, OutputTail } from './child-output';
import { freePorts } from './free-port';
import { removePidFile, stopOrphanedServer, writePidFile } from './orphan-server';
import { terminateGroup } from './process-tree';

const HOST = '127.0.0.1';
const DEFAULT_READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 200;
const OUTPUT_TAIL_LINES = 40;
const PORT_ATTEMPTS = 3;

export interface DevServerOptions {
  /** The Temporal CLI binary (see resolveTemporalCli). */
  cliPath: string;
  /** Directory holding the SQLite database; created if missing. */
  dataDir: string;
  /** gRPC frontend port; a free port when omitted. */
  port?: number;
  /** Web UI port; a free port when omitted. */
  uiPort?: number;
  /** Namespace created at start-up (default "default"). */
  namespace?: string;
  /** Server log level: debug | info | warn | error | never (default "warn"). */
  logLevel?: string;
  /** Custom search attributes to register, name → type (Keyword, Text, Int, Double, Bool, Datetime, KeywordList). */
  searchAttributes?: Record<string, string>;
  /** How long to wait for readiness (default 60 s). */
  readyTimeoutMs?: number;
  /** The web UI decodes payloads through this remote codec (`--ui-codec-endpoint`), e.g. golive's API `/codec`. */
  uiCodecEndpoint?: string;
  /** Environment for the server process (default process.env without TEMPORAL_* variables). */
  env?: NodeJS.ProcessEnv;
}

export interface DevServer {
  /** gRPC address, `127.0.0.1:PORT`. */
  address: string;
  /** Web UI, `http://127.0.0.1:UI_PORT`. */
  uiUrl: string;
  port: number;
  uiPort: number;
  pid: number;
  namespace: string;
  dataDir: string;
  dbFilename: string;
  /** The last lines the server printed (stdout and stderr). */
  outputTail(): string;
  /** SIGTERM the process group, wait, then SIGKILL; idempotent. */
  stop(): Promise<void>;
}

export type DevServerErrorCode = 'DEV_SERVER_EXITED' | 'DEV_SERVER_NOT_READY' | 'DEV_SERVER_STOP_FAILED';

export class DevServerError extends Error {
  constructor(
    readonly code: DevServerErrorCode,
    message: string,
    readonly outputTail = '',
  ) {
    super(message);
    this.name = 'DevServerError';
  }
}

const log = logger.child({ module: 'dev-server' });

/** The dev server is self-contained: client settings such as TEMPORAL_ADDRESS must not leak into it. */
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_')));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a dev server and resolves once it serves; retries with new ports if auto-picked ones were taken. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const autoPorts = options.port === undefined || options.uiPort === undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (err) {
      const portTaken =
        err instanceof DevServerError &&
        err.code === 'DEV_SERVER_EXITED' &&
        /address already in use|bind: /i.test(err.outputTail);
      if (portTaken && !autoPorts) {
        throw new DevServerError(
          'DEV_SERVER_EXITED',
          `port ${options.port ?? '?'} or ${options.uiPort ?? '?'} is already in use by another program (not a golive dev server on ${path.resolve(options.dataDir)}): ` +
            'stop it, or choose other ports (golive dev --temporal-port / --ui-port)',
          err.outputTail,
        );
      }
      if (!autoPorts || !portTaken || attempt >= PORT_ATTEMPTS) throw err;
      log.warn({ attempt }, 'dev server port was taken; retrying on other free ports');
    }
  }
}

async function startOnce(options: DevServerOptions): Promise<DevServer> {
  const namespace = options.namespace ?? 'default';
  const dataDir = path.resolve(options.dataDir);
  const dbFilename = path.join(dataDir, 'temporal.sqlite');
  await fs.mkdir(dataDir, { recursive: true });
  const orphan = await stopOrphanedServer(dataDir);
  if (orphan.found === 'stopped') log.warn({ pid: orphan.pid, port: orphan.port, dataDir }, 'stopped the Temporal dev server an earlier golive left running on this data dir');
  // Its output went to a pipe of the killed golive: it may have died on its own by now.
  if (orphan.found === 'stale') log.warn({ pid: orphan.pid, dataDir }, 'an earlier golive did not stop cleanly; the Temporal dev server it left on this data dir is gone');
  const [port, uiPort] = await pickPorts(options.port, options.uiPort);
  const address = `${HOST}:${port}`;
  const uiUrl = `http://${HOST}:${uiPort}`;

  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFilename,
    '--ip',
    HOST,
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--namespace',
    namespace,
    '--log-level',
    options.logLevel ?? 'warn',
  ];
  if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) {
    args.push('--search-attribute', `${name}=${type}`);
  }

  const serverLog = log.child({ port, uiPort, dataDir });
  serverLog.debug({ cli: options.cliPath, args }, 'starting Temporal dev server');
  const child = spawn(options.cliPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? serverEnv(),
  });

  const tail = new OutputTail(OUTPUT_TAIL_LINES);
  const outputTail = (): string => tail.text('\n');
  followLines(child, (line) => {
    tail.push(line);
    serverLog.debug({ line }, 'dev server output');
  });

  let exitReason: string | undefined;
  let stopping = false;
  let ready = false;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      exitReason = `could not start ${options.cliPath}: ${err.message}`;
      resolve();
    });
    child.once('exit', (code, signal) => {
      exitReason ??= `exited with ${signal ?? `code ${code}`}`;
      if (!stopping && ready) serverLog.warn({ code, signal, output: outputTail() }, 'Temporal dev server exited unexpectedly');
      resolve();
    });
  });

  // Never leave the server behind when this process exits without calling stop(); and if this
  // process is killed outright, the pid file lets the next start on this data dir stop it.
  const removeExitHook = killOnExit(child);
  if (child.pid) await writePidFile(dataDir, { pid: child.pid, owner: process.pid, port, uiPort, dbFilename, startedAt: new Date().toISOString() });

  let stopPromise: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopPromise ??= (async () => {
      stopping = true;
      const how = await terminateGroup(child, { graceMs: 10_000, killWaitMs: 5_000 });
      removeExitHook();
      await removePidFile(dataDir);
      child.stdout?.destroy();
      child.stderr?.destroy();
      serverLog.debug({ how }, 'Temporal dev server stopped');
      if (how === 'stuck') {
        throw new DevServerError('DEV_SERVER_STOP_FAILED', `dev server pid ${child.pid} survived SIGKILL`, outputTail());
      }
    })();
    return stopPromise;
  };

  try {
    await waitUntilReady({
      address,
      uiUrl,
      namespace,
      deadline: Date.now() + (options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS),
      exitReason: () => exitReason,
      outputTail,
      exited,
    });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  ready = true;
  serverLog.info({ address, uiUrl, pid: child.pid }, 'Temporal dev server ready');

  return {
    address,
    uiUrl,
    port,
    uiPort,
    pid: child.pid as number,
    namespace,
    dataDir,
    dbFilename,
    outputTail,
    stop,
  };
}

async function pickPorts(port?: number, uiPort?: number): Promise<[number, number]> {
  if (port !== undefined && uiPort !== undefined) return [port, uiPort];
  const free = await freePorts(3);
  const chosenPort = port ?? free.find((p) => p !== uiPort) ?? free[0];
  const chosenUi = uiPort ?? free.find((p) => p !== chosenPort) ?? free[1];
  return [chosenPort, chosenUi];
}

interface ReadyCheck {
  address: string;
  uiUrl: string;
  namespace: string;
  deadline: number;
  exitReason: () => string | undefined;
  outputTail: () => string;
  exited: Promise<void>;
}

/** Polls gRPC (system info + namespace) and then the UI until both answer, the deadline passes, or the process exits. */
async function waitUntilReady(check: ReadyCheck): Promise<void> {
  let lastError = 'no attempt yet';
  const failIfExited = (): void => {
    const reason = check.exitReason();
    if (reason !== undefined) {
      const output = check.outputTail();
      throw new DevServerError(
        'DEV_SERVER_EXITED',
        `Temporal dev server ${reason} before it was ready.${output ? `\n--- server output (tail) ---\n${output}` : ''}`,
        output,
      );
    }
  };
  const failIfLate = (what: string): void => {
    if (Date.now() < check.deadline) return;
    const output = check.outputTail();
    throw new DevServerError(
      'DEV_SERVER_NOT_READY',
      `Temporal dev server at ${check.address} was not ready (${what}) in time: ${lastError}` +
        `${output ? `\n--- server output (tail) ---\n${output}` : ''}`,
      output,
    );
  };
  // Wakes the poll loop early when the process dies.
  const pause = (): Promise<void> => Promise.race([sleep(POLL_INTERVAL_MS), check.exited]);

  for (;;) {
    failIfExited();
    const connection = Connection.lazy({ address: check.address, connectTimeout: '2s' });
    try {
      await connection.ensureConnected();
      await connection.workflowService.getSystemInfo({});
      await connection.workflowService.describeNamespace({ namespace: check.namespace });
      break;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    } finally {
      await connection.close().catch(() => undefined);
    }
    failIfExited();
    failIfLate('gRPC');
    await pause();
  }

  for (;;) {
    failIfExited();
    try {
      const response = await fetch(check.uiUrl, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    failIfLate('web UI');
    await pause();
  }
}
