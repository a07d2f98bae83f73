/**
 * `go install <module>@<version>` of one binary into a temporary GOBIN inside a cache dir, renamed
 * into place only after the binary answers its version probe: a killed build never leaves a
 * half-written binary where a cache lookup would find it. Used for the Temporal CLI
 * (scripts/temporal-cli-go-install.ts) and the Temporal server and its SQL tool
 * (scripts/cluster/server-binaries.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { followLines, killOnExit, OutputTail } from './child-output';
import { isAlive } from './process-tree';
import { formatElapsed, PROGRESS_EVERY_MS, startProgressTicker } from './progress-ticker';
import { findOnPath, unusableReason, type Obtained, type Probe } from './temporal-cli-probe';

const GO_INSTALL_MAX_MS = 45 * 60_000;

export interface GoInstallSpec {
  /** `module/path/cmd/x@vX.Y.Z`. */
  moduleRef: string;
  /** Extra `go install` flags before the module, e.g. `-ldflags=…`. */
  flags?: string[];
  /** The file go writes into GOBIN (the last element of the package path). */
  binaryName: string;
  /** Where the verified binary ends up. */
  target: string;
  /** Holds the temporary `.build-<pid>-*` GOBIN dirs (on the target's file system, for the rename). */
  buildParent: string;
  /** What is built, for progress lines: "the Temporal CLI v1.5.1". */
  label: string;
  /** Checks the built binary before it is moved into place. */
  probe: (file: string) => Promise<Probe>;
}

/** Removes `.build-<pid>-*` dirs whose building process is gone (a killed earlier build). */
export async function removeStaleBuildDirs(parent: string): Promise<void> {
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    const match = /^\.build-(\d+)-/.exec(name);
    if (match && (Number(match[1]) === process.pid || !isAlive(Number(match[1])))) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

export async function goInstallBinary(
  spec: GoInstallSpec,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
  /** How often a line says the build still runs (default 10 s). */
  progressEveryMs = PROGRESS_EVERY_MS,
): Promise<Obtained> {
  const go = await findOnPath('go', env);
  if (go === undefined) return { failure: 'go not found on PATH' };

  await fs.mkdir(spec.buildParent, { recursive: true });
  await removeStaleBuildDirs(spec.buildParent);
  const buildDir = await fs.mkdtemp(path.join(spec.buildParent, `.build-${process.pid}-`));
  const args = ['install', '-v', ...(spec.flags ?? []), spec.moduleRef];
  const started = Date.now();
  progress(`go install: building ${spec.moduleRef} with ${go} (first build takes a few minutes)`);
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
      (ms) => `go install: still building ${spec.label} (${formatElapsed(ms)}, ${packages} packages compiled${lastPackage ? `, last ${lastPackage}` : ''}; the first build takes a few minutes)`,
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
    const built = path.join(buildDir, spec.binaryName);
    const reason = await unusableReason(built);
    if (reason !== undefined) return { failure: `go install succeeded but ${built} ${reason}` };
    const probe = await spec.probe(built);
    if (!probe.ok) return { failure: `built ${built} but it ${probe.reason}` };
    await fs.mkdir(path.dirname(spec.target), { recursive: true });
    await fs.rename(built, spec.target);
    progress(`go install: built ${spec.target} in ${seconds} s`);
    return { path: spec.target, version: probe.version };
  } finally {
    await fs.rm(buildDir, { recursive: true, force: true });
  }
}
