/**
 * Finds (or obtains) a Temporal CLI binary, which golive uses to run the local dev server.
 *
 * Order, first usable wins:
 *   (a) explicit path: the `explicitPath` option or $GOLIVE_TEMPORAL_CLI. If set it must work:
 *       a broken explicit path is an error, never silently skipped;
 *   (b) `temporal` on $PATH;
 *   (c) a cached binary under the golive cache dir ($GOLIVE_CACHE_DIR, else
 *       $XDG_CACHE_HOME/golive, else ~/.cache/golive): `temporal/v1.5.1/temporal` (built by
 *       go install) or `temporal/sdk-typescript-<sdk>/temporal` (harvested SDK download);
 *   (d) the Temporal SDK's own download (what @temporalio/testing does for
 *       TestWorkflowEnvironment.createLocal), run in a watched child process that is killed
 *       after 10 s without download progress; skip with GOLIVE_SKIP_SDK_DOWNLOAD=1;
 *   (e) `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into a temporary GOBIN
 *       next to the cache, renamed into place only after the binary answers `--version`.
 * Every candidate is verified by running `<bin> --version`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { logger } from '../workers/logger';
import { isAlive, terminateGroup } from './process-tree';

/** The Temporal CLI release golive builds (v1.6+ carry a `replace` directive and cannot be `go install`ed). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
/** Linker symbol holding the CLI's version string (otherwise a go-installed CLI reports 0.0.0-DEV). */
const TEMPORAL_CLI_VERSION_SYMBOL = 'github.com/temporalio/cli/temporalcli.Version';

const VERSION_PROBE_TIMEOUT_MS = 20_000;
/** The SDK download is abandoned when nothing arrives for this long (offline, blackholed network). */
const SDK_DOWNLOAD_STALL_MS = 10_000;
const SDK_DOWNLOAD_MAX_MS = 5 * 60_000;
const SDK_DOWNLOAD_POLL_MS = 200;
const GO_INSTALL_MAX_MS = 45 * 60_000;
const GO_PROGRESS_INTERVAL_MS = 15_000;

export type TemporalCliSource = 'explicit' | 'path' | 'cache' | 'sdk-download' | 'go-install';

export interface TemporalCli {
  path: string;
  source: TemporalCliSource;
  /** What `--version` reported after "temporal version", e.g. "1.5.1 (Server 1.29.1, UI 2.42.1)". */
  version?: string;
}

export interface ResolveTemporalCliOptions {
  /** A CLI binary to use instead of searching; wins over $GOLIVE_TEMPORAL_CLI. */
  explicitPath?: string;
  /** Cache root; defaults to {@link defaultCacheDir}. */
  cacheDir?: string;
  /** Try the Temporal SDK's download (default true; GOLIVE_SKIP_SDK_DOWNLOAD=1 also disables it). */
  allowDownload?: boolean;
  /** Try `go install` (default true). */
  allowBuild?: boolean;
  /** Human-readable progress lines for slow steps (download, build). */
  onProgress?: (line: string) => void;
  /** Environment to read PATH / GOLIVE_* from and to pass to children (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** One option tried and why it did not produce a CLI. */
export interface ResolutionAttempt {
  option: 'explicit path' | 'PATH' | 'cache' | 'SDK download' | 'go install';
  result: string;
}

export type TemporalCliErrorCode = 'TEMPORAL_CLI_NOT_FOUND' | 'TEMPORAL_CLI_EXPLICIT_UNUSABLE';

export class TemporalCliError extends Error {
  constructor(
    readonly code: TemporalCliErrorCode,
    message: string,
    readonly attempts: ResolutionAttempt[] = [],
  ) {
    super(message);
    this.name = 'TemporalCliError';
  }
}

const log = logger.child({ module: 'temporal-cli' });

/** $GOLIVE_CACHE_DIR, else $XDG_CACHE_HOME/golive, else ~/.cache/golive. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GOLIVE_CACHE_DIR) return path.resolve(env.GOLIVE_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.resolve(env.XDG_CACHE_HOME, 'golive');
  return path.join(env.HOME || os.homedir(), '.cache', 'golive');
}

/** Where `go install` puts the pinned CLI: `<cacheDir>/temporal/v1.5.1/temporal`. */
export function cachedCliPath(cacheDir: string): string {
  return path.join(cacheDir, 'temporal', TEMPORAL_CLI_VERSION, 'temporal');
}

/** Where a CLI fetched by the SDK's downloader is kept: `<cacheDir>/temporal/sdk-typescript-<v>/temporal`. */
export function sdkDownloadedCliPath(cacheDir: string): string {
  return path.join(cacheDir, 'temporal', `sdk-typescript-${sdkVersion()}`, 'temporal');
}

function sdkVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@temporalio/client/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function envFlag(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

type Probe = { ok: true; version: string } | { ok: false; reason: string };

/** Checks that `file` is an executable regular file; returns why not, or undefined. */
async function unusableReason(file: string): Promise<string | undefined> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return 'does not exist';
  }
  if (!stat.isFile()) return 'is not a regular file';
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    return 'is not executable';
  }
  return undefined;
}

/** Runs `<bin> --version` and expects "temporal version …". */
export function probeTemporalCli(bin: string, env: NodeJS.ProcessEnv = process.env): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(
      bin,
      ['--version'],
      { timeout: VERSION_PROBE_TIMEOUT_MS, env, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const detail = (stderr || err.message).trim().split('\n').slice(-3).join(' | ');
          resolve({ ok: false, reason: `\`--version\` failed: ${detail}` });
          return;
        }
        const match = /temporal version\s+(.+)/i.exec(stdout);
        if (!match) {
          const first = stdout.trim().split('\n')[0] ?? '';
          resolve({ ok: false, reason: `\`--version\` printed "${first}", not "temporal version …"` });
          return;
        }
        resolve({ ok: true, version: match[1].trim() });
      },
    );
  });
}

/** First executable `name` on env.PATH, like `command -v`. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if ((await unusableReason(candidate)) === undefined) return candidate;
  }
  return undefined;
}

/** Finds or obtains a Temporal CLI; see the module comment for the order. */
export async function resolveTemporalCli(options: ResolveTemporalCliOptions = {}): Promise<TemporalCli> {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ? path.resolve(options.cacheDir) : defaultCacheDir(env);
  const progress = options.onProgress ?? ((): void => undefined);
  const attempts: ResolutionAttempt[] = [];

  // (a) explicit path
  const explicitOption = options.explicitPath?.trim() || undefined;
  const explicitEnv = env.GOLIVE_TEMPORAL_CLI?.trim() || undefined;
  const explicit = explicitOption ?? explicitEnv;
  if (explicit !== undefined) {
    const origin = explicitOption !== undefined ? '--temporal-cli' : 'GOLIVE_TEMPORAL_CLI';
    const file = path.resolve(explicit);
    const reason = await unusableReason(file);
    const probe = reason === undefined ? await probeTemporalCli(file, env) : undefined;
    if (reason !== undefined || !probe?.ok) {
      const why = reason ?? (probe && !probe.ok ? probe.reason : 'unusable');
      throw new TemporalCliError(
        'TEMPORAL_CLI_EXPLICIT_UNUSABLE',
        `Temporal CLI given by ${origin} is unusable: ${file} ${why}. ` +
          `Fix the path or unset ${origin} to let golive search PATH, the cache, the SDK download and go install.`,
        [{ option: 'explicit path', result: `${file} ${why}` }],
      );
    }
    log.debug({ path: file, origin }, 'using explicit Temporal CLI');
    return { path: file, source: 'explicit', version: probe.version };
  }
  attempts.push({ option: 'explicit path', result: 'not set (--temporal-cli / GOLIVE_TEMPORAL_CLI)' });

  // (b) PATH
  const onPath = await findOnPath('temporal', env);
  if (onPath === undefined) {
    attempts.push({ option: 'PATH', result: 'temporal not found' });
  } else {
    const probe = await probeTemporalCli(onPath, env);
    if (probe.ok) return { path: onPath, source: 'path', version: probe.version };
    attempts.push({ option: 'PATH', result: `${onPath} ${probe.reason}` });
  }

  // (c) cache
  const cacheResults: string[] = [];
  for (const candidate of [cachedCliPath(cacheDir), sdkDownloadedCliPath(cacheDir)]) {
    const reason = await unusableReason(candidate);
    if (reason !== undefined) {
      cacheResults.push(`${candidate} ${reason === 'does not exist' ? 'missing' : reason}`);
      continue;
    }
    const probe = await probeTemporalCli(candidate, env);
    if (probe.ok) return { path: candidate, source: 'cache', version: probe.version };
    cacheResults.push(`${candidate} ${probe.reason}`);
  }
  attempts.push({ option: 'cache', result: cacheResults.join('; ') });

  // (d) the SDK's download
  if (options.allowDownload === false) {
    attempts.push({ option: 'SDK download', result: 'skipped (disabled)' });
  } else if (envFlag(env.GOLIVE_SKIP_SDK_DOWNLOAD)) {
    attempts.push({ option: 'SDK download', result: 'skipped (GOLIVE_SKIP_SDK_DOWNLOAD=1)' });
  } else {
    const outcome = await sdkDownload(cacheDir, env, progress);
    if ('path' in outcome) return outcome;
    attempts.push({ option: 'SDK download', result: outcome.failure });
  }

  // (e) go install
  if (options.allowBuild === false) {
    attempts.push({ option: 'go install', result: 'skipped (disabled)' });
  } else {
    const outcome = await goInstall(cacheDir, env, progress);
    if ('path' in outcome) return outcome;
    attempts.push({ option: 'go install', result: outcome.failure });
  }

  throw new TemporalCliError(
    'TEMPORAL_CLI_NOT_FOUND',
    [
      'No usable Temporal CLI. Tried, in order:',
      ...attempts.map((a) => `  - ${a.option}: ${a.result}`),
      'Fix: put the Temporal CLI on PATH (https://docs.temporal.io/cli), point GOLIVE_TEMPORAL_CLI or ' +
        `--temporal-cli at one, or install Go >= 1.25 so golive can build ${TEMPORAL_CLI_VERSION}.`,
    ].join('\n'),
    attempts,
  );
}

type Outcome = TemporalCli | { failure: string };

/** Last `max` lines of a child's output, for error messages. */
class Tail {
  private lines: string[] = [];
  constructor(private readonly max: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  text(separator = ' | '): string {
    return this.lines.join(separator);
  }
}

function followLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }
}

/** Kills a child's process group if this process exits first. Returns the remover. */
function killOnExit(child: ChildProcess): () => void {
  const hook = (): void => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', hook);
  return () => process.off('exit', hook);
}

/**
 * (d) Lets @temporalio/testing download the CLI exactly as TestWorkflowEnvironment.createLocal
 * does (sdk-core fetches https://temporal.download/cli/default?…&sdk-version=…, writes
 * `<downloadDir>/temporal-sdk-typescript-<v>.downloading`, then renames it). The call runs in a
 * detached child process so a hung native download can be killed: the child is stopped as soon
 * as the binary appears, or when no bytes arrive for 10 s. The binary is then moved into the cache.
 */
async function sdkDownload(
  cacheDir: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<Outcome> {
  let testingModule: string;
  try {
    testingModule = require.resolve('@temporalio/testing');
  } catch {
    return { failure: '@temporalio/testing is not installed' };
  }
  const downloadDir = path.join(cacheDir, 'temporal', 'sdk-download');
  await fs.mkdir(downloadDir, { recursive: true });
  const script = [
    'const { TestWorkflowEnvironment } = require(process.argv[1]);',
    'TestWorkflowEnvironment.createLocal({ server: {',
    "  executable: { type: 'cached-download', downloadDir: process.argv[2] },",
    "  log: { format: 'json', level: 'error' } } })",
    '  .then(async (e) => { await e.teardown(); process.exit(0); },',
    '    (err) => { process.stderr.write(String((err && err.message) || err) + "\\n"); process.exit(3); });',
  ].join('\n');

  progress(`SDK download: asking @temporalio/testing to download the Temporal CLI into ${downloadDir}`);
  const started = Date.now();
  const child = spawn(process.execPath, ['-e', script, testingModule, downloadDir], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const removeHook = killOnExit(child);
  const tail = new Tail(5);
  followLines(child, (line) => tail.push(line.trim()));
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));

  let lastBytes = -1;
  let lastProgressAt = started;
  let lastReportAt = started;
  let failure: string | undefined;
  let downloaded: string | undefined;
  try {
    for (;;) {
      const entries = await fs.readdir(downloadDir).catch(() => [] as string[]);
      const done = entries.find((name) => name.startsWith('temporal') && !name.endsWith('.downloading'));
      if (done) {
        downloaded = path.join(downloadDir, done);
        break;
      }
      const exited = spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
      if (exited) {
        failure = spawnError?.message ?? (tail.text() || `download process exited with ${child.exitCode ?? child.signalCode}`);
        break;
      }
      const partial = entries.find((name) => name.endsWith('.downloading'));
      const bytes = partial ? ((await fs.stat(path.join(downloadDir, partial)).catch(() => undefined))?.size ?? 0) : -1;
      const now = Date.now();
      if (bytes > lastBytes) {
        lastBytes = bytes;
        lastProgressAt = now;
      }
      if (bytes >= 0 && now - lastReportAt >= 5_000) {
        progress(`SDK download: ${(bytes / 1e6).toFixed(1)} MB after ${Math.round((now - started) / 1000)} s`);
        lastReportAt = now;
      }
      if (now - lastProgressAt > SDK_DOWNLOAD_STALL_MS) {
        failure = `no download progress for ${SDK_DOWNLOAD_STALL_MS / 1000} s (network unreachable?)`;
        break;
      }
      if (now - started > SDK_DOWNLOAD_MAX_MS) {
        failure = `gave up after ${SDK_DOWNLOAD_MAX_MS / 60_000} min`;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, SDK_DOWNLOAD_POLL_MS));
    }
  } finally {
    // The SDK runtime traps SIGTERM for a graceful shutdown we do not need: SIGKILL follows quickly.
    await terminateGroup(child, { graceMs: 500, killWaitMs: 3_000 });
    removeHook();
  }

  if (downloaded === undefined) {
    // A partial file left by the killed child would make the next attempt wait on it.
    for (const name of await fs.readdir(downloadDir).catch(() => [] as string[])) {
      if (name.endsWith('.downloading')) await fs.rm(path.join(downloadDir, name), { force: true });
    }
    await fs.rmdir(downloadDir).catch(() => undefined); // only if empty
    const summary = (failure ?? 'unknown failure').replace(/\s+/g, ' ').slice(0, 600);
    progress(`SDK download: failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
    return { failure: summary };
  }

  await fs.chmod(downloaded, 0o755);
  const probe = await probeTemporalCli(downloaded, env);
  if (!probe.ok) {
    await fs.rm(downloaded, { force: true });
    return { failure: `downloaded ${downloaded} but it ${probe.reason}` };
  }
  const target = sdkDownloadedCliPath(cacheDir);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rename(downloaded, target);
  progress(`SDK download: saved ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { path: target, source: 'sdk-download', version: probe.version };
}

/** Removes `.build-<pid>-*` dirs whose building process is gone (a killed earlier build). */
async function removeStaleBuildDirs(parent: string): Promise<void> {
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    const match = /^\.build-(\d+)-/.exec(name);
    if (match && (Number(match[1]) === process.pid || !isAlive(Number(match[1])))) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * (e) `go install …/temporal@v1.5.1` with GOBIN set to a temporary dir inside the cache, then an
 * atomic rename into `<cacheDir>/temporal/v1.5.1/temporal`: a killed build never leaves a
 * half-written binary where the cache lookup would find it.
 */
async function goInstall(cacheDir: string, env: NodeJS.ProcessEnv, progress: (line: string) => void): Promise<Outcome> {
  const go = await findOnPath('go', env);
  if (go === undefined) return { failure: 'go not found on PATH' };

  const parent = path.join(cacheDir, 'temporal');
  await fs.mkdir(parent, { recursive: true });
  await removeStaleBuildDirs(parent);
  const buildDir = await fs.mkdtemp(path.join(parent, `.build-${process.pid}-`));
  const target = cachedCliPath(cacheDir);
  const moduleRef = `${TEMPORAL_CLI_GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`;
  const args = [
    'install',
    '-v',
    `-ldflags=-X ${TEMPORAL_CLI_VERSION_SYMBOL}=${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`,
    moduleRef,
  ];
  const started = Date.now();
  progress(`go install: building ${moduleRef} with ${go} (first build takes a few minutes)`);
  try {
    const tail = new Tail(8);
    let packages = 0;
    let lastLineAt = started;
    // Not detached: Ctrl-C on a terminal reaches go and its compilers too.
    const child = spawn(go, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, GOBIN: buildDir } });
    const removeHook = killOnExit(child);
    followLines(child, (line) => {
      packages += 1;
      lastLineAt = Date.now();
      tail.push(line);
      progress(`go: ${line}`);
    });
    const heartbeat = setInterval(() => {
      if (Date.now() - lastLineAt >= GO_PROGRESS_INTERVAL_MS - 100) {
        progress(`go install: still building… ${Math.round((Date.now() - started) / 1000)} s (${packages} packages so far)`);
      }
    }, GO_PROGRESS_INTERVAL_MS);
    const deadline = setTimeout(() => {
      tail.push(`killed after ${GO_INSTALL_MAX_MS / 60_000} min`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, GO_INSTALL_MAX_MS);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.on('error', (error) => resolve({ code: null, signal: null, error }));
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    clearInterval(heartbeat);
    clearTimeout(deadline);
    removeHook();

    const seconds = Math.round((Date.now() - started) / 1000);
    if (exit.error) return { failure: `could not run ${go}: ${exit.error.message}` };
    if (exit.code !== 0) {
      return { failure: `\`go ${args.join(' ')}\` failed (${exit.signal ?? `exit ${exit.code}`}) after ${seconds} s: ${tail.text()}` };
    }
    const built = path.join(buildDir, 'temporal');
    const reason = await unusableReason(built);
    if (reason !== undefined) return { failure: `go install succeeded but ${built} ${reason}` };
    const probe = await probeTemporalCli(built, env);
    if (!probe.ok) return { failure: `built ${built} but it ${probe.reason}` };
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(built, target);
    progress(`go install: built ${target} in ${seconds} s`);
    return { path: target, source: 'go-install', version: probe.version };
  } finally {
    await fs.rm(buildDir, { recursive: true, force: true });
  }
}

