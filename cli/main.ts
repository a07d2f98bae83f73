#!/usr/bin/env node
/** The `golive` command. Each sub-command lives in cli/commands/<name>.ts and registers itself here. */
import { Command, CommanderError } from 'commander';
import { SettingsError } from '../workers/settings';
import { registerCommands } from './commands';

export const EXIT_USAGE = 2;

export async function main(argv: string[]): Promise<number> {
  const program = new Command('golive')
    .description('Durable go-live / cutover runbooks on Temporal')
    .exitOverride()
    .showHelpAfterError();
  registerCommands(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other parse failure is a usage error.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    // A bad setting met past a command's own start-up check (golive dev, replay): named, as a usage error.
    if (err instanceof SettingsError) {
      process.stderr.write(`golive: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`golive: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
