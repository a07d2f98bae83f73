/** The API's bearer tokens for `golive api` and `golive dev`: `--tokens-file`, else the environment. */
import { Option } from 'commander';
import { AuthConfigError, loadAuth, type Auth } from '../api/auth';
import { err, EXIT_USAGE } from './io';

export const tokensFileOption = () =>
  new Option('--tokens-file <file>', 'bearer tokens, JSON or YAML {tokens: [{token, operator, roles}]} (default GOLIVE_TOKENS_FILE, or GOLIVE_TOKENS inline)');

/** The tokens, or undefined after reporting a bad tokens document (a usage error, exit 2). */
export function loadAuthOrReport(tokensFile: string | undefined): Auth | undefined {
  try {
    return loadAuth({ tokensFile });
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    err(`golive: ${error.message}`);
    process.exitCode = EXIT_USAGE;
    return undefined;
  }
}
