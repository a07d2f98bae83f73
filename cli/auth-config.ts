/** The API's bearer tokens for `golive api` and `golive dev`: `--tokens-file`, else the environment. */
import { Option } from 'commander';
import { AuthConfigError, loadAuth, type Auth } from '../api/auth';
import { configOrReport } from './io';

export const tokensFileOption = () =>
  new Option('--tokens-file <file>', 'bearer tokens, JSON or YAML {tokens: [{token, operator, roles}]} (default GOLIVE_TOKENS_FILE, or GOLIVE_TOKENS inline)');

/** The tokens, or undefined after reporting a bad tokens document (a usage error, exit 2). */
export function loadAuthOrReport(tokensFile: string | undefined): Auth | undefined {
  return configOrReport(() => loadAuth({ tokensFile }), AuthConfigError);
}
