/** `golive dev`: the embedded stack on this machine (see cli/dev-stack.ts); Ctrl-C stops it all. */
import type { Command } from 'commander';
import { describeAuth } from '../../api/auth';
import { DEFAULT_API_PORT } from '../../api/server';
import { logger } from '../../workers/logger';
import { loadAuthOrReport, tokensFileOption } from '../auth-config';
import type { DemoOutcome } from '../demo/demo-driver';
import { usageError } from '../io';
import { DEFAULT_DEMO_PLAN, demoBanner, type DemoMode } from '../demo/demo';
import { startDevStack } from '../dev-stack';
import { untilShutdownSignal } from '../shutdown';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port: ${value}`);
  return n;
};

interface DevCommandOptions {
  apiPort: number;
  temporalPort: number;
  uiPort: number;
  dataDir: string;
  temporalCli?: string;
  demo?: boolean | string;
  auto?: boolean;
  demoPlan: string;
  tokensFile?: string;
}

/** The demo asked for, none, or null after a usage error. */
function demoRequest(options: DevCommandOptions): { plan: string; mode: DemoMode } | undefined | null {
  if (!options.demo && !options.auto) return undefined;
  const mode = options.auto ? 'auto' : options.demo === true ? 'wait' : options.demo;
  if (mode !== 'wait' && mode !== 'auto') return usageError(`golive: --demo takes wait or auto, not ${String(mode)}`) ?? null;
  return { plan: options.demoPlan, mode };
}

/** Lines held back until the banner is out, then written as they come. */
class Banner {
  private held: string[] | null = [];
  readonly tell = (line: string): void => {
    if (this.held) this.held.push(line);
    else process.stdout.write(`${line}\n`);
  };
  open(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const line of held) this.tell(line);
  }
}

function describeOutcome(outcome: DemoOutcome): string {
  const parts = [`demo cutover ended ${outcome.doc.state}`];
  if (outcome.calls) parts.push(`callers: ${Object.entries(outcome.calls).map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
  if (outcome.configurationRestored !== undefined) parts.push(outcome.configurationRestored ? 'configuration identical to the night-before export' : 'configuration differs from the night-before export');
  return parts.join('; ');
}

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('start a Temporal dev server (SQLite, web UI), a worker and the API (open unless tokens are given) on this machine')
    .option('--api-port <port>', 'API and console port', port, DEFAULT_API_PORT)
    .option('--temporal-port <port>', 'Temporal frontend (gRPC) port', port, 7233)
    .option('--ui-port <port>', 'Temporal web UI port', port, 8233)
    .option('--data-dir <dir>', 'where the SQLite file lives; reuse it to keep earlier cutovers', '.golive')
    .option('--temporal-cli <path>', 'use this Temporal CLI binary (also GOLIVE_TEMPORAL_CLI)')
    .option('--demo [mode]', 'also run the demo: `wait` (default) stops at each decision for you; `auto` decides, degrades the traffic and rolls back')
    .option('--auto', 'the same as --demo auto (for `npm start -- --auto`)')
    .option('--demo-plan <name>', 'the example plan the demo runs (examples/<name>.yaml)', DEFAULT_DEMO_PLAN)
    .addOption(tokensFileOption())
    .action(async (options: DevCommandOptions) => {
      const auth = loadAuthOrReport(options.tokensFile);
      if (!auth) return;
      const demo = demoRequest(options);
      if (demo === null) return;
      const signal = untilShutdownSignal();
      // The demo's story starts while the stack comes up: it is told after the banner.
      const story = new Banner();
      const stack = await startDevStack({ ...options, auth, demo, tell: story.tell });
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
      if (stack.demo) {
        const { prepared, running } = stack.demo;
        lines.push(...demoBanner(prepared, running, stack.api.url));
        lines.push(`  in Temporal  ${stack.server.uiUrl}/namespaces/default/workflows/${running.id}`);
        void running.outcome.then((outcome) => outcome && story.tell(describeOutcome(outcome)));
      }
      lines.push('Press Ctrl-C to stop.', '');
      process.stdout.write(lines.join('\n'));
      story.open();
      logger.info({ signal: await signal }, 'stopping golive dev');
      await stack.stop();
      process.stdout.write('golive stopped.\n');
    });
}
