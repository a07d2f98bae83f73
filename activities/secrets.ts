/**
 * Secrets never travel in the plan (it is workflow input, stored in history): plans reference
 * them as `${secret:NAME}` and only the activity resolves them, from the worker's environment
 * variable GOLIVE_SECRET_<NAME>, read at call time through workers/settings.ts (secretFromEnv).
 * What leaves an activity is scrubbed of them (secret-scrub.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import { secretFromEnv, secretVariable } from '../workers/settings';
import { MIN_SECRET_LENGTH } from './secret-scrub';

const REFERENCE = /\$\{secret:([A-Za-z0-9_]+)\}/g;

export function resolveSecrets(text: string, env?: NodeJS.ProcessEnv): string {
  return text.replace(REFERENCE, (_match, name: string) => {
    const variable = secretVariable(name);
    const value = secretFromEnv(name, env);
    if (value === undefined) {
      throw ApplicationFailure.nonRetryable(`secret ${name} is not set on the worker (${variable})`, 'MissingSecret');
    }
    // Only a value the scrubber recognises may be sent: a shorter one could come back in clear.
    if (value.length < MIN_SECRET_LENGTH) {
      throw ApplicationFailure.nonRetryable(`secret ${name} is too short to keep out of results and logs (${variable}: at least ${MIN_SECRET_LENGTH} characters)`, 'SecretTooShort');
    }
    return value;
  });
}

/** Every string inside a JSON value resolved: a secret holding a quote stays inside its string. */
export function resolveSecretsIn(value: unknown, env?: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') return resolveSecrets(value, env);
  if (Array.isArray(value)) return value.map((item) => resolveSecretsIn(item, env));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveSecretsIn(item, env)]));
}
