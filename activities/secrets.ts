/**
 * Secrets never travel in the plan (it is workflow input, stored in history): plans reference
 * them as `${secret:NAME}` and only the activity resolves them, from the worker's environment
 * variable GOLIVE_SECRET_<NAME>.
 */
import { ApplicationFailure } from '@temporalio/common';

const REFERENCE = /\$\{secret:([A-Za-z0-9_]+)\}/g;

export function resolveSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(REFERENCE, (_match, name: string) => {
    const value = env[`GOLIVE_SECRET_${name}`];
    if (value === undefined) {
      throw ApplicationFailure.nonRetryable(`secret ${name} is not set on the worker (GOLIVE_SECRET_${name})`, 'MissingSecret');
    }
    return value;
  });
}
