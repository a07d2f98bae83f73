/** `golive dev`: the embedded stack on this machine (see cli/dev-stack.ts); Ctrl-C stops it all. */
import type { Command } from 'commander';
import { describeAuth } from '../../api/auth';
import { DEFAULT_API_PORT } from '../../api/server';
import { logger } from '../../workers/logger';
import { loadAuthOrReport, tokensFileOption } from '../auth-config';
import { DEMO_PLAN, startDevStack } from '../dev-stack';
import { untilShutdownSignal } from '../shutdown';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port: ${value}`);
  return n;
};

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('start a Temporal dev server (SQLite, web UI), a worker and the API (open unless tokens are given) on this machine')
    .option('--api-port <port>', 'API and console port', port, DEFAULT_API_PORT)
    .option('--temporal-port <port>', 'Temporal frontend (gRPC) port', port, 7233)
    .option('--ui-port <port>', 'Temporal web UI port', port, 8233)
    .option('--data-dir <dir>', 'where the SQLite file lives; reuse it to keep earlier cutovers', '.golive')
    .option('--temporal-cli <path>', 'use this Temporal CLI binary (also GOLIVE_TEMPORAL_CLI)')
    .option('--demo', `also start the example runbook examples/${DEMO_PLAN}.yaml`)
    .addOption(tokensFileOption())
    .action(async (options: { apiPort: number; temporalPort: number; uiPort: number; dataDir: string; temporalCli?: string; demo?: boolean; tokensFile?: string }) => {
      const auth = loadAuthOrReport(options.tokensFile);
      if (!auth) return;
      const signal = untilShutdownSignal();
      const stack = await startDevStack({ ...options, auth, demo: options.demo ? DEMO_PLAN : undefined });
      const lines = [
        '',
        'golive is running:',
        `  API          ${stack.api.url}/api/v1`,
        `  console      ${stack.api.url}/`,
        `  Temporal UI  ${stack.server.uiUrl}`,
        `  Temporal     ${stack.server.address} (namespace default, data in ${options.dataDir})`,
        `  auth         ${describeAuth(stack.api.auth)}`,
        `  payloads     encrypted (key from ${stack.codecKeysOrigin}); the Temporal UI decodes through ${stack.api.url}/codec`,
      ];
      if (stack.demoId) {
        lines.push(`  demo cutover ${stack.demoId}: ${stack.api.url}/api/v1/cutovers/${stack.demoId}`);
        lines.push(`               ${stack.server.uiUrl}/namespaces/default/workflows/${stack.demoId}`);
      }
      lines.push('Press Ctrl-C to stop.', '');
      process.stdout.write(lines.join('\n'));
      logger.info({ signal: await signal }, 'stopping golive dev');
      await stack.stop();
      process.stdout.write('golive stopped.\n');
    });
}
