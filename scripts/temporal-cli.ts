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
 *       after 10 s without download progress; skip with GOLIVE_SKIP_SDK_DOWNLOAD=1
 *       (scripts/temporal-cli-sdk-download.ts);
 *   (e) `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into a temporary GOBIN
 *       next to the cache, renamed into place only after the binary answers `--version`
 *       (scripts/temporal-cli-go-install.ts).
 * Every candidate is verified by running `<bin> --version` (scripts/temporal-cli-probe.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { logger } from '../workers/logger';
import { goInstall, TEMPORAL_CLI_VERSION } from './temporal-cli-go-install';
import { findOnPath, probeTemporalCli, unusableReason } from './temporal-cli-probe';
import { sdkDownload } from './temporal-cli-sdk-download';

export { TEMPORAL_CLI_GO_PACKAGE, TEMPORAL_CLI_VERSION } from './temporal-cli-go-install';
export { findOnPath, probeTemporalCli } from './temporal-cli-probe';

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
  /** How often a quiet build says it still runs (default 10 s). */
  progressEveryMs?: number;
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
    const outcome = await sdkDownload(cacheDir, sdkDownloadedCliPath(cacheDir), env, progress);
    if ('path' in outcome) return { path: outcome.path, source: 'sdk-download', version: outcome.version };
    attempts.push({ option: 'SDK download', result: outcome.failure });
  }

  // (e) go install
  if (options.allowBuild === false) {
    attempts.push({ option: 'go install', result: 'skipped (disabled)' });
  } else {
    const outcome = await goInstall(cacheDir, cachedCliPath(cacheDir), env, progress, options.progressEveryMs);
    if ('path' in outcome) return { path: outcome.path, source: 'go-install', version: outcome.version };
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
