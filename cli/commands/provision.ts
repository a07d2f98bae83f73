/**
 * `golive provision`: find or obtain the Temporal CLI that runs the local dev server, and say
 * where it is. Exit 0 with the path, or 1 with every option tried and why it failed.
 */
import type { Command } from 'commander';
import { defaultCacheDir, resolveTemporalCli, TemporalCliError } from '../../scripts/temporal-cli';

interface ProvisionOptions {
  temporalCli?: string;
  cacheDir?: string;
  download: boolean;
  build: boolean;
  json?: boolean;
}

const SOURCE_LABEL = {
  explicit: 'the explicit path',
  path: 'PATH',
  cache: 'the golive cache',
  'sdk-download': 'the Temporal SDK download (now cached)',
  'go-install': 'go install (now cached)',
} as const;

export function registerProvision(program: Command): void {
  program
    .command('provision')
    .description('find, download or build the Temporal CLI that runs the local dev server')
    .option('--temporal-cli <path>', 'use this Temporal CLI binary (also GOLIVE_TEMPORAL_CLI)')
    .option('--cache-dir <dir>', 'cache root (default $GOLIVE_CACHE_DIR, $XDG_CACHE_HOME/golive or ~/.cache/golive)')
    .option('--no-download', 'do not try the Temporal SDK download')
    .option('--no-build', 'do not try `go install`')
    .option('--json', 'print the result as JSON')
    .action(async (options: ProvisionOptions) => {
      const started = Date.now();
      try {
        const cli = await resolveTemporalCli({
          explicitPath: options.temporalCli,
          cacheDir: options.cacheDir,
          allowDownload: options.download,
          allowBuild: options.build,
          onProgress: (line) => process.stderr.write(`${line}\n`),
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(cli)}\n`);
        } else {
          process.stdout.write(
            [
              `Temporal CLI: ${cli.path}`,
              `  found via:  ${SOURCE_LABEL[cli.source]} [${cli.source}]`,
              `  version:    ${cli.version ?? 'unknown'}`,
              `  cache dir:  ${options.cacheDir ?? defaultCacheDir()}`,
              `  took:       ${((Date.now() - started) / 1000).toFixed(1)} s`,
              '',
            ].join('\n'),
          );
        }
        process.exitCode = 0;
      } catch (err) {
        if (!(err instanceof TemporalCliError)) throw err;
        process.stderr.write(`golive provision: ${err.message} [${err.code}]\n`);
        process.exitCode = 1;
      }
    });
}
