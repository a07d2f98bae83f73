/**
 * `golive cluster up|down|status|provision`: the production topology on this machine (PostgreSQL,
 * the Temporal server v1.29.1 and its UI, the golive API, two golive workers), each a process of its own under
 * --dir (scripts/cluster/cluster.ts). `up` is idempotent and reuses the dir's data; `down` stops
 * everything and keeps it.
 */
import type { Command } from 'commander';
import { clusterStatus, DEFAULT_CLUSTER_DIR, startCluster, stopCluster } from '../../scripts/cluster/cluster';
import { ClusterError } from '../../scripts/cluster/readiness';
import { resolveServerBinaries, ServerBinariesError } from '../../scripts/cluster/server-binaries';
import { resolveUiBinary } from '../../scripts/cluster/temporal-ui';

interface BinaryOptions {
  temporalServerDir?: string;
  temporalUi?: string;
  cacheDir?: string;
  build: boolean;
}

const say = (line: string): void => void process.stderr.write(`${line}\n`);

/** Runs a sub-command; a cluster or provisioning error is its message and exit 1, not a stack. */
async function reporting(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ClusterError) && !(error instanceof ServerBinariesError)) throw error;
    process.stderr.write(`golive cluster ${what}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

function binaryOptions(command: Command): Command {
  return command
    .option('--temporal-server-dir <dir>', 'a dir holding the Temporal server `server` and `sql` binaries v1.29.1 (also GOLIVE_TEMPORAL_SERVER)')
    .option('--temporal-ui <file>', 'the Temporal UI server binary v2.42.1 (also GOLIVE_TEMPORAL_UI)')
    .option('--cache-dir <dir>', 'cache root (default $GOLIVE_CACHE_DIR, $XDG_CACHE_HOME/golive or ~/.cache/golive)')
    .option('--no-build', 'do not `go install` a missing server or UI');
}

export function registerCluster(program: Command): void {
  const cluster = program.command('cluster').description('run the production topology on this machine: PostgreSQL, Temporal server and UI, golive API, two workers');
  const dirOption = ['--dir <dir>', 'the cluster dir: data, pid files, logs', DEFAULT_CLUSTER_DIR] as const;

  binaryOptions(cluster.command('provision').description('find or build (go install) the Temporal server, SQL tool and UI server the cluster runs')).action((options: BinaryOptions) =>
    reporting('provision', async () => {
      const binaries = await resolveServerBinaries({ explicitDir: options.temporalServerDir, cacheDir: options.cacheDir, allowBuild: options.build, onProgress: say });
      const ui = await resolveUiBinary({ explicit: options.temporalUi, cacheDir: options.cacheDir, allowBuild: options.build, onProgress: say });
      process.stdout.write(`Temporal server: ${binaries.server}\nSQL tool:        ${binaries.sql}\n  found via:     ${binaries.source}\nTemporal UI:     ${ui.path}\n  found via:     ${ui.source}\n`);
    }),
  );

  binaryOptions(cluster.command('up').description('start what is not running (idempotent) and wait until every process is ready').option(...dirOption)).action(
    (options: BinaryOptions & { dir: string }) =>
      reporting('up', async () => {
        const started = Date.now();
        const handle = await startCluster({ dir: options.dir, temporalServerDir: options.temporalServerDir, temporalUi: options.temporalUi, cacheDir: options.cacheDir, allowBuild: options.build, onProgress: say });
        process.stdout.write(
          [
            `golive cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
            `  API       ${handle.apiUrl}/api/v1   console ${handle.apiUrl}/`,
            `  tokens    ${handle.tokensFile}`,
            `  UI        ${handle.uiUrl} (the Temporal UI; it decodes payloads through the API's /codec once you sign in to the console)`,
            `  Temporal  ${handle.temporalAddress} (namespace ${handle.namespace}, task queue ${handle.taskQueue})`,
            `  workers   ${handle.workers.map((name) => `${name} (pid ${handle.pid(name)})`).join(', ')}`,
            `  dir       ${handle.dir} (stop with: golive cluster down --dir ${options.dir})`,
            '',
          ].join('\n'),
        );
      }),
  );

  cluster
    .command('down')
    .description('stop every process of the cluster (SIGTERM, then SIGKILL); the data stays')
    .option(...dirOption)
    .action((options: { dir: string }) =>
      reporting('down', async () => {
        const outcomes = await stopCluster(options.dir);
        for (const [name, outcome] of Object.entries(outcomes)) process.stdout.write(`${name.padEnd(16)} ${outcome}\n`);
      }),
    );

  cluster
    .command('status')
    .description('what runs in the cluster dir (exit 1 when something is down)')
    .option(...dirOption)
    .option('--json', 'print the status as JSON')
    .action((options: { dir: string; json?: boolean }) =>
      reporting('status', async () => {
        const status = await clusterStatus(options.dir);
        const allUp = status.exists && status.processes.every((p) => p.pid !== undefined);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(status)}\n`);
        } else if (!status.exists) {
          process.stdout.write(`no cluster in ${status.dir} (start one with golive cluster up --dir ${options.dir})\n`);
        } else {
          const lines = [`cluster ${status.dir}: Temporal ${status.temporalAddress}, API ${status.apiUrl}, Temporal UI ${status.uiUrl ?? '(from the next up)'}`];
          for (const p of status.processes) lines.push(`  ${p.name.padEnd(16)} ${p.pid === undefined ? 'stopped' : `running  pid ${p.pid} since ${p.startedAt}`}  ${p.log}`);
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        process.exitCode = allUp ? 0 : 1;
      }),
    );
}
