/**
 * `node dist/examples/contact-center/main.js [--port n] [--speed n] [--token t]`: the simulated
 * contact center on its own, for pointing a plan at it by hand. Prints its URL.
 */
import { Command, InvalidArgumentError } from 'commander';
import { startContactCenter } from './server';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
};

const program = new Command('contact-center')
  .description('the simulated contact center (Genesys Cloud and Amazon Connect shaped)')
  .option('--port <n>', 'port (default: a free one)', positive, 0)
  .option('--speed <n>', 'simulated seconds per real second for analytics', positive, 1)
  .option('--call-interval-ms <n>', 'a caller on every number this often', positive, 1000)
  .option('--token <token>', 'require this Bearer token on the platform routes')
  .action(async (options: { port: number; speed: number; callIntervalMs: number; token?: string }) => {
    const server = await startContactCenter(options);
    process.stdout.write(`contact center simulator at ${server.url}\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

void program.parseAsync();
