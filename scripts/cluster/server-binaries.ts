/**
 * Finds (or builds) the Temporal server and its SQL schema tool that `golive cluster` runs, the way
 * scripts/temporal-cli.ts finds the CLI. Order, first usable wins:
 *   (a) explicit dir: the `explicitDir` option (--temporal-server-dir) or $GOLIVE_TEMPORAL_SERVER, a
 *       directory holding `server` and `sql`. If set it must work: never silently skipped;
 *   (b) the cache: `<cacheDir>/temporal-server/v1.29.1/{server,sql}` ($GOLIVE_CACHE_DIR, else
 *       $XDG_CACHE_HOME/golive, else ~/.cache/golive);
 *   (c) `go install go.temporal.io/server/cmd/server@v1.29.1` and `…/cmd/tools/sql@v1.29.1` into
 *       that cache (scripts/go-install.ts), each only if missing.
 * Each binary must answer `--version` with 1.29.1. The SQL tool carries the PostgreSQL schemas
 * embedded (`--schema-name postgresql/v12/temporal`), so nothing else needs keeping.
 */
import path from 'node:path';
import { goInstallBinary } from '../go-install';
import { defaultCacheDir } from '../temporal-cli';
import { probeVersion, unusableReason, type Probe } from '../temporal-cli-probe';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';

/** One Go binary golive runs, pinned to a version and checked by its `--version` line. */
export interface BinarySpec {
  /** The file name in the cache (and in an explicit dir). */
  name: string;
  /** `module/path/cmd/x` without the version. */
  packagePath: string;
  /** The pinned version, `vX.Y.Z`. */
  version: string;
  /** Matches the `--version` output; group 1 is the version without its `v`. */
  versionLine: RegExp;
  expected: string;
  /** For progress lines: "the Temporal server". */
  label: string;
}

const BINARIES: BinarySpec[] = [
  { name: 'server', packagePath: `${MODULE}/cmd/server`, version: TEMPORAL_SERVER_VERSION, versionLine: /^temporal version\s+(\S+)/m, expected: 'temporal version 1.29.1', label: 'the Temporal server' },
  { name: 'sql', packagePath: `${MODULE}/cmd/tools/sql`, version: TEMPORAL_SERVER_VERSION, versionLine: /^temporal-sql-tool version\s+(\S+)/m, expected: 'temporal-sql-tool version 1.29.1', label: 'the Temporal SQL tool' },
];

export interface ServerBinaries {
  server: string;
  sql: string;
  source: 'explicit' | 'cache' | 'go-install';
}

export interface ResolveServerOptions {
  explicitDir?: string;
  cacheDir?: string;
  allowBuild?: boolean;
  onProgress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export class ServerBinariesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerBinariesError';
  }
}

/** `<cacheDir>/temporal-server/v1.29.1`. */
export function cachedServerDir(cacheDir: string): string {
  return path.join(cacheDir, 'temporal-server', TEMPORAL_SERVER_VERSION);
}

/** Why `file` is not the pinned binary, or undefined when it is. */
export async function problemWith(spec: BinarySpec, file: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const reason = await unusableReason(file);
  if (reason !== undefined) return `${file} ${reason}`;
  const probe: Probe = await probeVersion(file, spec.versionLine, spec.expected, env);
  if (!probe.ok) return `${file} ${probe.reason}`;
  if (`v${probe.version}` !== spec.version) return `${file} is version ${probe.version}, golive needs ${spec.version}`;
  return undefined;
}

/** `<dir>/<spec.name>` if it is the pinned binary, else built there with `go install` (unless `allowBuild` is false): 'cache', 'go-install', or why neither worked. */
export async function cachedOrBuilt(
  spec: BinarySpec,
  dir: string,
  options: { allowBuild?: boolean; env: NodeJS.ProcessEnv; progress: (line: string) => void },
): Promise<'cache' | 'go-install' | { failure: string }> {
  const target = path.join(dir, spec.name);
  const cached = await problemWith(spec, target, options.env);
  if (cached === undefined) return 'cache';
  if (options.allowBuild === false) return { failure: `cache: ${cached}; go install skipped (disabled)` };
  const outcome = await goInstallBinary(
    {
      moduleRef: `${spec.packagePath}@${spec.version}`,
      binaryName: path.basename(spec.packagePath),
      target,
      buildParent: dir,
      label: `${spec.label} ${spec.version}`,
      probe: (file) => probeVersion(file, spec.versionLine, spec.expected, options.env),
    },
    options.env,
    options.progress,
  );
  return 'failure' in outcome ? { failure: `cache: ${cached}; go install: ${outcome.failure}` } : 'go-install';
}

export async function resolveServerBinaries(options: ResolveServerOptions = {}): Promise<ServerBinaries> {
  const env = options.env ?? process.env;
  const progress = options.onProgress ?? ((): void => undefined);
  const explicit = options.explicitDir?.trim() || env.GOLIVE_TEMPORAL_SERVER?.trim() || undefined;
  if (explicit !== undefined) {
    const origin = options.explicitDir?.trim() ? '--temporal-server-dir' : 'GOLIVE_TEMPORAL_SERVER';
    const dir = path.resolve(explicit);
    const problems = (await Promise.all(BINARIES.map((spec) => problemWith(spec, path.join(dir, spec.name), env)))).filter(Boolean);
    if (problems.length > 0) throw new ServerBinariesError(`the Temporal server dir given by ${origin} is unusable: ${problems.join('; ')}`);
    return { server: path.join(dir, 'server'), sql: path.join(dir, 'sql'), source: 'explicit' };
  }

  const dir = cachedServerDir(options.cacheDir ? path.resolve(options.cacheDir) : defaultCacheDir(env));
  let built = false;
  const failures: string[] = [];
  for (const spec of BINARIES) {
    const outcome = await cachedOrBuilt(spec, dir, { allowBuild: options.allowBuild, env, progress });
    if (typeof outcome === 'object') failures.push(outcome.failure);
    else if (outcome === 'go-install') built = true;
  }
  if (failures.length > 0) {
    throw new ServerBinariesError(
      `no usable Temporal server ${TEMPORAL_SERVER_VERSION}: ${failures.join(' | ')}. ` +
        'Fix: run `golive cluster provision` with Go >= 1.25 on PATH (it builds both: minutes, once), or point GOLIVE_TEMPORAL_SERVER / --temporal-server-dir at a dir holding `server` and `sql`.',
    );
  }
  return { server: path.join(dir, 'server'), sql: path.join(dir, 'sql'), source: built ? 'go-install' : 'cache' };
}
