/**
 * Builds the pinned Temporal CLI with `go install` (scripts/go-install.ts) into the golive cache.
 * Option (e) of the resolution order in scripts/temporal-cli.ts.
 */
import path from 'node:path';
import { goInstallBinary } from './go-install';
import { PROGRESS_EVERY_MS } from './progress-ticker';
import { probeTemporalCli, type Obtained } from './temporal-cli-probe';

export { removeStaleBuildDirs } from './go-install';

/** The Temporal CLI release golive builds (v1.6+ carry a `replace` directive and cannot be `go install`ed). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
/** Linker symbol holding the CLI's version string (otherwise a go-installed CLI reports 0.0.0-DEV). */
const TEMPORAL_CLI_VERSION_SYMBOL = 'github.com/temporalio/cli/temporalcli.Version';

/** `go install …/temporal@v1.5.1` into `<cacheDir>/temporal`, moved to `target` once it answers `--version`. */
export function goInstall(
  cacheDir: string,
  target: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
  /** How often a line says the build still runs (default 10 s). */
  progressEveryMs = PROGRESS_EVERY_MS,
): Promise<Obtained> {
  return goInstallBinary(
    {
      moduleRef: `${TEMPORAL_CLI_GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`,
      flags: [`-ldflags=-X ${TEMPORAL_CLI_VERSION_SYMBOL}=${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`],
      binaryName: 'temporal',
      target,
      buildParent: path.join(cacheDir, 'temporal'),
      label: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`,
      probe: (file) => probeTemporalCli(file, env),
    },
    env,
    progress,
    progressEveryMs,
  );
}
