/**
 * The worker's exit for activity output: what an activity returns or throws goes to the workflow
 * history (and from there to the status document, rollback reasons and notices), so it is
 * scrubbed of worker secrets here, once, for every activity of the registry.
 */
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { asError } from './error-like';
import { scrubText, scrubValue, type SecretEnv } from './secret-scrub';

/**
 * The failure as Temporal would record it (an ApplicationFailure; a plain error becomes one of
 * its name, retryable), with message, stack, details and causes scrubbed. A cancellation (another
 * Temporal failure, an AbortError) carries no outside text and passes as it is: the SDK reports
 * the activity cancelled, not failed, only when it sees one of those.
 */
export function scrubFailure(thrown: unknown, env?: SecretEnv): unknown {
  const err = asError(thrown);
  if ((thrown instanceof TemporalFailure && !(thrown instanceof ApplicationFailure)) || err?.name === 'AbortError') return thrown;
  if (!err) return ApplicationFailure.create({ message: scrubText(String(thrown), env), type: 'Error' });
  const cause = err.cause === undefined ? undefined : (scrubFailure(err.cause, env) as Error);
  const failure =
    err instanceof ApplicationFailure
      ? ApplicationFailure.create({
          message: scrubText(err.message, env),
          type: err.type ?? undefined,
          nonRetryable: err.nonRetryable ?? false,
          details: err.details ? scrubValue(err.details, env) : undefined,
          nextRetryDelay: err.nextRetryDelay ?? undefined,
          category: err.category ?? undefined,
          cause,
        })
      : ApplicationFailure.create({ message: scrubText(err.message, env), type: err.name, cause });
  // The stack begins with the original message: where the error was thrown is kept, the secret is not.
  failure.stack = err.stack === undefined ? undefined : scrubText(err.stack, env);
  return failure;
}

type Activity = (...args: never[]) => Promise<unknown>;

/** Wraps one activity: its result and its failure leave scrubbed (same parameters, same result type). */
function scrubbed<F extends Activity>(activity: F): F {
  const wrapper = async (...args: Parameters<F>) => {
    try {
      return scrubValue(await activity(...args));
    } catch (err) {
      throw scrubFailure(err);
    }
  };
  return wrapper as F;
}

/** The same registry, every activity wrapped by `scrubbed`. */
export function scrubbedActivities<T extends Record<keyof T, Activity>>(activities: T): T {
  const wrapped = { ...activities };
  for (const name of Object.keys(activities) as (keyof T)[]) wrapped[name] = scrubbed(activities[name]);
  return wrapped;
}
