/**
 * Builds the pinned Temporal CLI with `go install` into a temporary GOBIN next to the cache, and
 * renames it into place only after the binary answers `--version`. Option (e) of the resolution
 * order in scripts/temporal-cli.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { followLines, killOnExit, OutputTail } from './child-output';
import { isAlive } from './process-tree';
import { formatElapsed, PROGRESS_EVERY_MS, startProgressTicker } from './progress-ticker';
import { findOnPath, probeTemporalCli, unusableReason, type Obtained } from './temporal-cli-probe';

/** The Temporal CLI release golive builds (v1.6+ carry a `replace` directive and cannot be `go install`ed). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
/** Linker symbol holding the CLI's version string (otherwise a go-installed CLI reports 0.0.0-DEV). */
const TEMPORAL_CLI_VERSION_SYMBOL = 'github.com/temporalio/cli/temporalcli.Version';

const GO_INSTALL_MAX_MS = 45 * 60_000;

/** Removes `.build-<pid>-*` dirs whose building process is gone (a killed earlier build). */
export async function removeStaleBuildDirs(parent: string): Promise<void> {
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    const match = /^\.build-(\d+)-/.exec(name);
    if (match && (Number(match[1]) === process.pid || !isAlive(Number(match[1])))) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * `go install …/temporal@v1.5.1` with GOBIN set to a temporary dir inside `<cacheDir>/temporal`,
 * then an atomic rename to `target`: a killed build never leaves a half-written binary where the
 * cache lookup would find it.
 */
export async function goInstall(
  cacheDir: string,
  target: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
  /** How often a line says the build still runs (default 10 s). */
  progressEveryMs = PROGRESS_EVERY_MS,
): Promise<Obtained> {
  const go = await findOnPath('go', env);
  if (go === undefined) return { failure: 'go not found on PATH' };

  const parent = path.join(cacheDir, 'temporal');
  await fs.mkdir(parent, { recursive: true });
  await removeStaleBuildDirs(parent);
  const buildDir = await fs.mkdtemp(path.join(parent, `.build-${process.pid}-`));
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
    const tail = new OutputTail(8);
    let packages = 0;
    let lastPackage = '';
    // Not detached: Ctrl-C on a terminal reaches go and its compilers too.
    const child = spawn(go, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, GOBIN: buildDir } });
    const removeHook = killOnExit(child);
    followLines(child, (line) => {
      packages += 1;
      lastPackage = line;
      tail.push(line);
      progress(`go: ${line}`);
    });
    // go prints a line per package, then goes quiet for minutes while it links: say what it waits for.
    const heartbeat = startProgressTicker(
      progress,
      (ms) => `go install: still building the Temporal CLI ${TEMPORAL_CLI_VERSION} (${formatElapsed(ms)}, ${packages} packages compiled${lastPackage ? `, last ${lastPackage}` : ''}; the first build takes a few minutes)`,
      { everyMs: progressEveryMs },
    );
    const deadline = setTimeout(() => {
      tail.push(`killed after ${GO_INSTALL_MAX_MS / 60_000} min`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, GO_INSTALL_MAX_MS);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.on('error', (error) => resolve({ code: null, signal: null, error }));
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    heartbeat.stop();
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
    return { path: target, version: probe.version };
  } finally {
    await fs.rm(buildDir, { recursive: true, force: true });
  }
}
